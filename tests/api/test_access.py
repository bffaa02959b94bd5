"""Every API operation x persona x token scope: the API never shows or changes more than the browser allows.

Org A's objects are requested with each persona's token. Members of A get what their role allows (viewers
read but do not change; invitations are for managers, as in the browser); read tokens never write;
everyone else, including a consultant whose token is limited to org B, gets 404 for every object of A
and lists without A's objects.
"""

import pytest

from tests import factories
from tests.api.schema_walk import fill, operations
from tests.api.test_schema import factories_invitation

pytestmark = pytest.mark.django_db

CREATED = {("POST", "/api/v1/assessments/"), ("POST", "/api/v1/assessments/{assessment_id}/invitations/")}
LISTS = {path for method, path, _op in operations() if method == "GET" and "{" not in path}
MANAGER_ONLY_READS = {"/api/v1/assessments/{assessment_id}/invitations/", "/api/v1/invitations/{id}/"}


def _success(method, path):
    if (method, path) in CREATED:
        return 201
    return 204 if path.endswith("/withdraw/") else 200


def expected(persona, scope, method, path):
    member = persona in ("manager_a", "viewer_a", "consultant_ab") and scope != "org_b"
    if not member:
        if method == "POST" and "{" not in path:
            return 400  # the body names an organisation the token cannot use: "use one of yours"
        return 200 if path in LISTS else 404
    if method == "POST" and scope == "read":
        return 403
    if persona == "viewer_a" and (method == "POST" or path in MANAGER_ONLY_READS):
        return 403
    return _success(method, path)


PERSONAS = [
    ("manager_a", "write"),
    ("manager_a", "read"),
    ("viewer_a", "write"),
    ("viewer_a", "read"),
    ("consultant_ab", "write"),
    ("consultant_ab", "org_b"),
    ("manager_b", "write"),
    ("outsider", "write"),
]


@pytest.fixture
def world(org_a, model_version, structure):
    factories.make_model_version(code="nineplus")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[structure["sales"]], status="draft"
    )
    invitation = factories_invitation(assessment, structure["sales"])
    return {
        "organisations": org_a.public_id,
        "teams": structure["sales"].public_id,
        "roles": structure["board"].public_id,
        "assessments": assessment.public_id,
        "invitations": invitation.public_id,
    }


def _body(method, path, ids):
    if method != "POST":
        return None
    if path == "/api/v1/assessments/":
        return {"organisation": str(ids["organisations"]), "title": "Access", "teams": [str(ids["teams"])]}
    if path.endswith("/invitations/"):
        return {"invitations": [{"email": "access@example.org", "team": str(ids["teams"])}]}
    return None


@pytest.mark.parametrize(("persona", "scope"), PERSONAS)
def test_operation_by_persona_and_scope(persona, scope, world, request, org_b, token_for):
    user = request.getfixturevalue(persona)
    token_scope = "read" if scope == "read" else "write"
    _token, client = token_for(user, scope=token_scope, organisation=org_b if scope == "org_b" else None)
    order = sorted(operations(), key=lambda op: ("close" in op[1], "withdraw" in op[1]))
    failures = []
    for method, path, _op in order:
        url = fill(path, world)
        body = _body(method, path, world)
        response = client.get(url) if method == "GET" else client.post(url, body, content_type="application/json")
        want = expected(persona, scope, method, path)
        if response.status_code != want:
            failures.append(f"{method} {path}: {response.status_code} != {want}")
        elif path in LISTS and want == 200 and expected(persona, scope, "GET", "/api/v1/teams/{id}/") == 404:
            org_a = str(world["organisations"])
            leaked = [r for r in response.json()["results"] if org_a in (r["id"], r.get("organisation"))]
            assert leaked == [], f"{path} lists org A's objects to {persona}"
    assert failures == []
