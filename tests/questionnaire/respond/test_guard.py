"""Issue 11 without a browser: the submit rate limit per client, the resume email (address not kept),
the cap at start, intro fallback, and one time estimate everywhere."""

import pytest
from django.core import mail
from django.test import Client

from assessments.questionnaire.models import Response, TeamLink
from assessments.questionnaire.selectors.respondent import estimated_minutes_of, questionnaire_for
from tests.questionnaire.respond.builders import make_team_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(survey):
    return make_team_link(assessment=survey.assessment, team=survey.team)


def _link_respondent(link, address="198.51.100.20"):
    client = Client(REMOTE_ADDR=address)
    client.get(f"/t/{link.token}/")
    assert client.post("/r/start/").status_code == 302
    return client


def _answer_and_submit(client, survey):
    statement = survey.statements(factor_order=1)[0]
    client.post("/r/step/1/", {f"c-{statement.code}": "3", "version": "0", "nav": "review"})
    return client.post("/r/submit/")


def test_completed_submissions_per_client_are_rate_limited(settings, survey, link):
    settings.RATELIMIT_ENABLE = True
    settings.CXM_RATE_LINK_SUBMIT = "2/10m"
    for _ in range(2):
        assert _answer_and_submit(_link_respondent(link), survey).status_code == 302
    third = _link_respondent(link)
    refused = _answer_and_submit(third, survey)
    assert refused.status_code == 429
    assert "Too many questionnaires sent from here" in refused.content.decode()
    assert Response.objects.filter(submitted_at__isnull=False).count() == 2
    # Another network is not affected.
    assert _answer_and_submit(_link_respondent(link, "192.0.2.5"), survey).status_code == 302


def test_a_full_link_accepts_no_new_respondents(survey, link):
    TeamLink.objects.filter(pk=link.pk).update(response_cap=1)
    assert _answer_and_submit(_link_respondent(link), survey).status_code == 302
    client = Client()
    client.get(f"/t/{link.token}/")
    page = client.post("/r/start/")
    assert page.status_code == 403
    assert "This team link is full" in page.content.decode()
    assert Response.objects.count() == 1


def test_resume_link_is_emailed_and_the_address_is_not_stored(settings, survey, link):
    settings.SITE_URL = "https://scan.example.org"
    client = _link_respondent(link)
    statement = survey.statements(factor_order=1)[0]
    client.post("/r/step/1/", {f"c-{statement.code}": "4", "version": "0", "nav": "next"})
    page = client.get("/r/step/2/").content.decode()
    assert 'id="resume-url" value="https://scan.example.org/r/continue/' in page
    sent = client.post("/r/continue/email/", {"email": "me@example.org", "next": "/r/step/2/"})
    assert sent.status_code == 302
    assert sent["Location"] == "/r/step/2/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["me@example.org"]
    assert "https://scan.example.org/r/continue/" in mail.outbox[0].body
    assert not Response.objects.filter(access_key_hash__icontains="me@example").exists()
    # The link works in a fresh browser and opens the same response.
    url = mail.outbox[0].body.split("https://scan.example.org")[1].split()[0]
    other = Client()
    assert other.get(url)["Location"] == "/r/"
    assert other.get("/r/")["Location"] == "/r/step/2/"
    assert Response.objects.count() == 1
    # A redirect elsewhere is refused.
    assert client.post("/r/continue/email/", {"email": "x", "next": "//evil.example"})["Location"] == "/r/"


def test_unknown_resume_token_is_a_404(client):
    assert client.get("/r/continue/" + "A" * 43 + "/").status_code == 404


def test_intro_falls_back_to_the_other_language_and_says_so(survey, link):
    survey.assessment.intro_nl = "Hoe klantgericht werken we?"
    survey.assessment.title_en = "Our CX scan"
    survey.assessment.save()
    page = _link_respondent(link).get("/r/start/").content.decode()
    assert "Our CX scan" in page
    assert "This introduction is only available in Dutch." in page
    assert "Hoe klantgericht werken we?" in page


def test_one_time_estimate(survey, link):
    minutes = estimated_minutes_of(assessment=survey.assessment)
    assert minutes == questionnaire_for(assessment=survey.assessment).estimated_minutes
    page = _link_respondent(link).get("/r/start/").content.decode()
    assert f"About {minutes} minutes" in page


def test_one_client_sends_at_most_its_share_of_a_links_cap(settings, survey, link):
    """Issue 25 item 8: inside the cap, one client (address and browser) sends at most half of it a day."""
    from django.core.cache import cache

    cache.clear()
    settings.RATELIMIT_ENABLE = True
    settings.CXM_RATE_LINK_SUBMIT = "1000/10m"  # the network's pace limit is not what this test is about
    TeamLink.objects.filter(pk=link.pk).update(response_cap=6)
    for _ in range(3):
        assert _answer_and_submit(_link_respondent(link), survey).status_code == 302
    refused = _answer_and_submit(_link_respondent(link), survey)
    assert refused.status_code == 429
    assert "This device has sent its share of answers" in refused.content.decode()
    assert Response.objects.filter(submitted_at__isnull=False).count() == 3
    # A colleague behind the same office address, on another browser, is another client.
    other = Client(REMOTE_ADDR="198.51.100.20", HTTP_USER_AGENT="Colleague's browser")
    other.get(f"/t/{link.token}/")
    other.post("/r/start/")
    assert _answer_and_submit(other, survey).status_code == 302
    assert Response.objects.filter(submitted_at__isnull=False).count() == 4


@pytest.mark.parametrize(("cap", "limit"), [(1, 1), (2, 1), (7, 3), (20, 10), (50, 10), (500, 10)])
def test_the_share_of_one_client_stays_inside_the_cap(cap, limit):
    from assessments.core.ratelimits import link_client_limit

    assert link_client_limit(cap) == limit


def test_the_team_link_thank_you_page_names_the_team_link(survey, link):
    """A team-link respondent has no invitation: the thank-you page tells them to reopen the team link."""
    client = _link_respondent(link)
    thanks = client.get(_answer_and_submit(client, survey)["Location"]).content.decode()
    assert "Open the team link you answered through again then, on this device and in this browser" in thanks
    assert "from your invitation" not in thanks
    # Reopening the team link in this browser leads back to the thank-you state (where the summary will appear).
    again = client.get(f"/t/{link.token}/", follow=True).content.decode()
    assert "You have already completed this survey" in again
    assert "from your invitation" not in client.get("/r/summary/").content.decode()


def test_the_invitation_thank_you_page_still_names_the_invitation(survey):
    client = Client()
    client.get(survey.link)
    client.post("/r/start/")
    thanks = client.get(_answer_and_submit(client, survey)["Location"]).content.decode()
    assert "Open the link from your invitation again then to read the summary here." in thanks
