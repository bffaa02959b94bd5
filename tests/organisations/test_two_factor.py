"""Two-factor sign-in (allauth.mfa): enrolling an authenticator app, signing in with its code or with a
recovery code (used once), and an organisation that requires it of its managers and consultants.

The codes are computed here from the secret (RFC 6238), at a fixed moment: allauth reads the clock
through its own module, which the `clock` fixture sets, so no test depends on the 30-second window.
"""

import base64
import hashlib
import hmac
import struct
import types

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
NOW = 1_800_000_000.0


def totp(secret, at):
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture
def clock(monkeypatch):
    moment = types.SimpleNamespace(now=NOW)
    monkeypatch.setattr(totp_auth, "time", types.SimpleNamespace(time=lambda: moment.now))
    return moment


def _sign_in(client, email, password=factories.DEFAULT_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def _enrol(client, clock):
    """Activate an authenticator app for the signed-in client; returns (secret, recovery codes)."""
    # Setting up a second factor is sensitive: allauth asks for the password again first.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    confirmed = client.post(asked["Location"], {"password": factories.DEFAULT_PASSWORD})
    assert confirmed["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000" if totp(secret, NOW) != "000000" else "1"})
    assert wrong.status_code == 200
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret, clock.now)})
    assert response.status_code == 302
    codes = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    return secret, codes


def test_enrolment_with_a_code_from_the_secret(manager_a, client, clock):
    _sign_in(client, "manager.a@example.org")
    assert not Authenticator.objects.filter(user=manager_a).exists()
    secret, codes = _enrol(client, clock)
    assert Authenticator.objects.get(user=manager_a, type=Authenticator.Type.TOTP).wrap().instance.data["secret"]
    assert len(codes) == 10
    index = client.get(reverse("mfa_index")).content.decode()
    assert "Authentication using an authenticator app is active." in index
    assert len(secret) >= 16


def test_sign_in_asks_for_the_code_after_the_password(manager_a, client, clock):
    _sign_in(client, "manager.a@example.org")
    secret, _codes = _enrol(client, clock)
    client.post("/accounts/logout/")

    clock.now = NOW + 120  # a later window: a new code
    response = _sign_in(client, "manager.a@example.org")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone does not sign in
    assert client.get("/o/").status_code == 302
    wrong = client.post("/accounts/2fa/authenticate/", {"code": totp(secret, NOW)})  # an old window's code
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post("/accounts/2fa/authenticate/", {"code": totp(secret, clock.now)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(manager_a.pk)

    # The same code cannot be replayed in its window.
    client.post("/accounts/logout/")
    _sign_in(client, "manager.a@example.org")
    replay = client.post("/accounts/2fa/authenticate/", {"code": totp(secret, clock.now)})
    assert replay.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_with_a_recovery_code_uses_it_up(manager_a, client, clock):
    _sign_in(client, "manager.a@example.org")
    _secret, codes = _enrol(client, clock)
    client.post("/accounts/logout/")

    _sign_in(client, "manager.a@example.org")
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(manager_a.pk)
    unused = Authenticator.objects.get(user=manager_a, type=Authenticator.Type.RECOVERY_CODES).wrap()
    assert codes[0] not in unused.get_unused_codes()
    assert len(unused.get_unused_codes()) == 9

    client.post("/accounts/logout/")
    _sign_in(client, "manager.a@example.org")
    again = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[1]}).status_code == 302


def _require(org):
    org.require_mfa = True
    org.save(update_fields=["require_mfa"])


def test_an_organisation_that_requires_it_sends_managers_to_enrol_first(
    org_a, manager_a, viewer_a, consultant_ab, org_b, client, client_for, clock
):
    _require(org_a)
    home = reverse("organisation_detail", kwargs={"org": org_a.public_id})
    teams = reverse("team_list", kwargs={"org": org_a.public_id})
    for person in (manager_a, consultant_ab):
        for url in (home, teams):
            response = client_for(person).get(url)
            assert response.status_code == 302, (person, url)
            assert response["Location"] == reverse("mfa_activate_totp")
    # Viewers change nothing and are let in; an organisation that does not require it is unaffected.
    assert client_for(viewer_a).get(home).status_code == 200
    other = reverse("organisation_detail", kwargs={"org": org_b.public_id})
    assert client_for(consultant_ab).get(other).status_code == 200
    # Outsiders still learn nothing: 404, not a redirect.
    outsider = factories.make_user(email="nobody@example.org")
    assert client_for(outsider).get(home).status_code == 404

    _sign_in(client, "manager.a@example.org")
    redirected = client.get(home, follow=True)
    assert "asks its managers and consultants to sign in with two factors" in redirected.content.decode()
    _enrol(client, clock)
    assert client.get(home).status_code == 200


def test_a_manager_turns_it_on_only_with_two_factor_herself(org_a, manager_a, client, clock):
    settings_url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    data = {
        "name": org_a.name,
        "accent_colour": "#1f5f8b",
        "default_language": "nl",
        "anonymity_threshold": 5,
        "require_mfa": "on",
    }
    _sign_in(client, "manager.a@example.org")
    refused = client.post(settings_url, data)
    assert refused.status_code == 400  # a refused settings form answers 400 with its message
    assert "Set up two-factor sign-in for your own account first" in refused.content.decode()
    org_a.refresh_from_db()
    assert org_a.require_mfa is False

    _enrol(client, clock)
    assert client.post(settings_url, data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.require_mfa is True
    assert client.get(settings_url).status_code == 200


def test_the_admin_signs_in_through_the_same_door(client):
    """Django's admin form would skip the rate limit and the second factor: it sends people to ours."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    refused = client.post("/admin/login/", {"username": "x@example.org", "password": "y"})
    assert refused.status_code == 302
    assert refused["Location"].startswith("/accounts/login/")
