"""Every respondent page in a real browser: no axe violations, at phone and desktop width, in both languages.

Set CXM_SHOTS_DIR to also keep full-page screenshots (for example /tmp/shots/respond).
"""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests import factories
from tests.questionnaire.respond.builders import make_invitation
from tests.questionnaire.respond.conftest import DESKTOP, PHONE, assert_no_axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("CXM_SHOTS_DIR")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def build(nineplus, language):
    organisation = factories.make_organisation(name="Acme Care", accent_colour="#0f766e", default_language=language)
    teams = [factories.make_team(organisation=organisation, name=n) for n in ("Customer service", "Sales")]
    roles = [
        factories.make_role(organisation=organisation, name=n, order=i, is_management=i < 2)
        for i, n in enumerate(("Board", "Management", "Front office", "Back office"))
    ]
    for role, dutch in zip(roles, ("Directie", "Management", "Frontoffice", "Backoffice"), strict=True):
        role.name_nl = dutch
        role.save()
    common = {"organisation": organisation, "model_version": nineplus, "teams": teams}
    open_one = factories.make_assessment(
        title="Klantbelevingsscan 2026" if language == "nl" else "Customer experience scan 2026",
        roles=roles,
        **{
            f"intro_{language}": (
                "We willen weten hoe ver we zijn met klantbeleving, en waar we eerst moeten verbeteren. "
                "Jouw eerlijke beeld helpt, welke rol je ook hebt."
                if language == "nl"
                else "We want to learn how far we have come with customer experience, and where to improve first. "
                "Your honest view helps, whatever your role."
            )
        },
        **common,
    )
    closed = factories.make_assessment(title="Scan 2025", status="closed", **common)
    later = factories.make_assessment(title="Scan 2027", opens_at=timezone.now() + datetime.timedelta(days=3), **common)
    return {
        "open": make_invitation(assessment=open_one, team=teams[0])[1],
        "closed": make_invitation(assessment=closed, team=teams[0])[1],
        "later": make_invitation(assessment=later, team=teams[0])[1],
    }


# `make test` walks each size and each language once; `make test-thorough` (and CI) walks all four pairs.
@pytest.mark.parametrize(
    ("size", "language"),
    [
        ("phone", "en"),
        ("desktop", "nl"),
        pytest.param("phone", "nl", marks=pytest.mark.thorough),
        pytest.param("desktop", "en", marks=pytest.mark.thorough),
    ],
)
def test_every_respondent_page(live_server, chromium, nineplus, language, size):
    tokens = build(nineplus, language)
    viewport = PHONE if size == "phone" else DESKTOP
    context = chromium.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    prefix = f"{language}-{size}"
    url = live_server.url

    def visit(path, name, status=200):
        response = page.goto(url + path)
        assert response.status == status, path
        assert_no_axe_violations(page)
        shot(page, f"{prefix}-{name}")

    visit("/r/", "no-link", 404)
    visit("/r/" + "A" * 43 + "/", "invalid-link", 404)
    visit(f"/r/{tokens['closed']}/", "closed", 410)
    visit(f"/r/{tokens['later']}/", "not-open", 403)

    visit(f"/r/{tokens['open']}/", "start")
    assert page.url == url + "/r/start/"
    page.get_by_role("radio").nth(2).check()
    page.locator(".respond-start-form button[type=submit]").click()
    page.wait_for_url(url + "/r/step/1/")
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-step-empty")

    # The first statements a front-office respondent sees in model 2.1 (cs9 and cs4 are asked of management).
    page.locator("label[for='c-cs7-4']").click()
    page.locator("label[for='fa-customer_strategy-5']").click()  # v2: one ambition per factor
    page.locator("label[for='c-cs8-0']").click()
    page.locator("#id_comment").fill("Sales and service follow different goals.")
    page.locator("#save-status[data-state=saved]").wait_for()
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-step-answered")

    # A value that is not on the scale (tampered page): the server refuses it and says why.
    page.evaluate("document.getElementById('c-cs6-1').value = '9'")
    page.locator("label[for='c-cs6-1']").click()
    page.locator("button[name=nav][value=next]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-step-error")

    # An oversized post (a pasted novel in the comment) gets its own calm page, not a crash.
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
                const form = document.getElementById('respond-form');
                const comment = form.querySelector('textarea[name=comment]');
                comment.removeAttribute('maxlength');
                comment.value = 'x'.repeat(3 * 1024 * 1024);
                HTMLFormElement.prototype.submit.call(form);
            }"""
        )
    assert navigation.value.status == 413
    assert page.locator(".respond-message").is_visible()
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-too-big")

    page.goto(url + "/r/review/")
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-review")

    page.locator(".respond-submit button[type=submit]").click()
    page.wait_for_url(url + "/r/thanks/")
    assert_no_axe_violations(page)
    shot(page, f"{prefix}-thanks")

    visit(f"/r/{tokens['open']}/", "already-done")
    context.close()
