"""Property-based fuzzing: malformed answer pages, tokens and uploads never cause a 500,
and never change a response that was already submitted.

DEBUG is off and the client does not re-raise, so a crash shows up as status 500 exactly as a
respondent would see it.
"""

import json
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.core.tokens import hash_token, new_token
from assessments.questionnaire.models import Answer, Comment, Invitation, Response
from models_9plus.models import Statement
from tests import factories
from tests.examples import examples

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _link(assessment, team):
    token = new_token()
    Invitation.objects.create(
        assessment=assessment, team=team, email="", token_hash=hash_token(token, purpose="invitation")
    )
    return token


def _respondent(token):
    client = Client(raise_request_exception=False)
    client.get(f"/r/{token}/")
    client.post("/r/start/")
    return client


def _save(client, step, fields, version):
    return client.post(
        "/r/save/",
        json.dumps({"step": step, "version": version, "fields": fields}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def _snapshot(response):
    answers = sorted(Answer.objects.filter(response=response).values_list("statement_id", "current", "ambition"))
    comments = sorted(Comment.objects.filter(response=response).values_list("factor_id", "text"))
    fresh = Response.objects.get(pk=response.pk)
    return answers, comments, fresh.submitted_at, fresh.version


@pytest.fixture
def world(settings, org_a, model_version):
    settings.DEBUG = False
    team = factories.make_team(organisation=org_a, name="Support")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    statements = list(Statement.objects.filter(factor__version=model_version).order_by("factor__order", "order"))
    names = [f"{prefix}-{s.code}" for s in statements for prefix in ("c", "a")] + ["comment", "version", "step"]

    # A respondent who already submitted: nothing below may change their answers.
    done_client = _respondent(_link(assessment, team))
    first_page = [s for s in statements if s.factor_id == statements[0].factor_id]
    answer = _save(done_client, 1, {f"c-{s.code}": "4" for s in first_page} | {"comment": "Good."}, 0)
    assert answer.status_code == 200, answer.content
    assert done_client.post("/r/submit/").status_code == 302
    submitted = Response.objects.get(submitted_at__isnull=False)

    active_client = _respondent(_link(assessment, team))
    return {
        "assessment": assessment,
        "team": team,
        "names": names,
        "done_client": done_client,
        "active_client": active_client,
        "submitted": submitted,
        "before": _snapshot(submitted),
    }


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**15), 10**15), st.floats(allow_nan=True), st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def field_maps(names):
    keys = st.one_of(st.sampled_from(names), st.text(max_size=30))
    values = st.one_of(
        st.sampled_from(["0", "1", "3", "5", "6", "-1", "", " 3", "3.0", "٣", "1e3", "null"]),
        st.integers(-10, 10**12),
        st.text(max_size=60),
        st.booleans(),
        st.none(),
        st.lists(st.integers(), max_size=3),
    )
    return st.dictionaries(keys, values, max_size=14)


def save_payloads(names):
    well_shaped = st.fixed_dictionaries(
        {},
        optional={
            "step": st.one_of(st.integers(-3, 12), st.text(max_size=5), st.none(), st.booleans(), st.floats()),
            "version": st.one_of(st.integers(-3, 10**15), st.text(max_size=8), st.none(), st.floats()),
            "fields": st.one_of(field_maps(names), json_values),
        },
    )
    return st.one_of(well_shaped, json_values)


def test_fuzz_background_save(world):
    names = world["names"]

    @FUZZ
    @given(payload=save_payloads(names), raw=st.one_of(st.none(), st.binary(max_size=200)))
    def run(payload, raw):
        for client in (world["active_client"], world["done_client"]):
            body = raw if raw is not None else json.dumps(payload, allow_nan=True)
            response = client.post("/r/save/", body, content_type="application/json", HTTP_ACCEPT="application/json")
            assert response.status_code < 500, (payload, raw, response.content[:300])

    run()
    assert _snapshot(world["submitted"]) == world["before"]


def test_fuzz_answer_page_form_posts(world):
    names = world["names"]

    @FUZZ
    @given(step=st.integers(-2, 12), data=field_maps(names), nav=st.one_of(st.none(), st.text(max_size=10)))
    def run(step, data, nav):
        form = {k: ("" if v is None else str(v)) for k, v in data.items()}
        if nav is not None:
            form["nav"] = nav
        for client in (world["active_client"], world["done_client"]):
            path = f"/r/step/{step}/" if step >= 0 else f"/r/step/{quote(str(step))}/"
            response = client.post(path, form)
            assert response.status_code < 500, (step, form, response.content[:300])

    run()
    assert _snapshot(world["submitted"]) == world["before"]


def test_huge_and_unicode_values_are_refused_cleanly(world):
    client = world["active_client"]
    huge_comment = {"comment": "ü" * 3_000_000}
    assert _save(client, 1, huge_comment, 0).status_code in (400, 413)
    many_fields = {f"x{i}": "1" for i in range(5000)}
    assert _save(client, 1, many_fields, 0).status_code in (200, 400)  # unknown names are ignored
    active = Response.objects.exclude(pk=world["submitted"].pk).get()
    assert Answer.objects.filter(response=active).count() == 0
    response = client.post("/r/step/1/", {f"x{i}": "1" for i in range(3000)})
    assert response.status_code == 400
    assert _snapshot(world["submitted"]) == world["before"]


def test_missing_version_never_overwrites(world):
    client = world["active_client"]
    response = client.post(
        "/r/save/",
        json.dumps({"step": 1, "fields": {world["names"][0]: "2"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    active = Response.objects.exclude(pk=world["submitted"].pk).get()
    assert Answer.objects.filter(response=active).count() == 0


@FUZZ
@given(token=st.text(min_size=1, max_size=120))
def test_fuzz_tokens(world, token):
    client = Client(raise_request_exception=False)
    for prefix in ("r", "t"):
        response = client.get(f"/{prefix}/{quote(token, safe='')}/")
        assert response.status_code < 500, (prefix, token)
        if response.status_code == 200:
            # Only the fixed questionnaire pages answer 200 without a valid link.
            assert token in {"start", "review", "thanks", "logo", "language", "save", "submit"} or token.startswith(
                "step"
            ), token


def test_fuzz_uploads(world, manager_a, org_a):
    client = Client(raise_request_exception=False)
    client.force_login(manager_a)
    invitations_before = Invitation.objects.count()
    upload_url = f"/a/{world['assessment'].public_id}/invitations/upload/"
    settings_url = f"/o/{org_a.public_id}/settings/"

    @settings(parent=FUZZ, max_examples=examples(100))
    @given(content=st.binary(max_size=3000), name=st.sampled_from(["x.csv", "x.png", "x.html", "x", "x.svg"]))
    def run(content, name):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(upload_url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code < 500, content[:50]
        form = {"name": org_a.name, "accent_colour": "#1f5f8b", "default_language": "en", "anonymity_threshold": 5}
        response = client.post(settings_url, {**form, "logo": SimpleUploadedFile(name, content)})
        assert response.status_code < 500, content[:50]

    run()
    org_a.refresh_from_db()
    assert not org_a.logo  # random bytes are never a valid PNG or JPEG
    # Random bytes might decode as a tiny CSV, but never one with valid addresses and teams.
    assert Invitation.objects.count() == invitations_before


def test_deeply_nested_json_is_a_400(world):
    """100,000 levels of nesting make the JSON parser raise RecursionError: a clean 400, not a 500."""
    body = "[" * 100_000 + "]" * 100_000
    for payload in (body, '{"step": 1, "version": 0, "fields": ' + body + "}"):
        response = world["active_client"].post("/r/save/", payload, content_type="application/json")
        assert response.status_code == 400, response.content[:200]
        assert response.json()["ok"] is False
    assert _snapshot(world["submitted"]) == world["before"]


def test_lone_surrogate_in_a_comment_is_a_400(world):
    client = world["active_client"]
    body = '{"step": 1, "version": 0, "fields": {"comment": "fine \\ud800 text"}}'
    response = client.post("/r/save/", body, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    key_body = '{"step": 1, "version": 0, "fields": {"c-\\udfff": "3"}}'
    assert client.post("/r/save/", key_body, content_type="application/json").status_code == 400
    # The response can still be saved normally afterwards.
    ok = client.post(
        "/r/save/", '{"step": 1, "version": 0, "fields": {"comment": "fine"}}', content_type="application/json"
    )
    assert ok.status_code == 200, ok.content


RESPONDENT_POSTS = [
    "/r/",
    "/r/start/",
    "/r/step/1/",
    "/r/review/",
    "/r/submit/",
    "/r/save/",
    "/r/language/",
    "/r/continue/email/",
]
CONTENT_TYPES = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
]


@FUZZ
@given(
    path=st.sampled_from(RESPONDENT_POSTS),
    body=st.binary(max_size=400),
    content_type=st.sampled_from(CONTENT_TYPES),
)
def test_fuzz_every_respondent_endpoint_with_bytes(world, path, body, content_type):
    """Arbitrary bytes in any respondent endpoint never give a server error or touch a submitted response."""
    client = world["active_client"]
    response = client.generic("POST", path, body, content_type=content_type)
    assert response.status_code < 500, (path, body, response.status_code)
    assert _snapshot(world["submitted"]) == world["before"]


@FUZZ
@given(
    prefix=st.sampled_from(["/r/", "/t/", "/r/continue/", "/r/step/"]),
    segment=st.binary(min_size=1, max_size=80),
    method=st.sampled_from(["GET", "POST"]),
)
def test_fuzz_respondent_urls_with_bytes(world, prefix, segment, method):
    path = prefix + quote(segment, safe="") + "/"
    response = Client(raise_request_exception=False).generic(method, path)
    assert response.status_code < 500, (path, response.status_code)
