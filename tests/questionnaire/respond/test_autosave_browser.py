"""The background-save script in a real browser: stale tabs merge, failed saves are retried."""

import os

import pytest

from assessments.questionnaire.models import Answer, Comment
from tests import factories
from tests.questionnaire.respond.builders import make_invitation
from tests.questionnaire.respond.conftest import PHONE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def link(live_server, model_version):
    organisation = factories.make_organisation(name="Acme Care", default_language="en")
    team = factories.make_team(organisation=organisation, name="Service")
    assessment = factories.make_assessment(organisation=organisation, model_version=model_version, teams=[team])
    _invitation, token = make_invitation(assessment=assessment, team=team)
    return f"{live_server.url}/r/{token}/"


def started_page(context, link):
    page = context.new_page()
    page.goto(link)
    page.locator(".respond-start-form button[type=submit]").click()
    page.wait_for_url("**/r/step/1/")
    return page


def stored():
    return dict(Answer.objects.values_list("statement__code", "current"))


def test_a_stale_tab_keeps_its_own_change_and_takes_the_newer_answers(chromium, link):
    context = chromium.new_context(viewport=PHONE, locale="en")
    tab_a = started_page(context, link)
    tab_b = context.new_page()
    tab_b.goto(link.rsplit("/r/", 1)[0] + "/r/step/1/")

    tab_a.locator("label[for='c-f1s1-2']").click()
    tab_a.locator("#save-status").get_by_text("All answers saved").wait_for()
    tab_b.locator("label[for='c-f1s2-5']").click()  # based on the old version: 409, merge, save again
    tab_b.locator("#save-status").get_by_text("updated in another window", exact=False).wait_for()
    tab_b.locator("#save-status").get_by_text("All answers saved", exact=False).wait_for()

    assert stored() == {"f1s1": 2, "f1s2": 5}
    assert tab_b.locator("#c-f1s1-2").is_checked()  # took over the other window's answer
    assert tab_b.locator("#c-f1s2-5").is_checked()  # kept its own
    context.close()


def test_failed_saves_are_retried_until_they_succeed(chromium, link):
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = started_page(context, link)
    failures = {"left": 2}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(status=503, content_type="application/json", body='{"ok": false}')
        else:
            route.continue_()

    page.route("**/r/save/", flaky)
    page.locator("label[for='c-f1s3-4']").click()
    page.locator("#save-status").get_by_text("Saving did not work. We will try again.").wait_for()
    page.locator("#save-status").get_by_text("All answers saved").wait_for(timeout=15000)

    assert failures["left"] == 0
    assert stored() == {"f1s3": 4}
    context.close()


def test_next_waits_for_a_running_save_and_never_conflicts(chromium, link):
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = started_page(context, link)

    page.locator("label[for='c-f1s1-1']").click()
    page.locator("#id_comment").fill("Quick")
    page.get_by_role("button", name="Next").click()  # while the background save may still be running
    page.wait_for_url("**/r/step/2/")

    assert stored() == {"f1s1": 1}
    assert list(Comment.objects.values_list("text", flat=True)) == ["Quick"]
    context.close()


def test_the_questionnaire_works_without_javascript(chromium, link):
    context = chromium.new_context(viewport=PHONE, locale="en", java_script_enabled=False)
    page = started_page(context, link)

    page.locator("label[for='c-f1s1-5']").click()
    page.locator("label[for='a-f1s1-0']").click()
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/r/step/2/")
    page.get_by_role("button", name="Back").click()
    page.wait_for_url("**/r/step/1/")

    assert page.locator("#c-f1s1-5").is_checked()
    assert Answer.objects.get().ambition == 0
    context.close()


def test_keyboard_only_answering_with_visible_focus(chromium, link):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    page = started_page(context, link)

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "c-f1s1":
            break
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused_label = page.locator("label[for='c-f1s1-3']")
    outline = focused_label.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    page.locator("#save-status").get_by_text("All answers saved").wait_for()

    assert page.locator("#c-f1s1-3").is_checked()
    assert outline == "solid 3px"
    assert stored() == {"f1s1": 3}

    page.locator("#id_comment").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "next"
    page.keyboard.press("Enter")
    page.wait_for_url("**/r/step/2/")
    context.close()


def test_switching_language_keeps_the_answer_just_given(chromium, link):
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = started_page(context, link)

    page.locator("label[for='c-f1s4-2']").click()
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    page.get_by_role("heading", name="Factor 1 (nl)").wait_for()

    assert page.locator("#c-f1s4-2").is_checked()
    assert stored() == {"f1s4": 2}
    assert page.locator("html").get_attribute("lang") == "nl"
    context.close()
