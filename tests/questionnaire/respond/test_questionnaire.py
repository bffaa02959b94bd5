"""Answering, saving, resuming, reviewing and submitting."""

import json

import pytest
from django.utils import timezone

from assessments.questionnaire.models import DONT_KNOW, Answer, Comment, Response

pytestmark = pytest.mark.django_db


def save_json(client, payload):
    return client.post("/r/save/", data=json.dumps(payload), content_type="application/json")


def stored(response=None):
    response = response or Response.objects.get()
    return {
        a.statement.code: (a.current, a.ambition)
        for a in Answer.objects.filter(response=response).select_related("statement")
    }


def test_factor_page_shows_statements_scale_dont_know_and_ambition(started):
    client, _survey = started

    page = client.get("/r/step/1/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "Factor 1" in body
    assert "About factor 1." in body
    assert body.count('<fieldset class="respond-statement') == 4
    assert body.count('name="c-f1s1"') == 6  # five scale values and don't know
    assert body.count('name="a-f1s1"') == 6
    assert "Where should we be in twelve months?" in body
    assert "Not in place" in body
    assert "Don&#x27;t know" in body
    assert "Step 1 of 4" in body


def test_without_ambition_only_current_is_asked(org_a, model_version, client):
    from tests.questionnaire.respond.builders import make_survey

    survey = make_survey(organisation=org_a, model_version=model_version, ask_ambition=False)
    client.get(survey.link)
    client.post("/r/start/")

    body = client.get("/r/step/1/").content.decode()

    assert 'name="a-f1s1"' not in body
    assert "Where should we be in two years?" not in body


def test_next_saves_answers_and_comment_and_moves_on(started):
    client, _survey = started

    response = client.post(
        "/r/step/1/",
        {
            "version": 0,
            "c-f1s1": "3",
            "a-f1s1": "5",
            "c-f1s2": str(DONT_KNOW),
            "comment": " Good start ",
            "nav": "next",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/r/step/2/"
    assert stored() == {"f1s1": (3, 5), "f1s2": (DONT_KNOW, None)}
    assert list(Comment.objects.values_list("text", flat=True)) == ["Good start"]
    saved = Response.objects.get()
    assert (saved.version, saved.last_step) == (1, 2)


def test_back_saves_and_goes_back_and_from_step_one_to_start(started):
    client, _survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "2", "nav": "next"})

    back = client.post("/r/step/2/", {"version": 1, "c-f2s1": "4", "nav": "back"})
    first = client.post("/r/step/1/", {"version": 2, "nav": "back"})

    assert back["Location"] == "/r/step/1/"
    assert first["Location"] == "/r/start/"
    assert stored() == {"f1s1": (2, None), "f2s1": (4, None)}


def test_last_factor_leads_to_review(started):
    client, _survey = started

    response = client.post("/r/step/3/", {"version": 0, "c-f3s1": "2", "nav": "next"})

    assert response["Location"] == "/r/review/"
    assert Response.objects.get().last_step == 4


def test_changing_an_answer_updates_the_same_row(started):
    client, _survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "2"})

    client.post("/r/step/1/", {"version": 1, "c-f1s1": "5", "a-f1s1": "5"})

    assert Answer.objects.count() == 1
    assert stored() == {"f1s1": (5, 5)}


def test_empty_comment_removes_it_and_missing_answers_keep_stored_ones(started):
    client, _survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "2", "c-f1s2": "3", "comment": "Hi"})

    client.post("/r/step/1/", {"version": 1, "c-f1s2": "4", "comment": ""})

    assert stored() == {"f1s1": (2, None), "f1s2": (4, None)}
    assert Comment.objects.count() == 0


def test_background_save_json(started):
    client, _survey = started

    response = save_json(client, {"step": 2, "version": 0, "fields": {"c-f2s3": "1", "a-f2s3": 4, "comment": "x"}})

    assert response.status_code == 200
    assert response.json() == {"ok": True, "version": 1}
    assert stored() == {"f2s3": (1, 4)}
    assert Response.objects.get().last_step == 2


def test_stale_json_save_is_409_with_the_newest_answers(started):
    client, _survey = started
    save_json(client, {"step": 1, "version": 0, "fields": {"c-f1s1": "2", "comment": "first tab"}})

    stale = save_json(client, {"step": 1, "version": 0, "fields": {"c-f1s1": "5", "c-f1s2": "5"}})

    assert stale.status_code == 409
    data = stale.json()
    assert data["conflict"] is True
    assert data["version"] == 1
    assert data["fields"]["c-f1s1"] == "2"
    assert data["fields"]["c-f1s2"] == ""
    assert data["comment"] == "first tab"
    assert stored() == {"f1s1": (2, None)}
    assert Response.objects.get().version == 1


def test_stale_form_post_is_409_and_shows_newest_answers(started):
    client, _survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "2"})

    stale = client.post("/r/step/1/", {"version": 0, "c-f1s1": "5", "nav": "next"})

    assert stale.status_code == 409
    body = stale.content.decode()
    assert "changed in another window" in body
    assert 'value="2" checked' in body
    assert 'name="version" value="1"' in body
    assert stored() == {"f1s1": (2, None)}


def test_resume_in_a_new_browser_lands_on_the_same_step_with_answers(started, client_factory):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4", "a-f1s1": "5", "nav": "next"})
    client.post("/r/step/2/", {"version": 1, "c-f2s2": str(DONT_KNOW), "comment": "kept", "nav": "next"})

    other = client_factory()
    response = other.get(survey.link, follow=True)

    assert response.redirect_chain == [("/r/", 302), ("/r/step/3/", 302)]
    assert Response.objects.count() == 1
    page_two = other.get("/r/step/2/").content.decode()
    assert 'id="c-f2s2-0" value="0" checked' in page_two
    assert ">kept</textarea>" in page_two
    page_one = other.get("/r/step/1/").content.decode()
    assert 'id="c-f1s1-4" value="4" checked' in page_one
    assert 'id="a-f1s1-5" value="5" checked' in page_one


def test_review_counts_answered_dont_know_and_open(started):
    client, _survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4", "c-f1s2": "0", "c-f1s3": "1"})

    page = client.get("/r/review/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "2 answered" in body
    assert "1 don't know" in body
    assert "1 open" in body
    assert "You left 9 statements open." in body
    assert Response.objects.get().last_step == 4


def test_submit_marks_submitted_completes_invitation_with_a_date_and_bumps_data_version(started):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4"})

    response = client.post("/r/submit/")

    assert response.status_code == 302
    assert response["Location"] == "/r/thanks/"
    assert Response.objects.get().submitted_at is not None
    survey.invitation.refresh_from_db()
    assert survey.invitation.completed_on == timezone.localdate()
    survey.assessment.refresh_from_db()
    assert survey.assessment.data_version == 1
    thanks = client.get("/r/thanks/")
    assert thanks.status_code == 200
    assert "Thank you!" in thanks.content.decode()


def test_submit_without_any_answer_is_refused_with_a_message(started):
    client, _survey = started

    response = client.post("/r/submit/")

    assert response.status_code == 400
    assert "Please answer at least one statement" in response.content.decode()
    assert Response.objects.get().submitted_at is None


def test_double_submit_is_harmless(started):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4", "c-f1s2": "2"})
    client.post("/r/submit/")

    again = client.post("/r/submit/", follow=True)

    assert again.status_code == 200
    assert "Thank you!" in again.content.decode()
    assert Response.objects.filter(submitted_at__isnull=False).count() == 1
    assert Answer.objects.count() == 2
    survey.assessment.refresh_from_db()
    assert survey.assessment.data_version == 1


def test_saves_after_submit_are_refused_and_change_nothing(started, client_factory):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4", "c-f1s2": "2"})
    client.post("/r/submit/")
    # A second browser that still holds the link, not the "done" session.
    other = client_factory()
    other.get(survey.link)

    json_save = save_json(other, {"step": 1, "version": 1, "fields": {"c-f1s1": "1", "c-f1s3": "1"}})
    form_save = client.post("/r/step/1/", {"version": 1, "c-f1s1": "1", "c-f1s3": "1"}, follow=True)
    page = other.get("/r/step/1/")

    assert json_save.status_code == 409
    assert json_save.json()["submitted"] is True
    assert form_save.status_code == 200
    assert "You have already completed this survey" in form_save.content.decode()
    assert "You have already completed this survey" in page.content.decode()
    assert Answer.objects.count() == 2
    assert stored() == {"f1s1": (4, None), "f1s2": (2, None)}


def test_save_after_close_is_410(started):
    client, survey = started
    survey.assessment.status = "closed"
    survey.assessment.save()

    response = save_json(client, {"step": 1, "version": 0, "fields": {"c-f1s1": "1"}})

    assert response.status_code == 410
    assert Answer.objects.count() == 0


def test_submitted_response_stays_submitted_after_close(started):
    client, survey = started
    client.post("/r/step/1/", {"version": 0, "c-f1s1": "4"})
    client.post("/r/submit/")
    survey.assessment.status = "closed"
    survey.assessment.save()

    page = client.get(survey.link, follow=True)

    assert page.status_code == 200
    assert "You have already completed this survey" in page.content.decode()
