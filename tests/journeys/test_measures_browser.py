"""In headless Chromium: the plan page with actions judged by customers across two waves, at phone and
desktop width, in English and Dutch, without sideways scrolling. Set CXM_SCREENSHOT_DIR to keep the pictures."""

import os
import re
from pathlib import Path

import pytest

from assessments.journeys.measures import services
from tests import factories
from tests.journeys.conftest import tie

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def judged(org_a, journey, two_waves, plan_action):
    manager = factories.make_user(email="measure.manager@example.org")
    factories.add_member(user=manager, organisation=org_a, role="manager")
    autumn, spring = two_waves
    intake, invoice = journey.moments.get(name_en="Intake"), journey.moments.get(name_en="Invoice")
    tie(intake, autumn.customer_check, "Desk autumn", [9, 9, 9, 6, 7, 8, 7, 5, 8, 7])
    tie(intake, spring.customer_check, "Desk spring", [9] * 14 + [7] * 6)
    tie(invoice, autumn.customer_check, "Bill autumn", [8] * 7 + [6] * 5)
    tie(invoice, spring.customer_check, "Bill spring", [8] * 9 + [6] * 4)
    plan_action.status = "done"
    plan_action.save()
    services.set_measure(action=plan_action, actor=manager, moment=intake, metric="nine_plus", target=40.0)
    from assessments.actions.services.plan import create_action

    other = create_action(
        organisation=org_a,
        assessment=autumn,
        actor=manager,
        data={"title": "Explain the invoice in plain words", "factor_code": "f1", "status": "done"},
    )
    services.set_measure(action=other, actor=manager, moment=invoice, metric="basics", target=80.0)
    return manager


@pytest.mark.parametrize(
    ("locale", "heading"), [("en-GB", "Judged by customers"), ("nl-NL", "Beoordeeld door klanten")]
)
def test_the_plan_page_with_customer_measures(live_server, chromium, org_a, judged, locale, heading, tmp_path):
    out = Path(os.environ.get("CXM_SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale=locale)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("input[name=login]").fill(judged.email)
        page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
        page.goto(f"{live_server.url}/o/{org_a.public_id}/plan/")
        section = page.locator("#customer-measures")
        assert section.locator("h2").inner_text() == heading
        assert section.locator(".measure-item").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        section.scroll_into_view_if_needed()
        section.screenshot(path=out / f"plan-measures-{locale[:2]}-{width}.png")
        context.close()
