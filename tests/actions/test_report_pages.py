"""The PDF's next-steps and trend pages and the factor pages' statements, read back in nl and en."""

import io

import pytest
from pypdf import PdfReader

from assessments.actions.services import plan as services
from assessments.results.services.report_document import build_report_pdf


@pytest.fixture
def two_rounds(make_scan, manager_a, org_a):
    first = make_scan(sizes={("sales", "front"): 6, ("service", "front"): 6}, seed=11, status="closed", title="Spring")
    action = services.create_action(
        organisation=org_a,
        assessment=first,
        actor=manager_a,
        data={"title": "Customer journey walk", "factor_code": "f2", "owner_name": "Pat Jansen"},
    )
    services.set_status(action=action, actor=manager_a, status="done")
    services.create_action(
        organisation=org_a,
        assessment=first,
        actor=manager_a,
        data={"title": "Weekly feedback huddle", "factor_code": "f1"},
    )
    second = make_scan(
        sizes={("sales", "front"): 6, ("service", "front"): 6}, seed=12, status="closed", title="Autumn", previous=first
    )
    return first, second


def _text(assessment, language):
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Next steps",
                "Customer journey walk",
                "Pat Jansen",
                "Trend",
                "Maturity index",
                "Spring",
                "Autumn",
                "Strongest statement",
                "Weakest statement",
                "has not been scheduled yet",
            ],
        ),
        (
            "nl",
            [
                "Vervolgstappen",
                "Customer journey walk",
                "Pat Jansen",
                "Trend",
                "Volwassenheidsindex",
                "Spring",
                "Autumn",
                "Sterkste stelling",
                "Zwakste stelling",
                "nog niet gepland",
            ],
        ),
    ],
)
def test_next_steps_and_trend_pages(two_rounds, language, expected):
    text = _text(two_rounds[1], language)
    for snippet in expected:
        assert snippet.lower() in text.lower(), snippet  # headings may be upper-cased by the CSS


def test_no_trend_page_with_one_round(make_scan):
    scan = make_scan(sizes={("sales", "front"): 6}, seed=4, status="closed")
    text = _text(scan, "en")
    assert "Next steps" in text
    assert "No actions planned yet" in text
    assert "Rounds over time" not in text
