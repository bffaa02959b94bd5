"""Property-based API tests: arbitrary parameters, ids and bodies on every operation of the schema, never a 5xx.

schemathesis is not installed; this walks the same OpenAPI document with hypothesis. Each example picks an
operation, fills its path with a real id, an unknown UUID or junk, sends the operation's declared query
parameters (and some undeclared ones) with arbitrary values, and for writes an arbitrary JSON body.
"""

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.api.schema_walk import fill, operations, schema
from tests.examples import examples

pytestmark = pytest.mark.django_db

DOCUMENT = schema()
OPERATIONS = operations(DOCUMENT)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
param_values = st.one_of(
    st.text(max_size=40),
    st.integers(-5, 10**12).map(str),
    st.dates().map(str),
    st.sampled_from(["draft", "open", "closed", "csv", "xlsx", "scores", "answers", "nl", "en", ""]),
    st.uuids().map(str),
)


def _fields_of(operation):
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    return [*names, "page", "page_size", "format", "ordering"]


@st.composite
def calls(draw, ids):
    method, path, operation = draw(st.sampled_from(OPERATIONS))
    choice = draw(st.sampled_from(["real", "unknown", "junk"]))
    if choice == "real":
        url = fill(path, ids)
    elif choice == "unknown":
        url = fill(path, {key: uuid.uuid4() for key in ids})
    else:
        junk = draw(st.text(alphabet="abc-_.%0123456789", min_size=1, max_size=20))
        url = fill(path, dict.fromkeys(ids, junk))
    names = _fields_of(operation)
    params = draw(st.dictionaries(st.sampled_from(names), param_values, max_size=len(names)))
    body = None
    if method in ("POST", "PATCH"):
        body = draw(
            st.one_of(
                json_values,
                st.fixed_dictionaries(
                    {},
                    optional={
                        "organisation": st.sampled_from([str(ids["organisations"]), "x", None]),
                        "title": st.text(max_size=250),
                        "teams": st.lists(st.sampled_from([str(ids["teams"]), "nope", str(uuid.uuid4())]), max_size=3),
                        "roles": st.lists(st.sampled_from([str(ids["roles"]), 3]), max_size=2),
                        "languages": st.lists(st.sampled_from(["nl", "en", "de", ""]), max_size=3),
                        "threshold_scores": st.integers(-5, 100),
                        "opens_on": param_values,
                        "closes_on": param_values,
                        "previous": st.sampled_from([str(ids["assessments"]), str(uuid.uuid4()), "bad"]),
                        "factor_code": st.sampled_from(["f1", "f2", "nope", "", "x" * 60]),
                        "owner": st.sampled_from([str(uuid.uuid4()), "bad", None]),
                        "owner_name": st.text(max_size=30),
                        "due_date": param_values,
                        "status": st.sampled_from(["planned", "done", "dropped", "later", None]),
                        "assessment": st.sampled_from([str(ids["assessments"]), str(uuid.uuid4()), "bad", None]),
                        "invitations": st.lists(
                            st.fixed_dictionaries(
                                {"email": st.emails() | st.text(max_size=20)},
                                optional={
                                    "team": st.sampled_from([str(ids["teams"]), str(uuid.uuid4()), ""]),
                                    "role": st.sampled_from([str(ids["roles"]), None, "x"]),
                                },
                            ),
                            max_size=3,
                        ),
                    },
                ),
            )
        )
    return method, url, params, body


@pytest.fixture
def world(org_a, manager_a, model_version, structure, token_for):
    factories.make_model_version(code="nineplus")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[structure["sales"]], roles=[structure["board"]]
    )
    factories.make_random_responses(assessment=assessment, count=6, team=structure["sales"], role=structure["board"])
    from assessments.actions.services.plan import create_action
    from assessments.outside_in.models import CustomerCheck
    from tests.api.test_schema import factories_invitation

    invitation = factories_invitation(assessment, structure["sales"])
    CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    action = create_action(
        organisation=org_a, assessment=assessment, actor=manager_a, data={"title": "Fuzz", "factor_code": "f1"}
    )
    ids = {
        "organisations": org_a.public_id,
        "teams": structure["sales"].public_id,
        "roles": structure["board"].public_id,
        "assessments": assessment.public_id,
        "invitations": invitation.public_id,
        "actions": action.public_id,
    }
    _token, client = token_for(manager_a)
    return ids, client


def test_no_operation_answers_with_a_server_error(world):
    ids, client = world

    @settings(max_examples=examples(250), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(calls(ids))
    def check(call):
        method, url, params, body = call
        if method == "GET":
            response = client.get(url, params)
        else:
            query = "&".join(f"{k}={v}" for k, v in params.items())
            send = client.patch if method == "PATCH" else client.post
            response = send(f"{url}?{query}", json.dumps(body), content_type="application/json")
        assert response.status_code < 500, (method, url, params, body, response.content[:300])
        if response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
            assert set(response.json()["error"]) == {"status", "code", "message", "fields"}

    check()


def test_malformed_json_and_wrong_content_type_are_400_or_415(world):
    ids, client = world
    url = "/api/v1/assessments/"
    assert client.post(url, "{not json", content_type="application/json").status_code == 400
    assert client.post(url, "a=b", content_type="application/x-www-form-urlencoded").status_code == 415
    deep = "[" * 5000 + "]" * 5000
    assert client.post(url, deep, content_type="application/json").status_code == 400
