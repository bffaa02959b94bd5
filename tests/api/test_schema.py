"""The OpenAPI document validates, and every operation in it is exercised with real objects."""

import re

import pytest
from drf_spectacular.validation import validate_schema

from tests import factories
from tests.api.schema_walk import fill, operations, schema

pytestmark = pytest.mark.django_db

EXPECTED_OPERATIONS = {
    ("GET", "/api/v1/organisations/"),
    ("GET", "/api/v1/organisations/{id}/"),
    ("GET", "/api/v1/teams/"),
    ("GET", "/api/v1/teams/{id}/"),
    ("GET", "/api/v1/roles/"),
    ("GET", "/api/v1/roles/{id}/"),
    ("GET", "/api/v1/assessments/"),
    ("POST", "/api/v1/assessments/"),
    ("GET", "/api/v1/assessments/{id}/"),
    ("POST", "/api/v1/assessments/{id}/open/"),
    ("POST", "/api/v1/assessments/{id}/close/"),
    ("GET", "/api/v1/assessments/{id}/progress/"),
    ("GET", "/api/v1/assessments/{id}/results/"),
    ("GET", "/api/v1/assessments/{id}/export/"),
    ("GET", "/api/v1/assessments/{assessment_id}/invitations/"),
    ("POST", "/api/v1/assessments/{assessment_id}/invitations/"),
    ("GET", "/api/v1/invitations/{id}/"),
    ("POST", "/api/v1/invitations/{id}/withdraw/"),
    ("GET", "/api/v1/organisations/{organisation_id}/actions/"),
    ("POST", "/api/v1/organisations/{organisation_id}/actions/"),
    ("GET", "/api/v1/actions/{id}/"),
    ("PATCH", "/api/v1/actions/{id}/"),
    ("GET", "/api/v1/assessments/{assessment_id}/customer-figures/"),
    ("GET", "/api/v1/assessments/{assessment_id}/moments/"),
}

CREATED = {
    ("POST", "/api/v1/assessments/"),
    ("POST", "/api/v1/assessments/{assessment_id}/invitations/"),
    ("POST", "/api/v1/organisations/{organisation_id}/actions/"),
}


def test_the_document_validates_against_openapi_3():
    document = schema()
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"


def test_the_document_lists_exactly_the_known_operations():
    assert {(m, p) for m, p, _op in operations()} == EXPECTED_OPERATIONS


def test_schema_urls_and_docs_page_need_no_token(client):
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200
    assert b"openapi: 3" in yaml.content
    json_schema = client.get("/api/v1/schema/json/")
    assert json_schema.json()["info"]["title"] == "cxmaturity API"
    docs = client.get("/api/docs/").content.decode()
    for _method, path in EXPECTED_OPERATIONS:
        assert f"<code>{path}</code>" in docs
    # No script, style or font from a CDN: every src/href is our own (a random CSRF token may spell "cdn").
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', docs)


def body_for(method, path, ids):
    if method == "PATCH":
        return {"status": "in_progress"}
    if method != "POST":
        return None
    if path == "/api/v1/assessments/":
        return {"organisation": str(ids["organisations"]), "title": "Walk", "teams": [str(ids["teams"])]}
    if path.endswith("/invitations/"):
        return {"invitations": [{"email": "walk@example.org", "team": str(ids["teams"])}]}
    if path.endswith("/actions/"):
        return {"title": "Walk", "factor_code": "f1", "assessment": str(ids["assessments"])}
    return None


def call(client, method, url, body):
    if method == "GET":
        return client.get(url)
    send = client.patch if method == "PATCH" else client.post
    return send(url, body, content_type="application/json")


def api_world(org_a, manager_a, model_version, structure):
    """One object of every kind in org A, with ids keyed by the resource that addresses them."""
    from assessments.actions.services.plan import create_action
    from assessments.outside_in.models import CustomerCheck

    factories.make_model_version(code="nineplus")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[structure["sales"]], status="draft"
    )
    invitation = factories_invitation(assessment, structure["sales"])
    CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    action = create_action(
        organisation=org_a, assessment=assessment, actor=manager_a, data={"title": "Plan", "factor_code": "f1"}
    )
    return {
        "organisations": org_a.public_id,
        "teams": structure["sales"].public_id,
        "roles": structure["board"].public_id,
        "assessments": assessment.public_id,
        "invitations": invitation.public_id,
        "actions": action.public_id,
    }


def test_every_operation_is_exercised_with_success(org_a, manager_a, model_version, structure, token_for):
    ids = api_world(org_a, manager_a, model_version, structure)
    _token, client = token_for(manager_a)
    # Order matters only for the lifecycle: open before close, withdraw last.
    order = sorted(operations(), key=lambda op: ("close" in op[1], "withdraw" in op[1]))
    statuses = {}
    for method, path, _operation in order:
        url = fill(path, ids)
        response = call(client, method, url, body_for(method, path, ids))
        statuses[(method, path)] = response.status_code
    assert statuses == {
        key: 201 if key in CREATED else 204 if key[1].endswith("/withdraw/") else 200 for key in EXPECTED_OPERATIONS
    }


def factories_invitation(assessment, team):
    import secrets

    from assessments.questionnaire.models import Invitation

    return Invitation.objects.create(
        assessment=assessment, team=team, email="x@example.org", token_hash=secrets.token_hex(32)
    )
