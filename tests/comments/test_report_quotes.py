"""The PDF report quotes only the picked comments once any are picked (read back with pypdf)."""

import io

import pytest
from pypdf import PdfReader

from assessments.comments import services
from assessments.comments.selectors.board import comment_board
from assessments.results.services.report_document import build_report_pdf
from tests.comments.conftest import add_customers

pytestmark = pytest.mark.django_db


def _text(assessment, language):
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_shows_only_the_picked_quotes(scan):
    add_customers(scan, ["Bel me sneller terug"], extra=6)
    before = _text(scan, "en")
    assert "Meer opleiding graag" in before  # the automatic choice quotes it
    board = comment_board(assessment=scan, language="en")
    for row in board.rows:
        if row.text in ("The workload is too high.", "Bel me sneller terug"):
            services.set_picked(
                assessment=scan,
                target=services.Target(
                    scope=row.scope, comment_id=row.comment_id, customer_response_id=row.customer_response_id
                ),
                picked=True,
            )
    after = _text(scan, "en")
    assert "The workload is too high." in after
    assert "Meer opleiding graag" not in after
    assert "Alpha f2" not in after
    assert "Quotes chosen by the CX manager from all comments on this factor." in after
    assert "What customers said" in after
    assert "Bel me sneller terug" in after
