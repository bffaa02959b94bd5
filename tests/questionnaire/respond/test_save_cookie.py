"""Background saves read who is saving from a signed cookie, never from the session (issue 17)."""

import json

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection

from assessments.core.tokens import hash_token
from assessments.questionnaire.models import Answer, Comment, FactorAmbition, Response
from assessments.questionnaire.views import save_cookie
from tests import factories
from tests.questionnaire.respond.builders import make_survey, make_team_link

pytestmark = pytest.mark.django_db


def _save(client, version, fields, step=1):
    return client.post(
        "/r/save/", json.dumps({"step": step, "version": version, "fields": fields}), content_type="application/json"
    )


def _page(survey, step=1, current="3", ambition="4"):
    fields = {}
    for statement in survey.statements(factor_order=step):
        fields[f"c-{statement.code}"] = current
        if ambition is not None:
            fields[f"a-{statement.code}"] = ambition
    return fields


def _response(survey):
    return Response.objects.get(access_key_hash=hash_token(survey.token, purpose="response"))


def test_start_sets_a_scoped_http_only_cookie_that_names_only_the_response(started):
    client, survey = started
    cookie = client.cookies[save_cookie.COOKIE_NAME]
    response = _response(survey)

    assert cookie["path"] == "/r/save/"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    value = cookie.value
    assert value.startswith(response.public_id.hex + "..")
    # Neither the link's token, nor the hash the database keeps of it, nor the response's key.
    assert survey.token not in value
    assert hash_token(survey.token, purpose="invitation") not in value
    assert response.access_key_hash not in value


def test_cookie_is_secure_where_the_session_cookie_is(survey, client, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.get(survey.link)
    client.post("/r/start/")

    assert client.cookies[save_cookie.COOKIE_NAME]["secure"] is True


def test_a_save_never_touches_the_session(started):
    client, survey = started
    client.cookies.pop(settings.SESSION_COOKIE_NAME)  # the session is gone; the save cookie is enough

    reply = _save(client, 0, _page(survey))

    assert reply.json() == {"ok": True, "version": 1}
    assert settings.SESSION_COOKIE_NAME not in reply.cookies
    assert Answer.objects.filter(response=_response(survey), current=3).count() == 4


@pytest.mark.parametrize(
    "value",
    [
        "forged",
        "00000000000000000000000000000000..abc:1a2b3c:signature",
    ],
)
def test_a_forged_cookie_is_refused_with_a_clear_json_403_and_deleted(started, value):
    client, survey = started
    client.cookies[save_cookie.COOKIE_NAME] = value

    reply = _save(client, 0, _page(survey))

    assert reply.status_code == 403
    assert reply.json()["ok"] is False
    assert reply.json()["message"] == "Your survey could not be recognised. Please open your survey link again."
    assert reply.cookies[save_cookie.COOKIE_NAME].value == ""
    assert _response(survey).version == 0
    # The script retries; without the cookie the session decides, and the answers are saved.
    assert _save(client, 0, _page(survey)).json() == {"ok": True, "version": 1}


def test_a_cookie_with_another_responses_id_is_refused(started, client_factory, model_version, org_b):
    client, survey = started
    other_survey = make_survey(organisation=org_b, model_version=model_version)
    other = client_factory()
    other.get(other_survey.link)
    other.post("/r/start/")
    mine, theirs = _response(survey), _response(other_survey)
    # Signing another response's id needs the secret key; even with it, the binding to the
    # response's own key hash (which only the database knows) does not match.
    value = f"{theirs.public_id.hex}..{save_cookie.binding_for(mine)}"
    client.cookies[save_cookie.COOKIE_NAME] = signing.get_cookie_signer(
        salt=save_cookie.COOKIE_NAME + save_cookie.SALT
    ).sign(value)

    reply = _save(client, 0, _page(other_survey))

    assert reply.status_code == 404
    assert reply.json()["message"] == "Please open your survey link again."
    assert Response.objects.get(pk=theirs.pk).version == 0
    assert not Answer.objects.filter(response=theirs).exists()


def test_stale_version_gets_409_with_the_newest_answers(started):
    client, survey = started
    assert _save(client, 0, _page(survey, current="2")).json() == {"ok": True, "version": 1}

    stale = _save(client, 0, _page(survey, current="5"))

    assert stale.status_code == 409
    body = stale.json()
    assert body["conflict"] is True
    assert body["version"] == 1
    assert {v for k, v in body["fields"].items() if k.startswith("c-")} == {"2"}
    assert set(Answer.objects.filter(response=_response(survey)).values_list("current", flat=True)) == {2}


def test_save_after_submit_changes_nothing(started):
    client, survey = started
    assert _save(client, 0, _page(survey, current="2")).json() == {"ok": True, "version": 1}
    cookie = client.cookies[save_cookie.COOKIE_NAME].value
    submitted = client.post("/r/submit/")
    assert submitted.status_code == 302
    assert submitted.cookies[save_cookie.COOKIE_NAME].value == ""  # submit deletes the save cookie

    # A tab that still holds the cookie (or the same browser after submit) gets "already sent".
    client.cookies[save_cookie.COOKIE_NAME] = cookie
    with_cookie = _save(client, 1, _page(survey, current="5"))
    del client.cookies[save_cookie.COOKIE_NAME]
    without_cookie = _save(client, 1, _page(survey, current="5"))

    assert (with_cookie.status_code, with_cookie.json()["submitted"]) == (409, True)
    assert (without_cookie.status_code, without_cookie.json()["submitted"]) == (409, True)
    response = _response(survey)
    assert response.version == 1
    assert set(Answer.objects.filter(response=response).values_list("current", flat=True)) == {2}


def test_a_browser_without_the_cookie_saves_through_the_session_and_gets_the_cookie(started):
    client, survey = started
    del client.cookies[save_cookie.COOKIE_NAME]  # a page opened before this cookie existed

    reply = _save(client, 0, _page(survey))

    assert reply.json() == {"ok": True, "version": 1}
    assert reply.cookies[save_cookie.COOKIE_NAME].value.startswith(_response(survey).public_id.hex + "..")


def test_opening_another_link_deletes_the_cookie(started, org_b, model_version):
    client, _survey = started
    other = make_survey(organisation=org_b, model_version=model_version)

    reply = client.get(other.link)

    assert reply.cookies[save_cookie.COOKIE_NAME].value == ""


def test_deactivated_team_link_stops_saving(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    link = make_team_link(assessment=survey.assessment, team=survey.team)
    client.get(f"/t/{link.token}/")
    client.post("/r/start/")
    assert _save(client, 0, _page(survey)).json() == {"ok": True, "version": 1}
    link.active = False
    link.save(update_fields=["active"])

    reply = _save(client, 1, _page(survey, current="5"))

    assert reply.status_code == 404
    assert Response.objects.get(from_team_link=True).version == 1


# --- queries -----------------------------------------------------------------------------------
# Counted outside a test transaction (transaction=True), as in production: no savepoints.

# PostgreSQL: reading the response, and one statement that checks the version and writes the page.
# Elsewhere (SQLite): the response, BEGIN IMMEDIATE, the version UPDATE, one upsert per kind of row the
# page holds, COMMIT (SQLite's transaction statements are counted; PostgreSQL's are not).
ON_POSTGRES = {"answers": 2, "comment": 2, "factor_ambition": 2}
ELSEWHERE = {"answers": 5, "comment": 6, "factor_ambition": 6}


def _expected(kind):
    return (ON_POSTGRES if connection.vendor == "postgresql" else ELSEWHERE)[kind]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("statements", [1, 12])
def test_background_save_query_count(org_a, client, django_assert_num_queries, statements):
    version = factories.make_model_version(code=f"saved{statements}", factors=3, statements=statements)
    survey = make_survey(organisation=org_a, model_version=version, ask_ambition=True)
    client.get(survey.link)
    client.post("/r/start/")
    page = {f"c-f2s{i}": "3" for i in range(1, statements + 1)} | {f"a-f2s{i}": "4" for i in range(1, statements + 1)}
    assert _save(client, 0, page, step=2).json() == {"ok": True, "version": 1}  # reads the model into memory

    with django_assert_num_queries(_expected("answers")):
        assert _save(client, 1, page, step=2).json() == {"ok": True, "version": 2}
    with django_assert_num_queries(_expected("comment")):
        assert _save(client, 2, page | {"comment": "Noted"}, step=2).json() == {"ok": True, "version": 3}

    response = _response(survey)
    assert Answer.objects.filter(response=response, current=3, ambition=4).count() == statements
    assert list(Comment.objects.filter(response=response).values_list("text", flat=True)) == ["Noted"]


@pytest.mark.django_db(transaction=True)
def test_background_save_query_count_with_a_factor_ambition(org_a, client, django_assert_num_queries):
    version = factories.make_model_version(code="perfactor", factors=3, statements=6, per_factor=True)
    survey = make_survey(organisation=org_a, model_version=version, ask_ambition=True)
    client.get(survey.link)
    client.post("/r/start/")
    factor = survey.statements(factor_order=1)[0].factor
    page = _page(survey, ambition=None) | {f"fa-{factor.code}": "5"}
    assert _save(client, 0, page).json() == {"ok": True, "version": 1}

    with django_assert_num_queries(_expected("factor_ambition")):
        assert _save(client, 1, page | {f"fa-{factor.code}": "4"}).json() == {"ok": True, "version": 2}

    response = _response(survey)
    assert list(FactorAmbition.objects.filter(response=response).values_list("value", flat=True)) == [4]
    assert Answer.objects.filter(response=response, current=3).count() == 6
