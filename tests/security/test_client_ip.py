"""The client's address behind trusted proxies, and what rate limits and the sign-in lockout make of it."""

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from assessments.core.client_ip import client_ip
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def _request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, PROXY, "203.0.113.5", PROXY),  # no trusted proxy: the header is anyone's to write
        (0, "203.0.113.5", None, "203.0.113.5"),
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client's own (spoofed) entry is ignored
        (2, PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, None, PROXY),  # not through the proxy (a health check on the host)
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(_request(remote, forwarded)) == expected


def test_both_libraries_use_the_helper(settings):
    assert settings.RATELIMIT_IP_META_KEY == "assessments.core.client_ip.client_ip"
    assert settings.AXES_CLIENT_IP_CALLABLE == "assessments.core.client_ip.client_ip"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.TRUSTED_PROXY_COUNT == 0


def _sign_in(client, email, password, forwarded):
    return client.post(
        reverse("login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_trusted_proxy_each_client_has_its_own_rate_limit(client, limits_on):
    limits_on.AXES_ENABLED = False
    limits_on.TRUSTED_PROXY_COUNT = 1
    statuses = [_sign_in(client, f"g{i}@example.org", "x", "203.0.113.5").status_code for i in range(11)]
    assert statuses == [200] * 10 + [429]
    # Writing another address in front does not help the attacker: the proxy's entry counts.
    assert _sign_in(client, "g@example.org", "x", "1.2.3.4, 203.0.113.5").status_code == 429
    # Someone else behind the same proxy is not affected.
    assert _sign_in(client, "h@example.org", "x", "198.51.100.7").status_code == 200


def test_without_trust_the_header_is_ignored_and_the_proxy_is_the_client(client, limits_on):
    limits_on.AXES_ENABLED = False
    statuses = [_sign_in(client, f"g{i}@example.org", "x", f"203.0.113.{i}").status_code for i in range(11)]
    assert statuses == [200] * 10 + [429]


def test_lockout_is_per_account_and_client_so_the_owner_still_signs_in_elsewhere(client, limits_on):
    limits_on.RATELIMIT_ENABLE = False
    limits_on.TRUSTED_PROXY_COUNT = 1
    owner = factories.make_user(email="bob@example.org")
    for _ in range(limits_on.AXES_FAILURE_LIMIT):
        _sign_in(client, "bob@example.org", "wrong password", "203.0.113.5")
    assert _sign_in(client, "bob@example.org", factories.DEFAULT_PASSWORD, "203.0.113.5").status_code == 429
    response = _sign_in(client, "bob@example.org", factories.DEFAULT_PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_without_trust_an_attacker_behind_the_proxy_locks_the_owner_out(client, limits_on):
    # Why TRUSTED_PROXY_COUNT matters: every request seems to come from the proxy itself.
    limits_on.RATELIMIT_ENABLE = False
    factories.make_user(email="bob@example.org")
    for _ in range(limits_on.AXES_FAILURE_LIMIT):
        _sign_in(client, "bob@example.org", "wrong password", "203.0.113.5")
    assert _sign_in(client, "bob@example.org", factories.DEFAULT_PASSWORD, "198.51.100.7").status_code == 429


# --- password reset -------------------------------------------------------------------------------


def _reset(client, email, forwarded="203.0.113.5"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_password_reset_url_is_the_limited_view():
    from django.urls import resolve

    from assessments.organisations.views import auth

    assert resolve("/accounts/password/reset/").func is auth.password_reset


def test_password_reset_is_limited_per_address(client, limits_on, mailoutbox):
    limits_on.TRUSTED_PROXY_COUNT = 1
    factories.make_user(email="ann@example.org")
    statuses = [_reset(client, "ann@example.org", f"203.0.113.{i}").status_code for i in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    # Capitals and spaces do not make a new address.
    assert _reset(client, " ANN@example.org", "203.0.113.99").status_code == 429
    response = _reset(client, "ann@example.org", "203.0.113.98")
    assert b"Too many requests" in response.content


def test_password_reset_is_limited_per_client(client, limits_on, mailoutbox):
    limits_on.TRUSTED_PROXY_COUNT = 1
    statuses = [_reset(client, f"u{i}@example.org").status_code for i in range(11)]
    assert statuses == [302] * 10 + [429]
    assert _reset(client, "other@example.org", "198.51.100.7").status_code == 302


def test_get_of_the_reset_page_is_not_limited(client, limits_on):
    for _ in range(12):
        assert client.get(reverse("password_reset"), REMOTE_ADDR="10.0.0.3").status_code == 200
