"""The API's endpoints do what the browser does, through the same services, in one JSON shape."""

import csv
import io

import pytest
from django.utils import timezone

from assessments.api.models import ApiCall, ApiToken
from assessments.organisations.models import ActivityLog
from assessments.questionnaire.models import Assessment, Invitation
from assessments.results import wording
from assessments.scoring import score_assessment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org_a, manager_a, model_version, structure):
    assessment = factories.make_assessment(
        organisation=org_a,
        model_version=model_version,
        teams=[structure["sales"], structure["service"]],
        roles=[structure["board"], structure["front"]],
        status="draft",
    )
    return assessment


def test_organisations_list_with_my_role(org_a, org_b, consultant_ab, token_for):
    _token, client = token_for(consultant_ab)
    body = client.get("/api/v1/organisations/").json()
    assert body["count"] == 2
    assert {o["name"] for o in body["results"]} == {org_a.name, org_b.name}
    assert {o["my_role"] for o in body["results"]} == {"consultant"}
    assert "id" in body["results"][0]
    assert "pk" not in body["results"][0]


def test_a_token_for_one_organisation_sees_only_that_one(org_a, org_b, consultant_ab, token_for):
    _token, client = token_for(consultant_ab, organisation=org_b)
    body = client.get("/api/v1/organisations/").json()
    assert [o["name"] for o in body["results"]] == [org_b.name]
    assert client.get(f"/api/v1/organisations/{org_a.public_id}/").status_code == 404


def test_teams_and_roles_filtered_by_organisation(org_a, manager_a, structure, token_for):
    _token, client = token_for(manager_a)
    teams = client.get(f"/api/v1/teams/?organisation={org_a.public_id}").json()["results"]
    assert [t["name"] for t in teams] == ["Sales", "Service", "Service North"]
    north = next(t for t in teams if t["name"] == "Service North")
    assert north["parent"] == str(structure["service"].public_id)
    roles = client.get("/api/v1/roles/").json()["results"]
    assert [r["name_en"] for r in roles][:2] == ["Board", "Front office"]
    bad = client.get("/api/v1/teams/?organisation=not-a-uuid")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"


def test_create_open_close_through_the_services(org_a, manager_a, structure, token_for):
    _token, client = token_for(manager_a)
    payload = {
        "organisation": str(org_a.public_id),
        "title": "API scan",
        "teams": [str(structure["sales"].public_id)],
        "roles": [str(structure["board"].public_id)],
        "languages": ["en"],
    }
    factories.make_model_version(code="nineplus")
    created = client.post("/api/v1/assessments/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["status"], body["threshold_scores"]) == ("API scan", "draft", 5)
    opened = client.post(f"/api/v1/assessments/{body['id']}/open/")
    assert opened.json()["status"] == "open"
    assert client.post(f"/api/v1/assessments/{body['id']}/open/").status_code == 200  # repeated: harmless
    closed = client.post(f"/api/v1/assessments/{body['id']}/close/")
    assert closed.json()["status"] == "closed"
    conflict = client.post(f"/api/v1/assessments/{body['id']}/open/")
    assert conflict.status_code == 409
    assert conflict.json() == {
        "error": {"status": 409, "code": "conflict", "message": "Only a draft assessment can be opened.", "fields": {}}
    }
    verbs = set(ActivityLog.objects.filter(organisation=org_a).values_list("verb", flat=True))
    assert {"created", "opened", "closed", "token_created"} <= verbs


def test_create_rejects_foreign_teams_with_fields(org_a, org_b, manager_a, token_for):
    foreign = factories.make_team(organisation=org_b)
    _token, client = token_for(manager_a)
    response = client.post(
        "/api/v1/assessments/",
        {"organisation": str(org_a.public_id), "title": "X", "teams": [str(foreign.public_id)]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"teams": ["Use the ids of this organisation's teams."]}
    missing = client.post("/api/v1/assessments/", {}, content_type="application/json").json()["error"]
    assert set(missing["fields"]) == {"organisation", "title", "teams"}


def test_filters_by_status_and_date(org_a, manager_a, model_version, token_for):
    old = factories.make_assessment(organisation=org_a, model_version=model_version, status="closed")
    Assessment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=40))
    factories.make_assessment(organisation=org_a, model_version=model_version, status="open")
    _token, client = token_for(manager_a)
    assert client.get("/api/v1/assessments/").json()["count"] == 2
    assert client.get("/api/v1/assessments/?status=closed").json()["results"][0]["id"] == str(old.public_id)
    since = (timezone.localdate() - timezone.timedelta(days=10)).isoformat()
    assert client.get(f"/api/v1/assessments/?created_after={since}").json()["count"] == 1
    assert client.get(f"/api/v1/assessments/?created_before={since}").json()["count"] == 1
    assert client.get("/api/v1/assessments/?status=nope").status_code == 400


def test_pagination(org_a, manager_a, model_version, token_for):
    for _ in range(3):
        factories.make_assessment(organisation=org_a, model_version=model_version)
    _token, client = token_for(manager_a)
    page = client.get("/api/v1/assessments/?page_size=2").json()
    assert page["count"] == 3
    assert len(page["results"]) == 2
    assert page["next"].endswith("page=2&page_size=2")
    assert client.get("/api/v1/assessments/?page=9").status_code == 404


def test_invitations_bulk_add_list_and_withdraw(setup, manager_a, structure, token_for):
    _token, client = token_for(manager_a)
    url = f"/api/v1/assessments/{setup.public_id}/invitations/"
    rows = [
        {"email": "a@example.org", "team": str(structure["sales"].public_id)},
        {
            "email": "b@example.org",
            "team": str(structure["service"].public_id),
            "role": str(structure["front"].public_id),
        },
    ]
    added = client.post(url, {"invitations": rows}, content_type="application/json")
    assert added.status_code == 201
    assert added.json() == {"created": 2, "skipped": []}
    # Someone already invited is skipped with a notice, as in the browser's paste; the batch still goes through.
    again = client.post(url, {"invitations": rows[:1]}, content_type="application/json")
    assert again.status_code == 201
    assert again.json() == {
        "created": 0,
        "skipped": [{"line": 1, "email": "a@example.org", "reason": "Already invited to this assessment."}],
    }
    wrong_team = client.post(
        url,
        {"invitations": [{"email": "c@example.org", "team": str(structure["north"].public_id)}]},
        content_type="application/json",
    )
    assert wrong_team.json()["error"]["fields"] == {"invitations": {"1": ["Use the id of a team in this assessment."]}}
    listed = client.get(url).json()
    assert [i["email"] for i in listed["results"]] == ["a@example.org", "b@example.org"]
    invitation = Invitation.objects.get(email="a@example.org")
    assert client.post(f"/api/v1/invitations/{invitation.public_id}/withdraw/").status_code == 204
    assert client.post(f"/api/v1/invitations/{invitation.public_id}/withdraw/").status_code == 404
    answered = Invitation.objects.get(email="b@example.org")
    answered.completed_on = timezone.localdate()
    answered.save()
    refused = client.post(f"/api/v1/invitations/{answered.public_id}/withdraw/")
    assert refused.status_code == 409
    assert ActivityLog.objects.filter(verb="invitation_withdrawn").count() == 1


def test_progress_results_and_exports(make_scan, manager_a, viewer_a, token_for):
    scan = make_scan(sizes={("sales", "board"): 6, ("service", "front"): 2})
    _token, client = token_for(manager_a, scope="read")
    progress = client.get(f"/api/v1/assessments/{scan.public_id}/progress/").json()
    assert progress["totals"]["responses_submitted"] == 8
    results = client.get(f"/api/v1/assessments/{scan.public_id}/results/").json()
    assert results["respondents"] == 8
    # The dashboard's own result, anonymity applied: the small team is hidden, its numbers absent;
    # each hidden reason's text comes beside its code.
    assert results == wording.result_json(score_assessment(assessment=scan))
    service = next(g for g in results["teams"] if g["group"]["name_en"] == "Service")
    assert service["suppressed"] is True
    assert (service["suppressed_reason"], service["suppressed_reason_text"]) == (
        "threshold",
        "hidden: fewer than 5 respondents",
    )
    assert results["organisation"]["suppressed_reason_text"] is None
    assert all(f["score"] is None for f in service["factors"])
    export = client.get(f"/api/v1/assessments/{scan.public_id}/export/?kind=scores&format=csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(lines) > 1
    xlsx = client.get(f"/api/v1/assessments/{scan.public_id}/export/?kind=answers&format=xlsx")
    assert xlsx.status_code == 200
    assert xlsx.getvalue()[:2] == b"PK"
    _token, viewer = token_for(viewer_a, scope="read")
    assert viewer.get(f"/api/v1/assessments/{scan.public_id}/export/?kind=answers").status_code == 403
    assert viewer.get(f"/api/v1/assessments/{scan.public_id}/export/?kind=scores").status_code == 200
    assert viewer.get(f"/api/v1/assessments/{scan.public_id}/export/?format=pdf").status_code == 400


def test_read_tokens_cannot_write_and_viewers_cannot_manage(setup, manager_a, viewer_a, token_for):
    _token, reader = token_for(manager_a, scope="read")
    denied = reader.post(f"/api/v1/assessments/{setup.public_id}/open/")
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "permission_denied"
    _token, viewer = token_for(viewer_a, scope="write")
    assert viewer.post(f"/api/v1/assessments/{setup.public_id}/open/").status_code == 403
    assert viewer.get(f"/api/v1/assessments/{setup.public_id}/invitations/").status_code == 403
    setup.refresh_from_db()
    assert setup.status == "draft"


def test_authentication_errors(setup, manager_a, token_for, client):
    assert client.get("/api/v1/assessments/").json()["error"]["status"] == 401
    bad = client.get("/api/v1/assessments/", HTTP_AUTHORIZATION="Bearer x" * 3)
    assert bad.status_code == 401
    assert client.get("/api/v1/assessments/", HTTP_AUTHORIZATION="Bearer " + "a" * 43).status_code == 401
    token, api = token_for(manager_a)
    assert api.get("/api/v1/assessments/").status_code == 200
    token.revoked_at = timezone.now()
    token.save()
    assert api.get("/api/v1/assessments/").status_code == 401
    # A signed-in browser session is not an API credential.
    from django.test import Client

    session = Client()
    session.force_login(manager_a)
    assert session.get("/api/v1/assessments/").status_code == 401


def test_every_call_is_logged_with_last_use(setup, manager_a, token_for):
    token, client = token_for(manager_a)
    client.get("/api/v1/assessments/")
    client.get(f"/api/v1/assessments/{setup.public_id}/")
    client.get("/api/v1/assessments/00000000-0000-0000-0000-000000000000/")
    calls = list(ApiCall.objects.filter(token=token).order_by("id").values_list("method", "status"))
    assert calls == [("GET", 200), ("GET", 200), ("GET", 404)]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_rate_limit_per_token(setup, manager_a, settings, token_for):
    settings.CXM_API_RATE = "3/min"
    _one, first = token_for(manager_a, name="one")
    _two, second = token_for(manager_a, name="two")
    statuses = [first.get("/api/v1/organisations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    body = first.get("/api/v1/organisations/").json()
    assert body["error"]["status"] == 429
    assert body["error"]["code"] == "throttled"
    assert second.get("/api/v1/organisations/").status_code == 200  # another token has its own budget


def test_token_settings_page_creates_shows_once_and_revokes(manager_a, org_a, client_for):
    client = client_for(manager_a)
    page = client.post("/account/api-tokens/", {"name": "Power BI", "scope": "read", "organisation": org_a.pk})
    assert page.status_code == 200
    token = ApiToken.objects.get(user=manager_a)
    secret = page.content.decode().split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert len(secret) >= 40
    assert token.token_hash != secret
    assert secret not in token.token_hash
    again = client.get("/account/api-tokens/").content.decode()
    assert secret not in again
    assert "Power BI" in again
    assert "Never" in again
    from tests.api.conftest import api_client

    assert api_client(secret).get("/api/v1/organisations/").status_code == 200
    assert "Never" not in client.get("/account/api-tokens/").content.decode()
    client.post(f"/account/api-tokens/{token.public_id}/revoke/")
    assert api_client(secret).get("/api/v1/organisations/").status_code == 401


def test_someone_elses_token_cannot_be_revoked(manager_a, manager_b, token_for, client_for):
    token, _client = token_for(manager_b)
    assert client_for(manager_a).post(f"/account/api-tokens/{token.public_id}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_for_a_foreign_organisation_is_refused(manager_a, org_b, client_for):
    page = client_for(manager_a).post("/account/api-tokens/", {"name": "X", "scope": "read", "organisation": org_b.pk})
    assert "Select a valid choice" in page.content.decode()
    assert not ApiToken.objects.exists()
