"""Printing the dashboard (a real print: Playwright's page.pdf() in headless Chromium) gives what the PDF report
gives: the charts drawn, no navigation or buttons, and the teams and the factors each starting a page.
Also the read-only board link's page. The PDFs and their pages as PNGs go to CXM_SHOTS_DIR when set."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments.actions.services.board_links import create_board_link
from tests.questionnaire.respond.conftest import nineplus  # noqa: F401 (a fixture)
from tests.results.test_dashboard_narrow_browser import _dashboard, dutch_scan  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR")

HEADINGS = {
    "en": ["Where we stand per factor", "Top priorities", "Teams compared", "Factors in detail", "Comments"],
    "nl": [
        "Waar we staan per factor",
        "Belangrijkste prioriteiten",
        "Teams vergeleken",
        "Factoren in detail",
        "Opmerkingen",
    ],
}
# Navigation, tabs, breadcrumbs, buttons and the footer stay off paper.
NOT_PRINTED = {
    "en": ["Invitations", "Share results", "Export", "Skip to content", "About the model", "open-source CX maturity"],
    "nl": ["Uitnodigingen", "Resultaten delen", "Exporteren", "Over het model", "open-source CX-volwassenheidsscans"],
}


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _keep(pdf: bytes, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    path = Path(SHOTS) / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(path.with_suffix(""))], check=True)  # noqa: S603, S607


def _starts_a_page(pages: list[str], heading: str) -> bool:
    return any(text.lstrip().startswith(heading) for text in pages)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_dashboard_prints_like_the_report(live_server, chromium, dutch_scan, language):  # noqa: F811
    context, page = _dashboard(chromium, live_server, dutch_scan, 1280, language)
    pdf = page.pdf(format="A4", print_background=True)
    _keep(pdf, f"dashboard-{language}-print")
    pages = _pages(pdf)
    text = " ".join(pages)
    for heading in HEADINGS[language]:
        assert heading in text, heading
    for hidden in NOT_PRINTED[language]:
        assert hidden not in text, hidden
    assert "Service North (7)" in text  # the heatmap chart's row label: drawn although never scrolled to
    # The radar is drawn at the paper's width, its factor labels in the PDF (the cards name them once more).
    assert page.evaluate("document.querySelector('#radar-chart .main-svg') !== null")
    assert _starts_a_page(pages, HEADINGS[language][-3])  # the teams
    assert _starts_a_page(pages, HEADINGS[language][-2])  # the factors
    # After printing the screen is as it was: charts back to the window's width, folded text folded.
    assert page.evaluate("document.querySelectorAll('details[data-print-opened]').length") == 0
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_board_link_prints_too(live_server, chromium, dutch_scan, manager_a, language):  # noqa: F811
    _link, token = create_board_link(assessment=dutch_scan, actor=manager_a, label="Board", shows="page", days=7)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/b/{token}/?lang={language}")
    page.wait_for_selector("#radar-chart[data-ready=true]")
    pdf = page.pdf(format="A4", print_background=True)
    _keep(pdf, f"board-{language}-print")
    pages = _pages(pdf)
    text = " ".join(pages)
    assert dutch_scan.title in text
    assert "Service North (7)" in text
    for heading in HEADINGS[language]:
        assert heading in text, heading
    assert ("English" if language == "nl" else "Nederlands") not in text  # the language buttons
    context.close()
