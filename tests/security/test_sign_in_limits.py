"""Sign-in: a per-IP rate limit (django-ratelimit) and a per-account lockout (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.urls import resolve, reverse

from assessments.core import ratelimits
from assessments.organisations.views import auth
from tests import factories

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_login_url_goes_through_the_rate_limited_view():
    assert reverse("login") == "/accounts/login/"
    assert resolve("/accounts/login/").func is auth.login


def test_production_rates():
    assert (ratelimits.SIGN_IN_RATE, ratelimits.TOKEN_FAILURE_RATE, ratelimits.PDF_RATE) == ("10/m", "30/m", "10/m")


def test_normal_sign_in_is_never_limited(client, limits_on):
    user = factories.make_user(email="ann@example.org")
    for _ in range(3):
        assert _sign_in(client, "ann@example.org", "wrong password").status_code == 200
    response = _sign_in(client, "ann@example.org", factories.DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_brute_force_from_one_ip_gets_429(client, limits_on):
    limits_on.AXES_ENABLED = False  # isolate the rate limit from the lockout
    statuses = [_sign_in(client, f"guess{i}@example.org", "x").status_code for i in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    response = _sign_in(client, "guess@example.org", "x")
    assert b"Too many requests" in response.content


def test_rate_limit_is_per_ip(client, limits_on):
    limits_on.AXES_ENABLED = False
    for i in range(11):
        _sign_in(client, f"guess{i}@example.org", "x", ip="10.0.0.9")
    assert _sign_in(client, "other@example.org", "x", ip="10.0.0.10").status_code == 200


def test_get_of_the_sign_in_page_is_not_limited(client, limits_on):
    for _ in range(15):
        assert client.get(reverse("login"), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_lockout_after_repeated_failures_shows_clear_message(client, limits_on):
    limits_on.RATELIMIT_ENABLE = False  # isolate the lockout from the rate limit
    factories.make_user(email="bob@example.org")
    for _ in range(limits_on.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "bob@example.org", "wrong password").status_code == 200
    locked = _sign_in(client, "bob@example.org", "wrong password")
    assert locked.status_code == 429
    assert b"Account temporarily locked" in locked.content
    # The right password does not help while locked.
    again = _sign_in(client, "bob@example.org", factories.DEFAULT_PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert (
        AccessAttempt.objects.get(username="bob@example.org").failures_since_start == 11
    )  # the refused attempt counts too


def test_lockout_is_per_account_and_ip(client, limits_on):
    limits_on.RATELIMIT_ENABLE = False
    factories.make_user(email="bob@example.org")
    carol = factories.make_user(email="carol@example.org")
    for _ in range(limits_on.AXES_FAILURE_LIMIT):
        _sign_in(client, "bob@example.org", "wrong password")
    response = _sign_in(client, "carol@example.org", factories.DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(carol.pk)
