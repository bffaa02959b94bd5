"""In headless Chromium, the whole walk: a manager maps a journey with two moments, ties a customer link to
the intake and opens its printable QR code; a customer answers on a phone; the journey page shows the
moment's customers (once the minimum is reached) on a phone without sideways scrolling."""

import os
import re

import pytest

from assessments.outside_in.models import CustomerLink, CustomerResponse
from tests import factories
from tests.journeys.conftest import add_customer_responses

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.CXM_OPEN_LINK_MIN_SECONDS = 0  # a test answers faster than a person


def _login(browser, live_server, email, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    return context, page


def test_map_a_journey_print_a_qr_code_and_see_the_customers(live_server, chromium, org_a, round_with_check, desk):
    manager = factories.make_user(email="journey.manager@example.org")
    factories.add_member(user=manager, organisation=org_a, role="manager")
    base = live_server.url
    context, page = _login(chromium, live_server, manager.email, 1280)
    page.goto(f"{base}/o/{org_a.public_id}/journeys/")
    page.get_by_role("link", name="Add journey").click()
    page.get_by_label("Name (English)").fill("New client")
    page.get_by_label("Name (Dutch)").fill("Nieuwe klant")
    page.get_by_role("button", name="Save").click()
    for name_en, name_nl, target in (("Intake", "Intake", "A reliable basic"), ("Invoice", "Factuur", "9+")):
        page.get_by_role("link", name="Add moment").click()
        page.get_by_label("Name (English)").fill(name_en)
        page.get_by_label("Name (Dutch)").fill(name_nl)
        page.get_by_label("Owning team").select_option(label="Desk")
        page.get_by_label(re.compile(target)).check()
        page.get_by_role("button", name="Save").click()
        page.wait_for_selector(f"text={name_en}")
    journey_url = page.url
    page.get_by_role("link", name="Customer links").first.click()
    page.get_by_label("Label (where customers find it)").fill("Desk QR")
    page.get_by_role("button", name="Add link").click()
    page.wait_for_selector(".qr-code svg")
    assert page.locator(".qr-moment").inner_text() == "Intake"
    link = CustomerLink.objects.get(label="Desk QR")
    assert f"/c/{link.token}/" in page.locator(".qr-url").inner_text()
    context.close()

    phone = chromium.new_context(viewport={"width": 360, "height": 780}, locale="nl-NL")
    customer = phone.new_page()
    customer.goto(f"{base}/c/{link.token}/?lang=nl")
    customer.locator("input[name=grade][value='6']").check()
    customer.get_by_role("button", name="Versturen").click()
    customer.wait_for_url(re.compile(r".*/thanks/.*"))
    phone.close()
    assert CustomerResponse.objects.get().grade == 6

    context, page = _login(chromium, live_server, manager.email, 360)
    page.goto(journey_url)
    assert (
        "Customer figures are shown from 10 responses; there are 1 so far." in page.locator(".journey-row").inner_text()
    )
    add_customer_responses(link, [6, 6, 7, 7, 8, 8, 9, 9, 10])  # 10 in all: 30% give a 6
    page.reload()
    intake = page.locator(".moment-card").first
    assert "basics missed" in intake.inner_text()
    assert "70%" in intake.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
