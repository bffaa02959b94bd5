"""In headless Chromium, with the real model's Dutch factor names: at 360 px every radar label is whole and
inside the chart; printing draws the team heatmap (on screen it is drawn lazily, and not at all on phones).
Screenshots go to CXM_SHOTS_DIR when set."""

import os
import re
from pathlib import Path

import pytest

from models_9plus.models import Factor
from tests import factories
from tests.questionnaire.respond.conftest import nineplus  # noqa: F401 (a fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR")


@pytest.fixture
def dutch_scan(org_a, nineplus, structure):  # noqa: F811
    org_a.default_language = "nl"
    org_a.save(update_fields=["default_language"])
    assessment = factories.make_assessment(
        organisation=org_a,
        model_version=nineplus,
        teams=[structure["sales"], structure["service"], structure["north"]],
        roles=[structure["board"], structure["front"]],
    )
    for i, (team, role, count) in enumerate(
        (("sales", "board", 6), ("north", "front", 7), ("service", "front", 6), ("sales", "front", 5))
    ):
        factories.make_random_responses(
            assessment=assessment, count=count, team=structure[team], role=structure[role], seed=i
        )
    user = factories.make_user(email="dashboard.nl@example.org")
    factories.add_member(user=user, organisation=org_a, role="manager")
    return assessment


def _dashboard(browser, live_server, assessment, width, language):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill("dashboard.nl@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    page.goto(f"{live_server.url}/a/{assessment.public_id}/results/?lang={language}")
    page.wait_for_selector("#radar-chart[data-ready=true]")
    return context, page


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


LABEL_BOXES = """() => {
  const chart = document.getElementById('radar-chart').getBoundingClientRect();
  return Array.from(document.querySelectorAll('#radar-chart .angularaxistick text')).map((t) => {
    const box = t.getBoundingClientRect();
    const lines = Array.from(t.querySelectorAll('tspan.line')).map((line) => line.textContent);
    return {text: lines.length ? lines.join(' ') : t.textContent, left: box.left - chart.left,
            right: chart.right - box.right};
  });
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_dutch_radar_labels_are_whole_and_inside(live_server, chromium, dutch_scan, width):
    context, page = _dashboard(chromium, live_server, dutch_scan, width, "nl")
    _shot(page, f"dashboard-nl-{width}")
    labels = page.evaluate(LABEL_BOXES)
    assert len(labels) == 7
    for label in labels:
        assert label["left"] >= 0, label  # nothing cut off at either side
        assert label["right"] >= 0, label
    # Every Dutch name whole: wrapped only between words, no word split.
    names = sorted(Factor.objects.filter(version=dutch_scan.model_version).values_list("name_nl", flat=True))
    assert sorted(label["text"] for label in labels) == names
    context.close()


def test_printing_on_a_phone_draws_the_heatmap(live_server, chromium, dutch_scan):
    context, page = _dashboard(chromium, live_server, dutch_scan, 360, "nl")
    assert page.locator("#heatmap-chart .main-svg").count() == 0  # a phone shows the table, draws nothing
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_selector("#heatmap-chart[data-ready=true]")
    page.emulate_media(media="print")
    assert page.locator("#heatmap-chart").is_visible()
    assert not page.locator(".heatmap-phone").is_visible()
    assert page.evaluate("document.querySelector('#heatmap-chart .main-svg').getBoundingClientRect().width") == 680
    rows = page.evaluate("Array.from(document.querySelectorAll('#heatmap-chart .ytick text')).map(t => t.textContent)")
    assert "Sales (11)" in rows  # 6 board + 5 front office
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        Path(SHOTS, "dashboard-nl-360-print.pdf").write_bytes(page.pdf(format="A4"))
    context.close()


def test_printing_draws_the_heatmap_even_when_never_scrolled_to(live_server, chromium, dutch_scan):
    """page.pdf() is a real print: the heatmap must be on paper without anyone having scrolled to it."""
    import io

    from pypdf import PdfReader

    context, page = _dashboard(chromium, live_server, dutch_scan, 1280, "nl")
    assert page.locator("#heatmap-chart .main-svg").count() == 0  # below the fold: not drawn yet
    pdf = page.pdf(format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Service North (7)" in text  # a row label of the heatmap chart (the tables are not printed)
    context.close()
