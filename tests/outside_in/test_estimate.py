"""The knowledge-gap questions on the respondent's review page."""

import pytest

from assessments.outside_in.models import InternalEstimate
from assessments.questionnaire.models import Response
from tests.questionnaire.respond.builders import make_survey, make_team_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    client.get(survey.link)
    client.post("/r/start/")
    return client, survey


def test_review_page_asks_the_two_questions_and_saves_them(started):
    client, survey = started
    review = client.get("/r/review/").content.decode()
    assert "What grade do our customers give us on average?" in review
    assert "What share of our customers gives us a 9 or 10?" in review
    response = client.post("/r/customers/estimate/", {"grade": "8", "share_nine_plus": "35"})
    assert response.status_code == 302
    assert response["Location"] == "/r/review/#customer-estimate"
    client.post("/r/customers/estimate/", {"grade": "7", "share_nine_plus": "30"})  # a change, not a second row
    estimate = InternalEstimate.objects.get()
    assert (estimate.grade, estimate.share_nine_plus, estimate.response) == (7, 30, Response.objects.get())
    assert 'value="30"' in client.get("/r/review/").content.decode()


def test_bad_estimate_is_a_clear_400(started):
    client, _survey = started
    response = client.post("/r/customers/estimate/", {"grade": "8", "share_nine_plus": "150"})
    assert response.status_code == 400
    assert "Your estimate could not be saved" in response.content.decode()
    assert InternalEstimate.objects.count() == 0


def test_estimate_after_sending_is_refused(started):
    client, survey = started
    Response.objects.update(submitted_at="2026-05-01T10:00:00Z")
    response = client.post("/r/customers/estimate/", {"grade": "8"})
    assert response.status_code == 302
    assert InternalEstimate.objects.count() == 0


def test_without_a_link_nothing_is_saved(client):
    assert client.post("/r/customers/estimate/", {"grade": "8"}).status_code == 302
    assert InternalEstimate.objects.count() == 0


def test_team_link_respondents_get_the_questions_too(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    link = make_team_link(assessment=survey.assessment, team=survey.team)
    client.get(f"/t/{link.token}/")
    client.post("/r/start/")
    assert "Two questions about our customers" in client.get("/r/review/").content.decode()
