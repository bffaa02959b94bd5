"""What one background save writes: upserts that keep values a page did not send."""

import json

import pytest

from assessments.questionnaire.models import Answer, Comment, Response

pytestmark = pytest.mark.django_db


def save(client, version, fields, step=1):
    response = client.post(
        "/r/save/", json.dumps({"step": step, "version": version, "fields": fields}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["version"]


def stored():
    return {
        a.statement.code: (a.current, a.ambition)
        for a in Answer.objects.filter(response=Response.objects.get()).select_related("statement")
    }


def test_current_only_and_ambition_only_saves_keep_the_other_value(started):
    client, _survey = started
    version = save(client, 0, {"c-f1s1": "2", "a-f1s1": "4", "c-f1s2": "3", "a-f1s2": "5"})

    version = save(client, version, {"c-f1s1": "1", "a-f1s2": "2", "c-f1s3": "0", "a-f1s4": "3"})

    assert version == 2
    assert stored() == {"f1s1": (1, 4), "f1s2": (3, 2), "f1s3": (0, None), "f1s4": (None, 3)}
    assert Answer.objects.count() == 4


def test_comment_is_created_replaced_and_removed_in_place(started):
    client, _survey = started
    version = save(client, 0, {"comment": "First"})
    version = save(client, version, {"comment": "Second"})
    replaced = list(Comment.objects.values_list("factor__code", "text"))

    save(client, version, {"comment": ""})

    assert replaced == [("f1", "Second")]
    assert Comment.objects.count() == 0


def test_saving_the_same_page_twice_changes_nothing_but_the_version(started):
    client, _survey = started
    page = {"c-f2s1": "5", "a-f2s1": "5", "c-f2s2": "0", "comment": "Same"}
    save(client, 0, page, step=2)
    before = (stored(), list(Comment.objects.values_list("text", flat=True)))

    assert save(client, 1, page, step=2) == 2

    assert (stored(), list(Comment.objects.values_list("text", flat=True))) == before
    assert Answer.objects.count() == 2
