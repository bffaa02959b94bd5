"""A lost database connection is a clear 503 with Retry-After, never a 500 stack trace."""

import sys

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory

from assessments.core import errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_home(monkeypatch):
    def fail(*, user):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("assessments.organisations.views.organisations.organisations_for", fail)


def test_database_error_in_a_view_is_a_503_page(settings, manager_a, broken_home):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(manager_a)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "Briefly unavailable" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


def test_database_error_for_a_script_is_json(settings, manager_a, broken_home):
    client = Client(raise_request_exception=False)
    client.force_login(manager_a)
    response = client.get("/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_500_handler_turns_database_errors_anywhere_into_503(error):
    request = RequestFactory().get("/")
    try:
        raise error("connection already closed")
    except error:
        # Django calls handler500 inside its own except block: the handler must read the exception there.
        assert isinstance(sys.exc_info()[1], error)
        response = errors.server_error(request)
    assert response.status_code == 503


def test_500_handler_keeps_other_errors_as_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("bug")
    except ValueError:
        response = errors.server_error(request)
    assert response.status_code == 500
