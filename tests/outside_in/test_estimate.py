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


def _answer_one(client):
    """One answered statement, so the send is accepted."""
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "3"})


def test_send_carries_the_estimate_without_javascript(started):
    client, _survey = started
    review = client.get("/r/review/").content.decode()
    send_form = review.split('id="respond-send-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="grade"' in send_form  # the send posts both fields
    assert 'name="share_nine_plus"' in send_form
    assert 'formaction="/r/customers/estimate/"' in send_form  # the save button posts the same fields elsewhere
    _answer_one(client)
    response = client.post("/r/submit/", {"grade": "6", "share_nine_plus": "12"})
    assert response.status_code == 302
    assert response["Location"] == "/r/thanks/"
    estimate = InternalEstimate.objects.get()
    assert (estimate.grade, estimate.share_nine_plus) == (6, 12)
    assert Response.objects.get().submitted_at is not None


def test_a_bad_estimate_on_send_keeps_everything_and_says_why(started):
    client, _survey = started
    _answer_one(client)
    response = client.post("/r/submit/", {"grade": "8", "share_nine_plus": "150"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Your answers have not been sent yet: the estimate about our customers is not valid." in page
    assert 'value="150"' in page  # what was typed is shown again
    assert '<option value="8" selected>' in page
    assert Response.objects.get().submitted_at is None
    assert InternalEstimate.objects.count() == 0
    assert client.post("/r/submit/", {"grade": "8", "share_nine_plus": "15"})["Location"] == "/r/thanks/"
    assert InternalEstimate.objects.values_list("grade", "share_nine_plus").get() == (8, 15)


def test_send_without_the_fields_keeps_the_saved_estimate(started):
    client, _survey = started
    client.post("/r/customers/estimate/", {"grade": "9", "share_nine_plus": "40"})
    _answer_one(client)
    assert client.post("/r/submit/")["Location"] == "/r/thanks/"
    assert InternalEstimate.objects.values_list("grade", "share_nine_plus").get() == (9, 40)


def test_send_with_empty_fields_stores_no_empty_row(started):
    client, _survey = started
    _answer_one(client)
    assert client.post("/r/submit/", {"grade": "", "share_nine_plus": ""})["Location"] == "/r/thanks/"
    assert InternalEstimate.objects.count() == 0


def test_background_save_answers_json(started):
    client, _survey = started
    data = {"grade": "7", "share_nine_plus": ""}
    response = client.post("/r/customers/estimate/", data, HTTP_ACCEPT="application/json")
    assert (response.status_code, response.json()) == (200, {"ok": True})
    bad = client.post("/r/customers/estimate/", {"grade": "11"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Give a grade from 1 to 10 and a share from 0 to 100 %, or leave them empty."
    assert InternalEstimate.objects.values_list("grade", "share_nine_plus").get() == (7, None)
