"""The trend page of the PDF and the app: dates in the reader's language, a legend, no empty column for a
round still open, a visible method break where the model version changes (issue 23)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.results.services.report_document import build_report_pdf
from tests import factories

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


@pytest.fixture
def rounds(org_a, model_version, structure):
    """Spring 2025 and spring 2026 on model version 1, autumn 2026 on version 2, and an open round just begun.

    Typed in out of order: the latest is created first."""
    teams = [structure["sales"], structure["service"]]

    def closed(title, version, opens, seed):
        scan = factories.make_assessment(
            organisation=org_a,
            model_version=version,
            teams=teams,
            roles=[structure["front"]],
            status="closed",
            title=title,
            opens_at=opens,
            closes_at=opens + datetime.timedelta(days=21),
            closed_at=opens + datetime.timedelta(days=21),
        )
        for i, team in enumerate(teams):
            factories.make_random_responses(assessment=scan, count=6, team=team, role=structure["front"], seed=seed + i)
        return scan

    newer = factories.make_model_version()
    autumn = closed("Autumn 2026", newer, _at(2026, 9, 14), 30)
    spring = closed("Spring 2026", model_version, _at(2026, 3, 2), 20)
    earlier = closed("Spring 2025", model_version, _at(2025, 3, 3), 10)
    factories.make_assessment(
        organisation=org_a,
        model_version=newer,
        teams=teams,
        status="open",
        title="Spring 2027",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=20),
    )
    return earlier, spring, autumn


def _text(assessment, language):
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    pages = [page.extract_text() or "" for page in reader.pages]
    return next(p for p in pages if "Trend" in p and ("Maturity index" in p or "Volwassenheidsindex" in p))


@pytest.mark.parametrize(
    ("language", "months", "method_break", "absent"),
    [
        ("en", ["March 2025", "March 2026", "September 2026"], "Method break", ["2025-03-03", "maart", "Spring 2027"]),
        ("nl", ["maart 2025", "maart 2026", "september 2026"], "Methodebreuk", ["2025-03-03", "March", "Spring 2027"]),
    ],
)
def test_the_pdf_trend_page(rounds, language, months, method_break, absent):
    _earlier, _spring, autumn = rounds
    text = _text(autumn, language)
    for month in months:
        assert month in text
    assert text.count(method_break) == 1
    assert "Autumn 2026" in text.split(method_break, 1)[1]
    for word in absent:
        assert word not in text
    # The legend: the index and every factor, in the drawing itself.
    legend = "Maturity index" if language == "en" else "Volwassenheidsindex"
    assert text.count(legend) >= 2  # the legend and the table's row


def test_the_report_of_an_earlier_round_shows_the_trend_up_to_it(rounds):
    _earlier, spring, _autumn = rounds
    text = _text(spring, "en")
    assert "Spring 2025" in text
    assert "Spring 2026" in text
    assert "Autumn 2026" not in text
    assert "Method break" not in text


def test_the_trend_page_in_the_app(rounds, org_a, manager_a, client):
    client.force_login(manager_a)
    page = client.get(reverse("organisation_trend", kwargs={"org": org_a.public_id}), HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<g class="legend">') == 1
    assert html.count('<g class="method-break">') == 1
    assert "Methodebreuk" in html
    assert ">maart 2026</text>" in html
    assert "Spring 2027" not in html
    assert html.index("Spring 2025") < html.index("Spring 2026") < html.index("Autumn 2026")
