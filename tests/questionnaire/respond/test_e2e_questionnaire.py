"""End to end in headless Chromium: a manager sets up and invites, a respondent on a phone answers half,
closes the browser, resumes in a new browser with the same link, finishes and submits, and the
manager's progress page shows the completion. Axe checks the respondent pages on the way.
"""

import os
import re

import pytest
from django.core import mail

from assessments.questionnaire.models import Answer, Assessment, FactorAmbition, Invitation, Response
from tests import factories
from tests.questionnaire.respond.conftest import DESKTOP, PHONE, assert_no_axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The 9+ model, version 2.1: 50 statements, 7 per factor and 8 in Service & Experience Design. This respondent
# has no role, so the 3 statements marked for management are asked too; the pages say how many each factor has.
STATEMENTS = 50


def manager_sets_up_and_invites(browser, base, organisation):
    """Through the manager's own pages: sign in, create a draft, invite one person, open it."""
    context = browser.new_context(viewport=DESKTOP, locale="en")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("cx.manager@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))

    page.goto(f"{base}/o/{organisation.public_id}/assessments/new/")
    page.locator("input[name=title]").fill("CX scan spring")
    page.locator("textarea[name=intro_en]").fill("Help us see where we stand with our customers.")
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_url(re.compile(r"/a/[0-9a-f-]+/$"))
    assessment = Assessment.objects.get(title="CX scan spring")

    page.goto(f"{base}/a/{assessment.public_id}/invitations/")
    page.locator("textarea[name=addresses]").fill("anna@example.org")
    page.locator("select[name=team]").select_option(label="Customer service")
    page.locator("form[action$='/invitations/paste/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert Invitation.objects.filter(assessment=assessment, email="anna@example.org").count() == 1

    page.goto(f"{base}/a/{assessment.public_id}/open/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/a/[0-9a-f-]+/$"))
    assessment.refresh_from_db()
    assert assessment.status == "open"
    return context, page, assessment


def link_from_email(base):
    message = next(m for m in mail.outbox if "anna@example.org" in m.to)
    token = re.search(r"/r/([A-Za-z0-9_-]{20,100})/", message.body).group(1)
    return f"{base}/r/{token}/"


def answer_step(page, step, *, count=None, value="3", ambition="4"):
    """Clicks answers for the first `count` statements of the open factor page (all of them by default), then
    the factor's ambition (asked once per factor, below the statements). Returns how many statements the page
    has."""
    fieldsets = page.locator("fieldset.respond-statement:not(.respond-factor-ambition)")
    assert page.locator("input[name^='a-']").count() == 0  # no ambition per statement any more
    shown = fieldsets.count()
    for index in range(shown if count is None else count):
        statement = fieldsets.nth(index)
        current = statement.locator(f"input[name^='c-'][value='{value}']")
        page.locator(f"label[for='{current.get_attribute('id')}']").click()
    target = page.locator(f"input[name^='fa-'][value='{ambition}']")
    page.locator(f"label[for='{target.get_attribute('id')}']").click()
    page.locator("#save-status").get_by_text("All answers saved").wait_for()
    return shown


def test_manager_invites_respondent_answers_half_resumes_elsewhere_and_submits(live_server, chromium, nineplus):
    organisation = factories.make_organisation(name="Acme Care", accent_colour="#7c3aed", default_language="en")
    manager = factories.make_user(email="cx.manager@example.org")
    factories.add_member(user=manager, organisation=organisation, role="manager")
    factories.make_team(organisation=organisation, name="Customer service")
    factories.make_team(organisation=organisation, name="Sales")
    base = live_server.url

    manager_context, manager_page, assessment = manager_sets_up_and_invites(chromium, base, organisation)
    assert assessment.model_version.ambition_per_factor  # a new assessment asks the current model (2.1)
    link = link_from_email(base)
    factor_count = assessment.model_version.factors.count()
    half = factor_count // 2

    # First phone session: start and answer the first half (the last of those only partly).
    phone = chromium.new_context(viewport=PHONE, locale="en", is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(link)
    assert page.url == f"{base}/r/start/"  # the token left the address bar
    assert_no_axe_violations(page)
    page.locator(".respond-start-form button[type=submit]").click()
    page.wait_for_url(f"{base}/r/step/1/")
    assert_no_axe_violations(page)
    shown = {}
    for step in range(1, half + 1):
        shown[step] = answer_step(page, step, count=None if step < half else 2)
        if step < half:
            page.get_by_role("button", name="Next").click()
            page.wait_for_url(f"{base}/r/step/{step + 1}/")
    page.locator("#id_comment").fill("Our service desk is great, our website is not.")
    page.locator("#save-status").get_by_text("All answers saved").wait_for()
    phone.close()  # the browser is gone, nothing was submitted

    saved = sum(shown[step] for step in range(1, half)) + 2
    assert Answer.objects.filter(current=3, ambition=None).count() == saved
    assert FactorAmbition.objects.filter(value=4).count() == half
    response = Response.objects.get()
    assert response.submitted_at is None
    assert response.last_step == half
    version_before_submit = Assessment.objects.get(pk=assessment.pk).data_version

    # A new browser with the same link: back on the same step, every answer restored.
    phone = chromium.new_context(viewport=PHONE, locale="en", is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(link)
    page.wait_for_url(f"{base}/r/step/{half}/")
    assert page.locator("input[name^='c-']:checked").count() == 2
    assert page.locator("input[name^='fa-']:checked").count() == 1
    assert page.locator("#id_comment").input_value() == "Our service desk is great, our website is not."
    page.goto(f"{base}/r/step/1/")
    assert page.locator("input[name^='c-'][value='3']:checked").count() == shown[1]
    page.goto(f"{base}/r/step/{half}/")

    # Finish: the rest of this factor, then every remaining factor.
    answer_step(page, half)
    for step in range(half, factor_count):
        page.get_by_role("button", name="Next").click()
        page.wait_for_url(f"{base}/r/step/{step + 1}/")
        shown[step + 1] = answer_step(page, step + 1)
    assert sum(shown.values()) == STATEMENTS
    page.get_by_role("button", name="Review your answers").click()
    page.wait_for_url(f"{base}/r/review/")
    assert_no_axe_violations(page)
    assert page.locator(".respond-review-counts .is-open").count() == 0
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(f"{base}/r/thanks/")
    assert_no_axe_violations(page)
    assert page.get_by_role("heading", name="Thank you!").is_visible()

    # The link now says "already done" and nothing changes any more.
    page.goto(link)
    assert page.get_by_role("heading", name="You have already completed this survey").is_visible()
    phone.close()

    response.refresh_from_db()
    assert response.submitted_at is not None
    assert Answer.objects.filter(response=response).count() == STATEMENTS
    assert Answer.objects.filter(response=response, current=3).count() == STATEMENTS
    assert FactorAmbition.objects.filter(response=response, value=4).count() == factor_count
    assessment.refresh_from_db()
    assert assessment.data_version == version_before_submit + 1

    # The manager's progress page counts the completion (and only counts: no answers shown).
    manager_page.goto(f"{base}/a/{assessment.public_id}/progress/")
    assert manager_page.locator("[data-cell=total-invited]").inner_text().strip() == "1"
    assert manager_page.locator("[data-cell=total-completed]").inner_text().strip() == "1"
    assert "Our service desk is great" not in manager_page.content()
    manager_context.close()
