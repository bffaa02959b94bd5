"""The outside-in page of the PDF report, registered with results.contributions."""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments.outside_in.models import CustomerCheck
from assessments.results.services.report_document import build_report_pdf
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link

pytestmark = pytest.mark.django_db


def _text(assessment, language):
    pdf = build_report_pdf(assessment=assessment, language=language)
    if os.environ.get("CXM_PDF_DIR"):  # to look at it: pdftoppm -r 60 -png
        Path(os.environ["CXM_PDF_DIR"], f"{assessment.pk}-{language}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
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


def _outside_in_page(text, heading):
    return " ".join(text[text.index(heading) :].split())  # one line: the PDF wraps where it likes


def test_pdf_customer_page_is_charts_with_the_gap_figures(full_check):
    text = _outside_in_page(_text(full_check, "en"), "What customers say")
    # The grade bands (legend of the chart): 6 or lower 4 of 20, 7 or 8 12 of 20, 9 or 10 4 of 20.
    assert "6 or lower, dissatisfied: 20%" in text
    assert "7 or 8, indifferent: 60%" in text
    assert "9 or 10, loyal: 20%" in text
    # The knowledge gap: management first, the same gap figures as the Outside-in page, the share gap in pp.
    assert "Customers: 7.4" in text  # 147 / 20 = 7.35, rounded half up
    assert "9.0 (+1.7)" in text  # management's grade estimate: 9 - 7.35
    assert "60% (+40 pp)" in text
    assert "25% (+5 pp)" in text
    assert "Management" in text
    # Per factor: % agree on its own scale, never a difference with the maturity score.
    assert "60% (20 answers)" in text
    assert "Internal score" not in text
    assert "60% found it easy to arrange what they needed." in text
    assert "Ease, earlier question: 6.0 (1 = very difficult, 7 = very easy)." in text
    assert "Method break: Ease is now asked as a statement on the same 1 to 5 agree scale" in text
    assert "Effort" not in text


def test_dutch_pdf_customer_page(full_check):
    text = _outside_in_page(_text(full_check, "nl"), "Wat klanten zeggen")
    assert "Klanten: 7,4" in text
    assert "+40 procentpunt" in text
    assert "60% vond het makkelijk om te regelen wat ze nodig hadden." in text
    assert "Gemak, eerdere vraag: 6,0 (1 = heel moeilijk, 7 = heel makkelijk)." in text
    assert "Methodebreuk: Gemak wordt nu gevraagd als stelling" in text
    assert "Effort" not in text


def test_knowledge_gap_rows_put_management_first(full_check):
    from assessments.outside_in.charts import gap_rows
    from assessments.outside_in.selectors import customer_check_for, outside_in_summary

    summary = outside_in_summary(assessment=full_check, check=customer_check_for(assessment=full_check))
    assert [g.kind for g in gap_rows(estimates=summary.estimates, language="en")] == [
        "management",
        "staff",
        "organisation",
        "team",
    ]


def test_pdf_without_estimates_says_so_once(check, cx_assessment):
    factories.make_random_responses(assessment=cx_assessment, count=6, team=cx_assessment.teams.get())
    add_customer_responses(make_link(check), [8] * 10)
    text = _outside_in_page(_text(cx_assessment, "en"), "What customers say")
    assert "Nobody estimated the customers' grade yet." in text
    assert "no estimates" not in text
