"""Walks every URL pattern of the project, so that a view without an access check fails the suite.

Anonymous visitors are sent to sign in (or get 404) everywhere except the public URLs (`walk.PUBLIC_PREFIXES`);
a signed-in outsider gets 404 on every URL that addresses an object by a UUID, with real ids of organisation A
(`conftest.real_ids`).

Adding a member view: open it with a page decorator (`@organisation_page(...)`, `@assessment_page(...)`, see
`assessments/organisations/decorators.py`), outermost, before `require_POST` and friends.

The REST API (`api/v1/`) takes no session: without a token every URL answers 401, and a token of another
organisation's manager gets 404 on every URL that addresses an object, with the same real ids.
"""

import pytest
from django.urls.converters import UUIDConverter

from tests.url_access.walk import (
    anonymous_failures,
    build_url,
    dummy_value,
    outsider_failures,
    protected_routes,
)


def test_walk_sees_the_organisation_pages():
    routes = [route for route, _conv in protected_routes()]
    assert "a/<uuid:assessment>/comments/themes/<uuid:theme>/" in routes
    assert "o/<uuid:org>/teams/<uuid:team>/edit/" in routes
    assert "o/<uuid:org>/people/" in routes
    assert "o/<uuid:org>/settings/sign-in/" in routes
    assert "o/<uuid:org>/settings/sign-in/remove/" in routes
    assert "o/<uuid:org>/journeys/<uuid:journey>/moments/<uuid:moment>/links/<uuid:link>/qr/" in routes
    assert "o/<uuid:org>/plan/<uuid:action>/customer-measure/record/" in routes
    assert "a/<uuid:assessment>/moments/export/<slug:kind>.<slug:fmt>" in routes
    assert "" in routes  # home
    # The account pages behind sign-in are walked too.
    assert {"accounts/email/", "accounts/password/change/", "accounts/2fa/", "accounts/2fa/totp/activate/"} <= set(
        routes
    )


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_sign_in_or_gets_404_everywhere(method, client):
    assert anonymous_failures(client, method) == []


def test_outsider_gets_404_on_every_object_url(real_ids, outsider, client_for):
    known, everything = real_ids
    failures, checked = outsider_failures(client_for(outsider), known, everything)
    assert checked > 30
    assert failures == []


def test_the_walk_catches_a_view_without_checks(real_ids, outsider, client_for, client, settings):
    """A deliberately leaky page added to the project's URLs makes both walks fail, and only for it."""
    settings.ROOT_URLCONF = "tests.leaky_urls"
    known, everything = real_ids
    failures, _checked = outsider_failures(client_for(outsider), known, everything)
    assert len(failures) == 1
    assert "(o/<uuid:org>/leaky/)" in failures[0]
    anonymous = anonymous_failures(client, "get")
    assert len(anonymous) == 1
    assert anonymous[0].startswith("GET /o/")
    assert anonymous[0].endswith("/leaky/ -> 200")


def test_outsider_never_gets_a_server_error_on_other_pages(db, outsider, client_for):
    client = client_for(outsider)
    failures = []
    for route, converters in protected_routes():
        if any(isinstance(conv, UUIDConverter) for conv in converters.values()):
            continue
        url = build_url(route, converters, {name: dummy_value(conv) for name, conv in converters.items()})
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"GET {url} -> {status}")
    assert failures == []


def test_api_without_a_token_answers_401_everywhere(real_ids, outsider, client_for, client):
    known, everything = real_ids
    routes = protected_routes(api=True)
    assert len(routes) > 10
    for browser in (client, client_for(outsider)):
        failures = []
        for route, converters in routes:
            values = {name: dummy_value(conv) for name, conv in converters.items()}
            url = build_url(route, converters, values)
            for method in ("get", "post"):
                status = getattr(browser, method)(url).status_code
                if status not in (401, 405):
                    failures.append(f"{method.upper()} {url} -> {status}")
        assert failures == []


def test_another_organisations_token_gets_404_on_every_api_object(real_ids, manager_b):
    """Org B's manager, with a write token for all of their organisations, walks org A's real ids."""
    from django.test import Client

    from assessments.api.services import create_token

    _token, secret = create_token(user=manager_b, name="walk", scope="write", organisation=None)
    known, everything = real_ids
    failures, checked = outsider_failures(Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), known, everything, api=True)
    assert checked > 30
    assert failures == []
