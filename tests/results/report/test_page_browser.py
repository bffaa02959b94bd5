"""The report page in a real browser: progress turns into the download by itself; phone and desktop.

Screenshots go to CXM_SHOTS_DIR (default /tmp/shots/reports).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from assessments.results.models import Report
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots/reports"))
WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.fixture
def setup(org_a, manager_a, model_version):
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, title="CX scan spring 2026", status="closed"
    )
    return assessment, manager_a


def _context(browser, live_server, user, viewport, language="en"):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context


def _url(live_server, assessment, language="en"):
    return f"{live_server.url}/a/{assessment.public_id}/report/?language={language}"


def test_progress_becomes_the_download_without_reloading_by_hand(browser, live_server, setup):
    assessment, manager = setup
    report = Report.objects.create(assessment=assessment, language="en", data_version=assessment.data_version)
    context = _context(browser, live_server, manager, WIDTHS["desktop"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(_url(live_server, assessment))
    assert page.get_by_text("Your report is being prepared.").is_visible()
    Report.objects.filter(pk=report.pk).update(status="done", content=b"%PDF-1.7 test")
    page.get_by_text("Your report is ready.").wait_for(timeout=15000)
    link = page.get_by_role("link", name="Download PDF")
    assert link.get_attribute("href") == f"/a/{assessment.public_id}/report/{report.public_id}/download/"
    assert errors == []
    context.close()


def test_the_decks_progress_becomes_its_download_beside_the_pdf(browser, live_server, setup):
    assessment, manager = setup
    Report.objects.create(
        assessment=assessment, language="en", data_version=assessment.data_version, status="done", content=b"%PDF"
    )
    deck = Report.objects.create(
        assessment=assessment, kind="deck", language="en", data_version=assessment.data_version
    )
    context = _context(browser, live_server, manager, WIDTHS["desktop"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(_url(live_server, assessment))
    assert page.get_by_text("Your slide deck is being prepared.").is_visible()
    assert page.get_by_role("link", name="Download PDF").is_visible()
    Report.objects.filter(pk=deck.pk).update(status="done", content=b"PK deck")
    page.get_by_text("Your slide deck is ready.").wait_for(timeout=15000)
    link = page.get_by_role("link", name="Download slides (PowerPoint)")
    assert link.get_attribute("href") == f"/a/{assessment.public_id}/report/{deck.public_id}/download/"
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_report_page_screenshots(browser, live_server, setup, width, language):
    assessment, manager = setup
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = _context(browser, live_server, manager, WIDTHS[width], language)
    page = context.new_page()
    page.goto(_url(live_server, assessment, language))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SHOTS / f"report-empty-{language}-{width}.png"), full_page=True)

    Report.objects.create(
        assessment=assessment, language=language, data_version=assessment.data_version, status="done", content=b"%PDF"
    )
    page.goto(_url(live_server, assessment, language))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SHOTS / f"report-done-{language}-{width}.png"), full_page=True)

    Report.objects.create(
        assessment=assessment,
        kind="deck",
        language=language,
        data_version=assessment.data_version,
        status="done",
        content=b"PK",
    )
    page.goto(_url(live_server, assessment, language))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SHOTS / f"report-both-done-{language}-{width}.png"), full_page=True)

    Report.objects.filter(assessment=assessment).update(status="pending", content=None)
    page.goto(_url(live_server, assessment, language))
    page.screenshot(path=str(SHOTS / f"report-pending-{language}-{width}.png"), full_page=True)
    context.close()
