"""Bad input is refused with a message and a 4xx; what was saved before stays exactly as it was."""

import json

import pytest

from assessments.questionnaire.models import Answer, Comment, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(started):
    """A respondent with one saved answer and comment on step 1 (version 1)."""
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "3", "a-f1s1": "4", "comment": "Kept"})
    return client, survey


def snapshot():
    return (
        sorted(Answer.objects.values_list("statement__code", "current", "ambition")),
        sorted(Comment.objects.values_list("text", flat=True)),
        Response.objects.get().version,
    )


BEFORE = ([("f1s1", 3, 4)], ["Kept"], 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"c-f1s2": "7"}, "Choose one of the answers shown."),
        ({"c-f1s2": "-1"}, "Choose one of the answers shown."),
        ({"a-f1s2": "abc"}, "Choose one of the answers shown."),
        ({"c-f1s2": "3.5"}, "Choose one of the answers shown."),
        ({"c-f2s1": "3"}, "Some answers do not belong to this page."),  # another factor
        ({"c-cs1": "3"}, "Some answers do not belong to this page."),  # another model's statement
        ({"comment": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_form_posts_are_400_with_message_and_lose_nothing(answered, fields, message):
    client, _survey = answered

    response = client.post("/r/step/1/", {"version": 1, "c-f1s1": "5", "nav": "next", **fields})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert snapshot() == BEFORE


@pytest.mark.parametrize("version", [None, "", "abc", "-3"])
def test_missing_or_broken_version_is_400(answered, version):
    client, _survey = answered
    data = {"c-f1s1": "5"}
    if version is not None:
        data["version"] = version

    response = client.post("/r/step/1/", data)

    assert response.status_code == 400
    assert snapshot() == BEFORE


def test_ambition_answer_when_ambition_is_off_is_400(org_a, model_version, client):
    from tests.questionnaire.respond.builders import make_survey

    survey = make_survey(organisation=org_a, model_version=model_version, ask_ambition=False)
    client.get(survey.link)
    client.post("/r/start/")

    response = client.post("/r/step/1/", {"version": 0, "c-f1s1": "3", "a-f1s1": "4"})

    assert response.status_code == 400
    assert Answer.objects.count() == 0


def test_statement_of_another_assessments_model_is_400(answered, org_b):
    from tests import factories

    other_version = factories.make_model_version(code="othermodel")
    other_code = other_version.factors.get(order=1).statements.get(order=1).code  # "f1s1" of another model
    client, _survey = answered

    # Same code as a statement on this page is simply this page's statement; a code only the other
    # model has is refused.
    response = client.post("/r/step/1/", {"version": 1, f"c-{other_code}x": "3"})

    assert response.status_code == 400
    assert snapshot() == BEFORE


@pytest.mark.parametrize("step", [0, 4, 99])
def test_unknown_step_page_is_404_with_a_way_back(answered, step):
    client, _survey = answered

    get = client.get(f"/r/step/{step}/")
    post = client.post(f"/r/step/{step}/", {"version": 1, "c-f1s1": "1"})

    assert get.status_code == 404
    assert post.status_code == 404
    assert "This page of the survey does not exist" in get.content.decode()
    assert snapshot() == BEFORE


def test_non_numeric_step_in_url_is_404(answered):
    client, _survey = answered

    assert client.get("/r/step/abc/").status_code == 404


def save_raw(client, body, content_type="application/json"):
    return client.post("/r/save/", data=body, content_type=content_type)


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        "null",
        json.dumps({"step": 1, "version": 1}),  # no fields
        json.dumps({"step": 1, "version": 1, "fields": []}),
        json.dumps({"step": "1", "version": 1, "fields": {}}),
        json.dumps({"step": True, "version": 1, "fields": {}}),
        json.dumps({"step": 9, "version": 1, "fields": {"c-f1s1": "1"}}),  # unknown step
        json.dumps({"step": 0, "version": 1, "fields": {"c-f1s1": "1"}}),
        json.dumps({"step": 1, "fields": {"c-f1s1": "1"}}),  # no version
        json.dumps({"step": 1, "version": "x", "fields": {"c-f1s1": "1"}}),
        json.dumps({"step": 1, "version": 1, "fields": {"c-f1s1": "9"}}),
        json.dumps({"step": 1, "version": 1, "fields": {"c-f1s1": [1]}}),
        json.dumps({"step": 1, "version": 1, "fields": {"c-f1s1": True}}),
        json.dumps({"step": 1, "version": 1, "fields": {"c-f1s1": {"a": 1}}}),
        json.dumps({"step": 1, "version": 1, "fields": {"c-f3s1": "2"}}),
        json.dumps({"step": 1, "version": 1, "fields": {"comment": "y" * 2001}}),
    ],
)
def test_bad_json_saves_are_400_and_lose_nothing(answered, body):
    client, _survey = answered

    response = save_raw(client, body)

    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert response.json()["message"]
    assert snapshot() == BEFORE


def test_json_save_with_form_content_type_is_400(answered):
    client, _survey = answered

    response = client.post("/r/save/", {"step": 1, "version": 1, "c-f1s1": "5"})

    assert response.status_code == 400
    assert snapshot() == BEFORE


def test_oversized_json_save_is_413(answered):
    client, _survey = answered
    body = json.dumps({"step": 1, "version": 1, "fields": {"comment": "z" * (3 * 1024 * 1024)}})

    response = save_raw(client, body)

    assert response.status_code == 413
    assert snapshot() == BEFORE


def test_oversized_form_post_is_a_413_page_not_a_500(answered):
    client, _survey = answered

    response = client.post("/r/step/1/", {"version": 1, "comment": "z" * (3 * 1024 * 1024)})

    assert response.status_code == 413
    assert "That was too much to send at once" in response.content.decode()
    assert snapshot() == BEFORE


def test_too_many_fields_is_a_400_page_not_a_500(answered):
    client, _survey = answered
    data = {f"x{i}": "1" for i in range(2500)}
    data["version"] = "1"

    response = client.post("/r/step/1/", data)

    assert response.status_code == 400
    assert "Your answers could not be read" in response.content.decode()
    assert snapshot() == BEFORE


def test_oversized_post_in_a_real_browser_fails_in_csrf_middleware_and_still_gets_the_respondent_page(survey):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(survey.link)
    browser.get("/r/start/")
    token = browser.cookies["csrftoken"].value
    browser.post("/r/start/", {"csrfmiddlewaretoken": token})
    browser.post("/r/step/1/", {"csrfmiddlewaretoken": token, "version": 0, "c-f1s1": "2"})

    response = browser.post(
        "/r/step/1/", {"csrfmiddlewaretoken": token, "version": 1, "comment": "z" * (3 * 1024 * 1024)}
    )

    assert response.status_code == 413
    assert "That was too much to send at once" in response.content.decode()
    assert sorted(Answer.objects.values_list("statement__code", "current")) == [("f1s1", 2)]


def test_get_on_save_endpoint_is_405(answered):
    client, _survey = answered

    assert client.get("/r/save/").status_code == 405


def test_role_of_another_organisation_is_400(org_a, org_b, model_version, client):
    from tests import factories
    from tests.questionnaire.respond.builders import make_survey

    ours = factories.make_role(organisation=org_a, name="Board")
    theirs = factories.make_role(organisation=org_b, name="Board")
    survey = make_survey(organisation=org_a, model_version=model_version, roles=[ours])
    client.get(survey.link)

    foreign = client.post("/r/start/", {"role": str(theirs.public_id)})
    garbage = client.post("/r/start/", {"role": "not-a-uuid"})

    assert foreign.status_code == 400
    assert garbage.status_code == 400
    assert Response.objects.count() == 0
