"""In headless Chromium, from an empty database: a CX manager signs up, confirms her email address (the link
read from Django's outbox), sets up her own organisation, follows the guide to an assessment with two teams
and its respondents, and invites a colleague who signs up through the invitation.

Every step is photographed at 360 and 1280 px into CXM_SHOTS_DIR when it is set (the first steps in Dutch
too), e.g. CXM_SHOTS_DIR=/tmp/accounts-shots.
"""

import os
import re

import pytest
from django.core import mail
from django.core.management import call_command

from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment, Invitation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR", "")
PASSWORD = "fresh-start-password-2026"


def _shoot(page, name, *, dutch=False):
    """Both widths of the page as it is; with `dutch`, also in Dutch (reloaded with the language cookie)."""
    if not SHOTS:
        return
    root = re.match(r"https?://[^/]+", page.url).group(0) + "/"  # one cookie for the whole site
    for language in ("en", "nl") if dutch else ("en",):
        if language == "nl":
            page.context.add_cookies([{"name": "django_language", "value": "nl", "url": root}])
            page.reload()
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=os.path.join(SHOTS, f"{name}-{language}-{width}.png"), full_page=True)
        if language == "nl":
            page.context.add_cookies([{"name": "django_language", "value": "en", "url": root}])
            page.reload()
    page.set_viewport_size({"width": 1280, "height": 900})


def _guide_step(page, key):
    return page.locator(f".first-run-guide [data-step={key}]")


def _mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_cx_manager_starts_alone_and_brings_a_colleague(live_server, chromium):
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", verbosity=0)
    assert not Organisation.objects.exists()
    base = live_server.url
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()

    # 1. Sign up.
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url(f"{base}/accounts/signup/")
    _shoot(page, "01-sign-up", dutch=True)
    page.locator("input[name=email]").fill("eva@zorg.example")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/accounts/confirm-email/")
    assert "Confirm your email address" in page.content()
    _shoot(page, "02-check-your-email", dutch=True)

    # 2. Confirm the address with the link from the email.
    (confirmation,) = _mail_to("eva@zorg.example")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", confirmation.body).group(1)
    page.goto(base + link)
    _shoot(page, "03-confirm", dutch=True)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/o/")
    assert "Welcome to cxmaturity" in page.content()
    assert "ask your CX manager or consultant for an invitation" not in page.content()
    _shoot(page, "04-welcome", dutch=True)

    # 3. Her own organisation: she is its CX manager.
    page.get_by_role("link", name="Set up your organisation").click()
    _shoot(page, "05-new-organisation", dutch=True)
    assert page.locator("input[name=relationship][value=own]").is_checked()
    page.locator("input[name=name]").fill("Zorggroep Eva")
    page.locator("input[name=sector]").fill("Healthcare")
    page.get_by_role("button", name="Create organisation").click()
    page.wait_for_url(re.compile(r"/o/[0-9a-f-]{36}/$"))
    home = page.url
    organisation = Organisation.objects.get(name="Zorggroep Eva")
    assert Membership.objects.get(organisation=organisation).role == "manager"
    assert page.locator(".first-run-guide").is_visible()
    assert _guide_step(page, "organisation").get_attribute("data-done") == "yes"
    _shoot(page, "06-guide-start", dutch=True)

    # 4. Two teams, through the guide.
    _guide_step(page, "teams").get_by_role("link").click()
    team_form = page.url
    _shoot(page, "07-add-team")
    for name in ("Sales", "Service"):
        page.goto(team_form)
        page.locator("main input[name=name]").fill(name)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    page.goto(home)
    assert _guide_step(page, "teams").get_attribute("data-done") == "yes"
    _shoot(page, "08-guide-teams-done")

    # 5. The first assessment, with both teams.
    _guide_step(page, "assessment").get_by_role("link").click()
    page.locator("input[name=title]").fill("CX scan spring")
    for team in ("Sales", "Service"):
        assert page.get_by_label(team, exact=True).is_checked()
    _shoot(page, "09-new-assessment")
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_url(re.compile(r"/a/[0-9a-f-]{36}/$"))
    assessment = Assessment.objects.get(title="CX scan spring")
    assert sorted(assessment.teams.values_list("name", flat=True)) == ["Sales", "Service"]

    # 6. Respondents: addresses per team.
    page.goto(home)
    _guide_step(page, "respondents").get_by_role("link").click()
    page.locator("textarea[name=addresses]").fill("ann@zorg.example;Sales\nbob@zorg.example;Service")
    page.locator("textarea[name=addresses]").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert Invitation.objects.filter(assessment=assessment).count() == 2
    _shoot(page, "10-invitations")

    # 7. Open it: the invitations go out.
    page.goto(home)
    _guide_step(page, "open").get_by_role("link").click()
    page.locator(f"a[href$='/a/{assessment.public_id}/open/']").first.click()
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(re.compile(r"/a/[0-9a-f-]{36}/$"))
    assessment.refresh_from_db()
    assert assessment.status == "open"
    assert _mail_to("ann@zorg.example")
    page.goto(home)
    _shoot(page, "11-guide-last-step", dutch=True)

    # 8. A colleague, invited as CX manager; the guide is then done and goes away.
    _guide_step(page, "colleagues").get_by_role("link").click()
    page.locator("input[name=email]").fill("tom@zorg.example")
    page.locator("select[name=role]").select_option("manager")
    _shoot(page, "12-invite-colleague")
    page.locator("input[name=email]").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(home)
    assert page.locator(".first-run-guide").count() == 0
    _shoot(page, "13-home-after-guide", dutch=True)
    context.close()

    # 9. The colleague signs up through the invitation.
    (invitation,) = _mail_to("tom@zorg.example")
    join = re.search(r"https?://[^/\s]+(/join/\S+/)", invitation.body).group(1)
    colleague = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = colleague.new_page()
    page.goto(base + join)
    _shoot(page, "14-join", dutch=True)
    page.locator("input[name=new_password1]").fill(PASSWORD + "-tom")
    page.locator("input[name=new_password2]").fill(PASSWORD + "-tom")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(home)
    assert Membership.objects.get(organisation=organisation, user__email="tom@zorg.example").role == "manager"
    assert "Zorggroep Eva" in page.content()
    _shoot(page, "15-colleague-in", dutch=True)
    colleague.close()
