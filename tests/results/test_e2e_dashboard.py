"""In headless Chromium: the dashboard draws the radar, and an overlay toggle adds and removes lines; the
heatmap is drawn when it is scrolled into view."""

import os
import re

import pytest

from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.mark.parametrize("width", [360, 1280])
def test_radar_draws_and_overlay_toggles(live_server, browser, make_scan, width):
    assessment = make_scan(sizes={("sales", "board"): 8, ("north", "front"): 7, ("service", "front"): 6})
    user = factories.make_user(email="results.manager@example.org")
    factories.add_member(user=user, organisation=assessment.organisation, role="manager")

    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill("results.manager@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))

    page.goto(f"{live_server.url}/a/{assessment.public_id}/results/")
    page.wait_for_selector("#radar-chart[data-ready=true]")
    count = "document.getElementById('radar-chart').data.length"
    assert page.evaluate(count) == 2  # current and ambition
    assert page.locator("#radar-chart .scatterlayer .trace").count() == 2

    page.locator("label[for=overlay-teams]").click()
    page.wait_for_function(f"{count} > 2")
    assert page.evaluate(count) == 4  # Sales and Service
    assert page.locator("#radar-chart .scatterlayer .trace").count() == 4
    assert page.locator("#radar-chart .legend .legendtext", has_text="Sales").count() == 1

    page.locator("label[for=overlay-teams]").click()
    page.wait_for_function(f"{count} == 2")

    # The heatmap is drawn only when it comes into view; phones never draw it (they show its table).
    heatmap = "#heatmap-chart .hm, #heatmap-chart .heatmaplayer image"
    if width >= 768:
        assert page.locator(heatmap).count() == 0  # below the fold on arrival
        page.locator("#heatmap-chart").scroll_into_view_if_needed()
        page.wait_for_selector("#heatmap-chart[data-ready=true]")
        assert page.locator(heatmap).count() >= 1
    else:
        page.locator(".heatmap-phone").scroll_into_view_if_needed()
        assert page.locator(".heatmap-phone table").is_visible()
        assert page.locator("#heatmap-chart .main-svg").count() == 0
    assert errors == []
