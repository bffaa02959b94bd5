"""Every API operation x persona x token scope: the API never shows or changes more than the browser allows.

Org A's objects are requested with each persona's token. Members of A get what their role allows (viewers
read but do not change; invitations are for managers, as in the browser); read tokens never write;
everyone else, including a consultant whose token is limited to org B, gets 404 for every object of A
and lists without A's objects.
"""

import pytest

from tests.api.schema_walk import fill, operations
from tests.api.test_schema import CREATED, api_world, body_for, call

pytestmark = pytest.mark.django_db

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
    if method in ("POST", "PATCH") and scope == "read":
        return 403
    if persona == "viewer_a" and (method in ("POST", "PATCH") or path in MANAGER_ONLY_READS):
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
def world(org_a, manager_a, model_version, structure):
    return api_world(org_a, manager_a, model_version, structure)


@pytest.mark.parametrize(("persona", "scope"), PERSONAS)
def test_operation_by_persona_and_scope(persona, scope, world, request, org_b, token_for):
    user = request.getfixturevalue(persona)
    token_scope = "read" if scope == "read" else "write"
    _token, client = token_for(user, scope=token_scope, organisation=org_b if scope == "org_b" else None)
    order = sorted(operations(), key=lambda op: ("close" in op[1], "withdraw" in op[1]))
    failures = []
    for method, path, _op in order:
        url = fill(path, world)
        response = call(client, method, url, body_for(method, path, world))
        want = expected(persona, scope, method, path)
        if response.status_code != want:
            failures.append(f"{method} {path}: {response.status_code} != {want}")
        elif path in LISTS and want == 200 and expected(persona, scope, "GET", "/api/v1/teams/{id}/") == 404:
            org_a = str(world["organisations"])
            leaked = [r for r in response.json()["results"] if org_a in (r["id"], r.get("organisation"))]
            assert leaked == [], f"{path} lists org A's objects to {persona}"
    assert failures == []
