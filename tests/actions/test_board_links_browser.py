"""In headless Chromium: a manager makes a read-only link, copies it, a board member opens it (phone and laptop,
English and Dutch), the manager withdraws it and the board member's next visit is refused.
Screenshots go to CXM_SHOTS_DIR when set."""

import os
import re
from pathlib import Path

import pytest

from tests import factories
from tests.questionnaire.respond.conftest import nineplus  # noqa: F401 (a fixture)
from tests.results.test_dashboard_narrow_browser import dutch_scan  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR", "")

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _login_nl(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    return context, page


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_make_open_and_withdraw_a_board_link(live_server, chromium, dutch_scan):  # noqa: F811
    context, page = _login_nl(chromium, live_server, "dashboard.nl@example.org")
    share = f"{live_server.url}/a/{dutch_scan.public_id}/share/"
    page.goto(share)
    page.locator("#id_label").fill("Raad van commissarissen")
    page.locator("#id_days").select_option("7")
    page.get_by_role("button", name="Alleen-lezen link maken").click()
    url = page.locator("#new-board-link").input_value()
    assert url.startswith(f"{live_server.url}/b/")
    _shot(page, "share-manage-nl-1280")
    page.reload()
    assert page.locator("#new-board-link").count() == 0  # shown once

    for width in (360, 1280):
        for language in ("en", "nl"):
            visitor = chromium.new_context(viewport={"width": width, "height": 900})
            board = visitor.new_page()
            board.goto(f"{url}?lang={language}")
            board.wait_for_selector("#radar-chart[data-ready=true]")
            assert board.evaluate(NO_SIDEWAYS_SCROLL)
            assert board.locator("a[href^='/a/'], a[href^='/o/'], a[href='/']").count() == 0
            _shot(board, f"board-{language}-{width}")
            visitor.close()

    page.goto(share)
    assert "1 keer geopend" not in page.content()  # four visits
    assert "4 keer geopend" in page.content()
    page.get_by_role("button", name="Intrekken").click()
    page.wait_for_selector("text=ingetrokken op")
    _shot(page, "share-manage-nl-1280-withdrawn")
    context.close()

    for width in (360, 1280):
        visitor = chromium.new_context(viewport={"width": width, "height": 900})
        board = visitor.new_page()
        response = board.goto(url)
        assert response.status == 410
        assert board.evaluate(NO_SIDEWAYS_SCROLL)
        _shot(board, f"board-withdrawn-{width}")
        visitor.close()
