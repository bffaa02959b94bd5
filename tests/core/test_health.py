from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_503_when_database_unreachable(client):
    with mock.patch("assessments.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_home_sends_anonymous_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_home_sends_a_single_organisation_member_to_it(client_for, manager_a, org_a):
    response = client_for(manager_a).get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org_a.public_id}/"


def test_home_lists_organisations_for_members_of_several(client_for, consultant_ab):
    response = client_for(consultant_ab).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/o/"
