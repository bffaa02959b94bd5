"""Enterprise sign-in in a real browser: a CX manager registers the identity provider, a colleague signs in
through it (the tests' OpenID Connect provider on loopback, authorization code + PKCE), at phone and desktop
width, in English and Dutch. Screenshots go to CXM_SHOTS_DIR (default /tmp/shots/oidc) to be looked at."""

import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from assessments.organisations.models import IdentityProvider, Membership
from tests import factories
from tests.oidc_provider.fixtures import start_provider
from tests.organisations.oidc_helpers import PASSWORD, person

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots/oidc"))
WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}
ACME = uuid.UUID("0d8e4f7a-6c1b-4c55-9a51-0000000000b1")


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def test_a_manager_registers_the_provider_and_a_colleague_signs_in_through_it(
    live_server, chromium, settings, tmp_path
):
    settings.OIDC_ALLOW_LOOPBACK_ISSUERS = True
    callback = f"{live_server.url}/accounts/oidc/org-{ACME}/login/callback/"
    colleagues = [
        f"{name}.{width}.{language}@acme.example" for name in ("sam",) for width in WIDTHS for language in ("en", "nl")
    ]
    provider = start_provider(
        tmp_path / "idp",
        users=[person(email) for email in colleagues] + [person("mallory", email="ceo@other.example")],
        clients=[{"client_id": "cxm-acme", "client_secret": "acme-secret", "redirect_uris": callback}],
    )
    try:
        organisation = factories.make_organisation(name="Acme Zorg", public_id=ACME)
        manager = factories.make_user(email="cx@acme.example")
        factories.add_member(user=manager, organisation=organisation, role=Membership.Role.MANAGER)
        overflowing = []

        # The CX manager registers the provider (desktop, English), then looks at the page in every combination.
        context = chromium.new_context(viewport=WIDTHS["desktop"], locale="en")
        context.add_cookies([_session_cookie(manager, live_server)])
        page = context.new_page()
        page.goto(f"{live_server.url}/o/{ACME}/settings/")
        page.get_by_role("link", name="Identity provider…").click()
        page.fill("input[name=issuer]", provider.issuer)
        page.fill("input[name=client_id]", "cxm-acme")
        page.fill("input[name=client_secret]", "acme-secret")
        page.fill("textarea[name=domains]", "acme.example")
        page.select_option("select[name=default_role]", "viewer")
        page.get_by_role("button", name="Register identity provider").click()
        page.wait_for_load_state()
        assert "Identity provider saved" in page.content()
        context.close()
        assert IdentityProvider.objects.get(organisation=organisation).app.client_id == "cxm-acme"

        for width, viewport in WIDTHS.items():
            for language in ("en", "nl"):
                context = chromium.new_context(viewport=viewport, locale=language)
                context.add_cookies([_session_cookie(manager, live_server)])
                page = context.new_page()
                for name, path in (("settings", "settings/"), ("provider", "settings/sign-in/")):
                    assert page.goto(f"{live_server.url}/o/{ACME}/{path}").status == 200
                    _shoot(page, f"manager-{name}-{width}-{language}")
                    if not _no_horizontal_scroll(page):
                        overflowing.append(f"manager-{name}-{width}-{language}")
                context.close()

                # A colleague signs in for the first time: sign-in page, their address, the provider, back.
                email = f"sam.{width}.{language}@acme.example"
                context = chromium.new_context(viewport=viewport, locale=language)
                page = context.new_page()
                page.goto(f"{live_server.url}/accounts/login/")
                _shoot(page, f"login-{width}-{language}")
                page.locator("a[href^='/sign-in/organisation/']").click()
                page.wait_for_load_state()
                _shoot(page, f"organisation-sign-in-{width}-{language}")
                if not _no_horizontal_scroll(page):
                    overflowing.append(f"organisation-sign-in-{width}-{language}")
                page.fill("input[name=email]", email)
                page.locator("main button[type=submit]").click()
                page.wait_for_url(f"{provider.base_url}/login/**")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", PASSWORD)
                page.locator("button[type=submit]").click()
                page.wait_for_url(f"{live_server.url}/o/{ACME}/")
                _shoot(page, f"signed-in-{width}-{language}")
                context.close()

                user = get_user_model().objects.get(email=email)
                assert Membership.objects.get(user=user).organisation == organisation
                assert Membership.objects.get(user=user).role == Membership.Role.VIEWER
        # The provider vouches for an address outside the organisation's domains: refused, and said why.
        for width, language in (("phone", "nl"), ("desktop", "en")):
            context = chromium.new_context(viewport=WIDTHS[width], locale=language)
            page = context.new_page()
            page.goto(f"{live_server.url}/sign-in/organisation/")
            page.fill("input[name=email]", "someone@acme.example")
            page.locator("main button[type=submit]").click()
            page.wait_for_url(f"{provider.base_url}/login/**")
            page.fill("input[name=username]", "mallory")
            page.fill("input[name=password]", PASSWORD)
            page.locator("button[type=submit]").click()
            page.wait_for_url(f"{live_server.url}/accounts/oidc/**")
            assert "ceo@other.example" in page.content()
            _shoot(page, f"refused-{width}-{language}")
            context.close()
        assert not get_user_model().objects.filter(email="ceo@other.example").exists()
        assert overflowing == []
    finally:
        provider.stop()
