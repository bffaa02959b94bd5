"""The outside-in page of the PDF report, registered with results.contributions."""

import io

import pytest
from pypdf import PdfReader

from assessments.outside_in.models import CustomerCheck
from assessments.results.services.report_document import build_report_pdf
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link

pytestmark = pytest.mark.django_db


def _text(assessment, language):
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_has_the_outside_in_page_and_hides_figures_below_the_minimum(check, cx_assessment):
    factories.make_random_responses(assessment=cx_assessment, count=6, team=cx_assessment.teams.get())
    link = make_link(check)
    add_customer_responses(link, [10, 9, 9, 8, 8, 7, 7, 6, 5])  # 9: one below the minimum of 10
    text = _text(cx_assessment, "en")
    assert "What customers say" in text
    assert "Customer figures are shown from 10 responses; there are 9 so far." in text
    assert "average grade" not in text
    add_customer_responses(link, [10])
    text = _text(cx_assessment, "nl")
    assert "Wat klanten zeggen" in text
    assert "7,9" in text or "7.9" in text
    assert "40%" in text


def test_pdf_without_customer_check_has_no_outside_in_page(cx_assessment):
    factories.make_random_responses(assessment=cx_assessment, count=6, team=cx_assessment.teams.get())
    assert not CustomerCheck.objects.exists()
    assert "What customers say" not in _text(cx_assessment, "en")
