"""Issue 11 in a real browser at phone width: resuming a team link on another device, the response cap of a
team link, and a manager excluding a flagged response (scores and response rate change).

Screenshots go to CXM_SHOTS_DIR (default /tmp/shots-11a).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from assessments.questionnaire.models import Answer, Response, TeamLink
from assessments.scoring.score import score_assessment
from tests import factories
from tests.questionnaire.respond.builders import make_invitation, make_team_link
from tests.questionnaire.respond.conftest import PHONE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots-11a"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def scene(nineplus, settings, live_server):
    settings.SITE_URL = live_server.url
    organisation = factories.make_organisation(name="Acme Care", default_language="en")
    team = factories.make_team(organisation=organisation, name="Customer service")
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=nineplus,
        teams=[team],
        title="CX scan 2026",
        intro_nl="We willen weten hoe ver we zijn met klantbeleving.",
        threshold_scores=3,
        threshold_comments=3,
        threshold_spread=3,
    )
    link = make_team_link(assessment=assessment, team=team)
    return {"organisation": organisation, "team": team, "assessment": assessment, "link": link}


def _answer_first_statement(page, value):
    page.locator(".respond-statement").first.locator(f"label[for$='-{value}']").first.click()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_team_link_resumes_on_a_second_device(chromium, live_server, scene, language):
    url = live_server.url
    scene["organisation"].default_language = language
    scene["organisation"].save()
    first = chromium.new_context(viewport=PHONE, locale=language)
    page = first.new_page()
    page.goto(f"{url}/t/{scene['link'].token}/")
    if language == "en":
        assert "only available in Dutch" in page.content()
        assert "use the personal link you get after the first page" in page.content()
    shot(page, f"{language}-phone-start-team-link")
    page.get_by_role("button", name="Start the survey" if language == "en" else "Start de vragenlijst").click()
    page.wait_for_url("**/r/step/1/")  # a click returns before the next page has loaded
    assert page.locator("#resume-link").count() == 0  # only after the first page
    _answer_first_statement(page, 4)
    page.locator("button[name=nav][value=next]").click()
    page.wait_for_url("**/r/step/2/")
    resume_url = page.locator("#resume-url").input_value()
    assert resume_url.startswith(f"{url}/r/continue/")
    shot(page, f"{language}-phone-resume-link-box")

    # The same browser: the team link continues the started response.
    page.goto(f"{url}/t/{scene['link'].token}/")
    assert "/r/step/2/" in page.url
    assert Response.objects.count() == 1

    # Another device: the personal link opens the same answers.
    second = chromium.new_context(viewport=PHONE, locale=language)
    other = second.new_page()
    other.goto(resume_url)
    assert "/r/step/2/" in other.url
    other.goto(f"{url}/r/step/1/")
    checked = other.locator(".respond-statement").first.locator("input:checked")
    assert checked.get_attribute("value") == "4"
    assert Response.objects.count() == 1
    assert Answer.objects.filter(current=4).count() == 1
    first.close()
    second.close()


def test_the_26th_submit_on_a_link_capped_at_25_is_refused(chromium, live_server, scene):
    link = scene["link"]
    TeamLink.objects.filter(pk=link.pk).update(response_cap=25)
    url = live_server.url
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = context.new_page()
    page.goto(f"{url}/t/{link.token}/")
    page.get_by_role("button", name="Start the survey").click()
    _answer_first_statement(page, 3)
    page.locator("button[name=nav][value=next]").click()
    page.goto(f"{url}/r/review/")
    # Meanwhile 25 others sent their answers through the link.
    for i in range(25):
        Response.objects.create(
            assessment=scene["assessment"],
            team=scene["team"],
            access_key_hash=f"other-{i}",
            from_team_link=True,
            submitted_at=timezone.now(),
        )
    with page.expect_response(lambda r: r.url.endswith("/r/submit/")) as posted:
        page.get_by_role("button", name="Send my answers").click()
    assert posted.value.status == 403
    assert page.get_by_role("heading", name="This team link is full").is_visible()
    shot(page, "en-phone-link-full")
    assert Response.objects.filter(submitted_at__isnull=False).count() == 25
    context.close()


def _submit_via_link(token, answers):
    """A respondent through the team link who answers the first page (all statements with `answers`)."""
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.get(f"/t/{token}/")
    client.post("/r/start/")
    response = Response.objects.order_by("-pk").first()
    statements = response.assessment.model_version.factors.order_by("order").first().statements.order_by("order")
    fields = {f"c-{s.code}": str(v) for s, v in zip(statements, answers, strict=False)}
    saved = client.post("/r/step/1/", {**fields, "version": "0", "nav": "review"})
    assert saved.status_code == 302, saved.content[:300]
    assert client.post("/r/submit/").status_code == 302
    return response


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@pytest.mark.parametrize("language", ["en", "nl"])
def test_manager_excludes_a_flagged_response(chromium, live_server, scene, language):
    assessment = scene["assessment"]
    manager = factories.make_user(email="manager@example.org")
    factories.add_member(user=manager, organisation=scene["organisation"], role="manager")
    make_invitation(assessment=assessment, team=scene["team"], email="a@example.org")
    make_invitation(assessment=assessment, team=scene["team"], email="b@example.org")
    for answers in ([2, 2, 2, 2, 2, 2], [2, 3, 2, 3, 2, 3], [3, 2, 3, 2, 3, 2]):
        _submit_via_link(scene["link"].token, answers)
    stuffed = _submit_via_link(scene["link"].token, [5, 5, 5, 5, 5, 5])
    _submit_via_link(scene["link"].token, [5, 5, 5, 5, 5, 5])  # the same pattern again
    assessment.refresh_from_db()
    before = score_assessment(assessment=assessment)
    assert before.response_rate.submitted == 5

    context = chromium.new_context(viewport=PHONE, locale=language)
    language_cookie = {"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    context.add_cookies([_session_cookie(manager, live_server), language_cookie])
    page = context.new_page()
    page.goto(f"{live_server.url}/a/{assessment.public_id}/progress/")
    flagged = page.locator("#flagged-responses li")
    assert flagged.count() == 5  # one network within minutes: every one is flagged
    shot(page, f"{language}-phone-progress-flags")
    row = page.locator(f"#flagged-responses form[action*='{stuffed.public_id}']")
    row.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("#flagged-responses .badge").count() == 1
    shot(page, f"{language}-phone-progress-excluded")

    assessment.refresh_from_db()
    after = score_assessment(assessment=assessment)
    assert after.response_rate.submitted == 4
    # 2 invitations + 5 link responses before; 2 + 4 after.
    assert before.response_rate.rate == pytest.approx(5 / 7)
    assert after.response_rate.rate == pytest.approx(4 / 6)
    assert before.organisation.factors[0].score != after.organisation.factors[0].score

    # Reversible: counting it again restores the scores.
    page.locator(f"#flagged-responses form[action*='{stuffed.public_id}'] button").click()
    page.wait_for_load_state()
    assessment.refresh_from_db()
    assert score_assessment(assessment=assessment).organisation.factors[0].score == before.organisation.factors[0].score
    context.close()
