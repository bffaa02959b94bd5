"""Manager pages in a real browser at phone and desktop width; the live progress script under CSP.

Screenshots go to CXM_SHOTS_DIR (default /tmp/shots/manage) so they can be looked at.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from assessments.questionnaire.models import Invitation, TeamLink
from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots/manage"))
WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def browser(chromium):
    return chromium


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@pytest.fixture
def scene(org_a, manager_a, model_version):
    teams = [factories.make_team(organisation=org_a, name=name) for name in ("Customer service", "Home care Noord")]
    roles = [factories.make_role(organisation=org_a, name="Front office")]
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=teams, roles=roles, status="open", title="CX scan"
    )
    for i in range(6):
        Invitation.objects.create(
            assessment=assessment,
            team=teams[i % 2],
            email=f"person{i}@invitee.example",
            token_hash=f"{i:064d}",
            started=i < 4,
            completed_on=datetime.date(2026, 3, 2) if i < 3 else None,
        )
    TeamLink.objects.create(assessment=assessment, team=teams[0], token="shared-link-token-for-the-browser-test-000")
    factories.make_responses(assessment=assessment, answers=[{}] * 3, team=teams[0])
    return org_a, assessment


def test_manager_pages_fit_the_phone_and_progress_goes_live(browser, live_server, manager_a, scene):
    organisation, assessment = scene
    pages = {
        "list": f"/o/{organisation.public_id}/assessments/",
        "create": f"/o/{organisation.public_id}/assessments/new/",
        "detail": f"/a/{assessment.public_id}/",
        "invitations": f"/a/{assessment.public_id}/invitations/",
        "progress": f"/a/{assessment.public_id}/progress/",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width_name, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport, locale="en")
        context.add_cookies([_session_cookie(manager_a, live_server)])
        page = context.new_page()
        errors = []
        page.on(
            "console", lambda message, errors=errors: errors.append(message.text) if message.type == "error" else None
        )
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            if name == "progress":
                # The script fetched the JSON endpoint (allowed by the CSP) and marked the page live.
                page.locator("#progress.is-live").wait_for()
                assert page.locator("[data-cell=total-completed]").inner_text().strip() == "3"
                assert page.locator("[data-cell=total-rate]").inner_text().strip() == "50%"
            page.screenshot(path=str(SHOTS / f"browser_{name}_{width_name}.png"), full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, width_name)
        assert errors == []
        context.close()
