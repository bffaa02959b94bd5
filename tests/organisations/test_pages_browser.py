"""Organisation, team and people pages in a real browser at phone and desktop width.

Screenshots go to CXM_SHOTS_DIR (default /tmp/shots/organisations) so they can be looked at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from assessments.demo.people import seed_people
from assessments.organisations.models import Organisation
from assessments.organisations.services import activity, members

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots/organisations"))
WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def _browse(chromium, base_url, cookie, public_pages, pages):
    # The shared browser of tests/conftest.py (one per test process): launching one costs seconds.
    statuses, overflowing, violations = {}, [], []
    for width_name, viewport in WIDTHS.items():
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        for signed_in, group in ((False, public_pages), (True, pages)):
            if signed_in:
                context.add_cookies([cookie])
            for name, path in group.items():
                response = page.goto(base_url + path)
                statuses[path] = response.status
                _shoot(page, f"{name}-{width_name}")
                violations += _axe_violations(page)
                if not _no_horizontal_scroll(page):
                    overflowing.append(f"{name}-{width_name}")
        context.close()
    return statuses, overflowing, violations


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [] if results.violations_count == 0 else [f"{page.url}\n{results.generate_report()}"]


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _logo():
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 80), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 72, 72), fill="#1f7a6d")
    draw.rectangle((90, 30, 230, 50), fill="#1f7a6d")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_pages_look_right_at_phone_and_desktop(live_server, chromium, settings, tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    seed_people()
    horizon = Organisation.objects.get(name="Zorggroep Horizon")
    horizon.logo.save("horizon.png", ContentFile(_logo()), save=True)
    consultant = get_user_model().objects.get(email="consultant@demo.cxmaturity.nl")
    manager = get_user_model().objects.get(email="manager@demo.cxmaturity.nl")
    members.invite_member(organisation=horizon, actor=manager, email="teamlead.noord@example.org", role="viewer")
    for verb in ("created", "updated", "invited"):
        activity.record(organisation=horizon, actor=manager, verb=verb, obj="Klantenservice")
    team = horizon.teams.get(name="Thuiszorg")
    org = f"/o/{horizon.public_id}"
    pages = {
        "org-list": "/o/",
        "org-detail": f"{org}/",
        "teams": f"{org}/teams/",
        "team-new": f"{org}/teams/new/",
        "team-delete": f"{org}/teams/{team.public_id}/delete/",
        "roles": f"{org}/roles/",
        "people": f"{org}/people/",
        "invite": f"{org}/people/invite/",
        "activity": f"{org}/activity/",
        "settings": f"{org}/settings/",
        "org-delete": f"{org}/delete/",
        "org-new": "/o/new/",
        "password-change": "/accounts/password/change/",
        "email": "/accounts/email/",
        "two-factor": "/accounts/2fa/",
        "two-factor-setup": "/accounts/2fa/totp/activate/",
    }
    _inv, token = members.invite_member(organisation=horizon, actor=manager, email="nieuw@example.org", role="viewer")
    public_pages = {
        "login": "/accounts/login/",
        "password-reset": "/accounts/password/reset/",
        "signup": "/accounts/signup/",
        "join": f"/join/{token}/",
        "join-unknown": "/join/unknown-token-0123456789abcdef/",
    }
    cookie = _session_cookie(consultant, live_server)
    statuses, overflowing, violations = _browse(chromium, live_server.url, cookie, public_pages, pages)
    assert {path: statuses[path] for path in pages.values()} == dict.fromkeys(pages.values(), 200)
    assert statuses["/join/unknown-token-0123456789abcdef/"] == 404
    assert overflowing == []
    assert violations == [], "\n".join(violations)
