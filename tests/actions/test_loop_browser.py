"""In headless Chromium, the whole loop: close a round, plan three actions from the priorities, mark one
done, start the next round, see the trend with the action marked; a viewer sees it all and can change
nothing; a respondent opens the published summary with their own link."""

import os
import re

import pytest

from assessments.actions.models import PlanAction
from tests import factories
from tests.questionnaire.respond.builders import make_invitation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR", "")


def _login(browser, live_server, email, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    return context, page


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_from_results_to_the_next_round(live_server, chromium, make_scan, org_a):
    scan = make_scan(
        sizes={("sales", "board"): 6, ("sales", "front"): 6, ("service", "front"): 6}, seed=9, title="Spring scan"
    )
    _invitation, token = make_invitation(assessment=scan, team=scan.teams.first())
    manager = factories.make_user(email="loop.manager@example.org")
    factories.add_member(user=manager, organisation=org_a, role="manager")
    viewer = factories.make_user(email="loop.viewer@example.org")
    factories.add_member(user=viewer, organisation=org_a, role="viewer")
    base = live_server.url
    context, page = _login(chromium, live_server, "loop.manager@example.org")

    # Close the round.
    page.goto(f"{base}/a/{scan.public_id}/close/")
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(f"{base}/a/{scan.public_id}/")

    # Three actions from the priorities, each with its owner and due date; the suggestion then shows it is in.
    page.goto(f"{base}/o/{org_a.public_id}/plan/")
    for rank in range(3):
        block = page.locator("#suggestions .col-lg-4").nth(rank).locator(".suggestion").first
        block.locator("summary").click()
        block.locator("select[name=owner]").select_option(label="loop.manager@example.org")
        block.locator("input[name=due_date]").fill("2030-03-01")
        block.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        block = page.locator("#suggestions .col-lg-4").nth(rank).locator(".suggestion").first
        assert block.locator(".suggestion-added").inner_text().strip() == "In the plan · Loop Manager · 1 Mar 2030"
        assert block.locator("summary").count() == 0
    rows = page.locator("table tbody tr")
    assert rows.count() == 3

    # Mark one done.
    first = rows.first
    title = first.locator("a.fw-semibold").inner_text()
    first.locator("select[name=status]").select_option("done")
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table tbody tr", has_text=title).locator(".status-done").count() == 1
    _shot(page, "plan-desktop-en")

    # Start the next round, with the set-up copied.
    page.goto(f"{base}/a/{scan.public_id}/")
    page.get_by_role("link", name="Start the next round").click()
    page.locator("input[name=title]").fill("Autumn scan")
    page.get_by_role("button", name="Create the next round").click()
    page.wait_for_load_state()
    assert page.locator("h1", has_text="Autumn scan").count() == 1

    # The new round has no answers yet: no empty column for it; the action is done since the latest round.
    page.goto(f"{base}/o/{org_a.public_id}/trend/")
    assert page.locator("svg .action-marker").count() == 0
    assert page.locator("thead th", has_text="Autumn scan").count() == 0
    assert "1 action was completed after the latest round" in page.content()
    assert page.locator("table", has_text=title).count() == 1
    _shot(page, "trend-desktop-en")

    # Publish the summary for respondents.
    page.goto(f"{base}/a/{scan.public_id}/share/")
    page.get_by_role("button", name="Publish for respondents").click()
    page.wait_for_load_state()
    assert "Published on" in page.content()
    context.close()

    # A viewer sees everything and can change nothing.
    context, page = _login(chromium, live_server, "loop.viewer@example.org")
    page.goto(f"{base}/o/{org_a.public_id}/")
    assert page.locator(".landing", has_text="Spring scan").count() == 1
    page.goto(f"{base}/o/{org_a.public_id}/plan/")
    assert page.locator("table tbody tr").count() == 3
    assert page.locator("table select[name=status]").count() == 0
    assert page.locator("#suggestions").count() == 0
    assert page.get_by_role("link", name="New action").count() == 0
    page.goto(f"{base}/o/{org_a.public_id}/trend/")
    assert page.locator("thead th", has_text="Spring scan").count() == 1
    page.locator("table a", has_text=title).click()
    assert page.locator("form[action$='/status/']").count() == 0
    assert page.get_by_role("link", name="Edit").count() == 0
    post_status = """async (url) => (await fetch(url, {
        method: 'POST',
        headers: {'X-CSRFToken': document.cookie.replace(/.*csrftoken=([^;]*).*/, '$1')},
        body: new URLSearchParams({status: 'dropped'}),
    })).status"""
    status = page.evaluate(post_status, page.url + "status/")
    assert status == 403
    assert not PlanAction.objects.filter(status="dropped").exists()
    page.goto(f"{base}/a/{scan.public_id}/share/")
    assert page.get_by_role("button", name="Unpublish").count() == 0
    context.close()

    # A respondent opens the published summary with their own link.
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{base}/r/{token}/")
    page.locator("a[href='/r/summary/']").click()  # the survey's language is the organisation's (Dutch)
    assert page.locator("h1", has_text="Wat de vragenlijst liet zien").count() == 1
    # The manager added the action in English; the Dutch summary shows it in Dutch ("Do 2.1a" -> "Doe 2.1a").
    dutch_title = PlanAction.objects.get(title=title).title_nl
    assert dutch_title == "Doe " + title.removeprefix("Do ")
    assert page.locator("text=" + dutch_title).count() == 1
    assert "Sales" not in page.content()
    context.close()
