"""Entering through a link: clean URL, session, and the right page for every state."""

import datetime

import pytest
from django.utils import timezone

from assessments.core.tokens import hash_token
from assessments.questionnaire.models import Invitation, Response
from assessments.questionnaire.views.respondent_session import SESSION_KEY
from tests.questionnaire.respond.builders import make_invitation, make_team_link

pytestmark = pytest.mark.django_db


def test_valid_link_moves_token_into_session_and_redirects_to_clean_url(survey, client):
    response = client.get(survey.link)

    assert response.status_code == 302
    assert response["Location"] == "/r/"
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.session[SESSION_KEY] == {"kind": "invitation", "token": survey.token}


def test_clean_url_shows_start_page_without_token(survey, client):
    client.get(survey.link)

    response = client.get("/r/", follow=True)

    assert response.redirect_chain == [("/r/start/", 302)]
    assert response.status_code == 200
    body = response.content.decode()
    assert survey.token not in body
    assert survey.organisation.name in body
    assert survey.assessment.title in body
    assert "Your answers are anonymous" in body
    assert "About 10 minutes" in body  # 12 statements with ambition: 12 * 23 s + 60 s = 5.6 min, rounded up to 10


def test_start_creates_response_marks_invitation_started_and_never_links_them(survey, client):
    client.get(survey.link)

    response = client.post("/r/start/")

    assert response.status_code == 302
    assert response["Location"] == "/r/step/1/"
    created = Response.objects.get()
    assert created.access_key_hash == hash_token(survey.token, purpose="response")
    assert created.access_key_hash != survey.invitation.token_hash
    assert created.team == survey.team
    assert created.last_step == 1
    survey.invitation.refresh_from_db()
    assert survey.invitation.started is True
    assert survey.invitation.completed_on is None
    assert {f.name for f in Response._meta.get_fields()}.isdisjoint({"invitation", "email"})


@pytest.mark.parametrize(
    "token",
    [
        "short",  # malformed: too short
        "x" * 101,  # malformed: too long
        "abc$def%ghi^jkl&mno*pqr",  # malformed: characters outside the alphabet
        "A" * 43,  # well formed but unknown
    ],
)
def test_unknown_or_malformed_token_is_a_404_page_that_explains(token, client):
    response = client.get(f"/r/{token}/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_unknown_team_link_is_404(client):
    response = client.get("/t/" + "B" * 43 + "/")

    assert response.status_code == 404


def test_clean_url_without_a_link_in_the_session_explains(client, db):
    response = client.get("/r/")

    assert response.status_code == 404
    assert "Please open your survey link" in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "closed"},
        {"closes_at": timezone.now() - datetime.timedelta(minutes=1)},
    ],
)
def test_closed_or_expired_assessment_is_410(org_a, model_version, client, fields):
    from tests.questionnaire.respond.builders import make_survey

    survey = make_survey(organisation=org_a, model_version=model_version, **fields)
    client.get(survey.link)

    response = client.get("/r/", follow=True)

    assert response.status_code == 410
    assert "This survey has closed" in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft"},
        {"opens_at": timezone.now() + datetime.timedelta(days=2)},
    ],
)
def test_not_yet_open_assessment_is_403_with_a_clear_page(org_a, model_version, client, fields):
    from tests.questionnaire.respond.builders import make_survey

    survey = make_survey(organisation=org_a, model_version=model_version, **fields)
    client.get(survey.link)

    response = client.get("/r/", follow=True)

    assert response.status_code == 403
    assert "This survey is not open yet" in response.content.decode()
    assert Response.objects.count() == 0


def test_closed_assessment_refuses_start(started):
    client, survey = started
    survey.assessment.status = "closed"
    survey.assessment.save()

    response = client.post("/r/start/")

    assert response.status_code == 410


def test_submitted_link_shows_already_done(started):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "3"})
    client.post("/r/submit/")

    again = client.get(survey.link, follow=True)

    assert again.status_code == 200
    assert "You have already completed this survey" in again.content.decode()


def test_submitted_link_in_a_new_browser_shows_already_done(started, client_factory):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "3"})
    client.post("/r/submit/")

    other = client_factory()
    response = other.get(survey.link, follow=True)

    assert response.status_code == 200
    assert "You have already completed this survey" in response.content.decode()


def test_after_submit_the_session_forgets_the_token(started):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "3"})
    client.post("/r/submit/")

    state = client.session[SESSION_KEY]

    assert state == {"kind": "done", "assessment": survey.assessment.pk, "language": "en", "team_link": False}
    assert survey.token not in str(dict(client.session))


def test_invitation_with_a_role_does_not_ask_it(org_a, model_version, client):
    from tests import factories
    from tests.questionnaire.respond.builders import make_survey

    role = factories.make_role(organisation=org_a, name="Board")
    survey = make_survey(organisation=org_a, model_version=model_version, roles=[role])
    invitation, token = make_invitation(assessment=survey.assessment, team=survey.team, role=role)
    client.get(f"/r/{token}/")

    page = client.get("/r/start/")
    client.post("/r/start/")

    assert "What is your role?" not in page.content.decode()
    assert Response.objects.get().role == role


def test_role_is_asked_and_required_when_the_assessment_asks_roles(org_a, model_version, client):
    from tests import factories
    from tests.questionnaire.respond.builders import make_survey

    board = factories.make_role(organisation=org_a, name="Board", order=1)
    staff = factories.make_role(organisation=org_a, name="Front office", order=2)
    survey = make_survey(organisation=org_a, model_version=model_version, roles=[board, staff])
    client.get(survey.link)

    missing = client.post("/r/start/")
    chosen = client.post("/r/start/", {"role": str(staff.public_id)})

    assert missing.status_code == 400
    assert "Please choose the role that fits you best." in missing.content.decode()
    assert chosen.status_code == 302
    assert Response.objects.get().role == staff


def test_language_choice_is_stored_on_the_response_and_used_for_the_questions(started):
    client, survey = started

    client.post("/r/language/", {"language": "en", "next": "/r/step/1/"})
    page = client.get("/r/step/1/")

    assert Response.objects.get().language == "en"
    assert "Statement f1s1." in page.content.decode()
    assert page["Content-Language"] == "en"

    client.post("/r/language/", {"language": "nl", "next": "https://evil.example/"})
    page = client.get("/r/step/1/")

    assert Response.objects.get().language == "nl"
    assert "Stelling f1s1." in page.content.decode()


def test_language_not_offered_is_ignored(org_a, model_version, client):
    from tests.questionnaire.respond.builders import make_survey

    survey = make_survey(organisation=org_a, model_version=model_version, languages=["en"])
    client.get(survey.link)
    client.post("/r/start/")

    client.post("/r/language/", {"language": "en"})

    assert Response.objects.get().language == "en"


def test_team_link_gives_each_browser_its_own_response(org_a, model_version, client_factory):
    from tests import factories

    team = factories.make_team(organisation=org_a, name="Shop floor")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    link = make_team_link(assessment=assessment, team=team)
    first, second = client_factory(), client_factory()

    for browser in (first, second):
        entered = browser.get(f"/t/{link.token}/")
        assert entered.status_code == 302
        assert entered["Location"] == "/r/"
        assert browser.post("/r/start/").status_code == 302

    responses = list(Response.objects.order_by("pk"))
    assert len(responses) == 2
    assert responses[0].access_key_hash != responses[1].access_key_hash
    assert {r.team for r in responses} == {team}
    assert Invitation.objects.count() == 0


def test_team_link_cookie_brings_the_same_browser_back_to_its_response(org_a, model_version, client):
    from tests import factories

    team = factories.make_team(organisation=org_a, name="Shop floor")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    link = make_team_link(assessment=assessment, team=team)
    client.get(f"/t/{link.token}/")
    client.post("/r/start/")
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4", "nav": "next"})

    client.session.flush()  # the browser was closed: the session is gone, the cookie stays
    client.cookies.pop("sessionid", None)
    response = client.get(f"/t/{link.token}/", follow=True)

    assert Response.objects.count() == 1
    assert response.redirect_chain[-1] == ("/r/step/2/", 302)


def test_inactive_team_link_is_404(org_a, model_version, client):
    from tests import factories

    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    link = make_team_link(assessment=assessment, team=team)
    link.active = False
    link.save()

    assert client.get(f"/t/{link.token}/").status_code == 404


def test_respondent_sees_the_organisation_logo_without_an_account(survey, client, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#0f766e").save(buffer, format="PNG")
    survey.organisation.logo.save("logo.png", ContentFile(buffer.getvalue()))

    anonymous = client.get("/r/logo/")
    client.get(survey.link)
    start = client.get("/r/start/")
    logo = client.get("/r/logo/")

    assert anonymous.status_code == 404
    assert 'src="/r/logo/"' in start.content.decode()
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == buffer.getvalue()


def test_respondent_pages_are_never_cached(started):
    client, _survey = started

    for path in ("/r/start/", "/r/step/1/", "/r/review/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
