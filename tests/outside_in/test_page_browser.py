"""In headless Chromium, Dutch, at 360 and 1280 px: the Outside-in page shows the customers' view per factor
as "% agree" on its own scale (no difference with the maturity score), "Gemak" for ease, and the 9+-share
gap in percentage points, management first. Screenshots go to CXM_SHOTS_DIR when set."""

import os
import re
from pathlib import Path

import pytest

from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_outside_in_page_in_dutch(live_server, chromium, full_check, width):
    user = factories.make_user(email="oi.nl@example.org")
    factories.add_member(user=user, organisation=full_check.organisation, role="manager")
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill("oi.nl@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    page.goto(f"{live_server.url}/a/{full_check.public_id}/outside-in/?lang=nl")
    if os.environ.get("CXM_SHOTS_DIR"):
        Path(os.environ["CXM_SHOTS_DIR"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(os.environ["CXM_SHOTS_DIR"], f"outside-in-nl-{width}.png")), full_page=True)
    text = page.locator("#outside-in").inner_text()
    # The fixture's customers answered both ease questions: the share on the new 1-5 statement leads, the
    # mean of the earlier 1-7 question is named as such, and the method break is said.
    assert "Vond het makkelijk om te regelen wat ze nodig hadden" in text
    assert "Gemak, eerdere vraag (1 = heel moeilijk, 7 = heel makkelijk)" in text
    assert "Methodebreuk: Gemak wordt nu gevraagd als stelling" in text
    assert "Moeite" not in text
    rows = [row.inner_text().split("\t") for row in page.locator("#oi-gap tbody tr").all()]
    assert rows[0] == ["Management", "9,0", "+1,7", "60%", "+40 procentpunt"]
    assert rows[1] == ["Medewerkers", "7,0", "\u22120,4", "25%", "+5 procentpunt"]
    factor = page.locator("#oi-factors tbody tr").first.inner_text()
    assert "60% (95%-interval 39–78%, 20 antwoorden)" in factor
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
