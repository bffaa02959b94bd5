"""In headless Chromium: a CX manager sets up an authenticator app (reading the secret off the page),
saves her recovery codes, and signs in again with a code. Screenshots into CXM_SHOTS_DIR when set."""

import os
import re
import types

import pytest
from allauth.mfa.totp.internal import auth as totp_auth

from tests import factories
from tests.organisations.test_two_factor import NOW, totp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR", "")


def _shoot(page, name):
    if not SHOTS:
        return
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(SHOTS, f"{name}-en-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_two_factor_set_up_and_sign_in(live_server, chromium, org_a, manager_a, monkeypatch):
    monkeypatch.setattr(totp_auth, "time", types.SimpleNamespace(time=lambda: NOW))
    org_a.require_mfa = True
    org_a.save(update_fields=["require_mfa"])
    base = live_server.url
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("manager.a@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    # The organisation requires it: its pages send her to set it up (after confirming her password).
    page.goto(f"{base}/o/{org_a.public_id}/")
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    assert "asks its managers and consultants to sign in with two factors" in page.content()
    _shoot(page, "20-mfa-confirm-password")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/accounts/2fa/totp/activate/")
    _shoot(page, "21-mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp(secret, NOW))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    _shoot(page, "22-mfa-recovery-codes")
    page.goto(f"{base}/o/{org_a.public_id}/")
    assert page.url == f"{base}/o/{org_a.public_id}/"

    # Signing in again asks for the code after the password.
    page.goto(f"{base}/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("manager.a@example.org")
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/accounts/2fa/authenticate/")
    _shoot(page, "23-mfa-code")
    monkeypatch.setattr(totp_auth, "time", types.SimpleNamespace(time=lambda: NOW + 60))
    page.locator("input[name=code]").fill(totp(secret, NOW + 60))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/).*$"))
    page.goto(f"{base}/o/{org_a.public_id}/")
    assert page.url == f"{base}/o/{org_a.public_id}/"
    page.goto(f"{base}/accounts/2fa/")
    _shoot(page, "24-mfa-overview")
    context.close()
