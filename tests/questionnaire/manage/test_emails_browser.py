"""Issue 25 item 5 in a real browser: edit the Dutch reminder, preview it, save, confirm and send; the mails
are read back from Django's outbox. Screenshots go to CXM_SHOTS_DIR (default /tmp/shots/manage)."""

import datetime
import os
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from assessments.questionnaire.models import Assessment, EmailText, Invitation
from tests import factories
from tests.questionnaire.manage.test_pages_browser import _session_cookie

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CXM_SHOTS_DIR", "/tmp/shots/manage"))


@pytest.fixture
def reminded(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Klantenservice")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], status="open", title="CX-scan"
    )
    Assessment.objects.filter(pk=assessment.pk).update(languages=["nl", "en"])
    long_ago = timezone.now() - datetime.timedelta(days=3)
    for i, (language, started) in enumerate((("nl", False), ("nl", True), ("en", False))):
        Invitation.objects.create(
            assessment=assessment,
            team=team,
            email=f"person{i}@invitee.example",
            name=f"Persoon {i}",
            language=language,
            token_hash=f"{i:064d}",
            sent_at=long_ago,
            started=started,
        )
    return assessment


def test_edit_preview_confirm_and_send_reminders(chromium, live_server, manager_a, reminded):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    context.add_cookies([_session_cookie(manager_a, live_server)])
    page = context.new_page()
    page.goto(f"{live_server.url}/a/{reminded.public_id}/emails/?kind=reminder&language=nl")
    page.fill("input[name=subject]", "Nog even: {vragenlijst}")
    page.fill("textarea[name=body]", "Hoi {naam},\n\n<i>Doe je mee?</i>")
    page.click("button[value=preview]")
    preview = page.locator(".email-preview").first
    assert "Hoi Sam Jansen," in preview.inner_text()
    assert "<i>Doe je mee?</i>" in preview.inner_text()  # escaped: shown as typed
    assert not EmailText.objects.exists()
    page.click("button[value=save]")
    assert EmailText.objects.get().subject == "Nog even: {vragenlijst}"
    page.goto(f"{live_server.url}/a/{reminded.public_id}/emails/send/reminder/")
    text = page.locator("main").inner_text()
    assert "A reminder goes to 3 people who have not completed:" in text
    assert "2 people have not started" in text
    page.screenshot(path=SHOTS / "emails-confirm-desktop.png", full_page=True)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(f"{live_server.url}/a/{reminded.public_id}/emails/")
    assert "3 e-mails are on their way." in page.locator("main").inner_text()
    page.go_back()  # and send the same form again: nothing more goes out
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(f"{live_server.url}/a/{reminded.public_id}/emails/")
    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == ["person0@invitee.example", "person1@invitee.example", "person2@invitee.example"]
    assert by_person["person0@invitee.example"].subject == "Nog even: CX-scan"
    assert by_person["person0@invitee.example"].body.startswith("Hoi Persoon 0,\n\n<i>Doe je mee?</i>")
    assert "&lt;i&gt;Doe je mee?&lt;/i&gt;" in by_person["person0@invitee.example"].alternatives[0][0]
    assert by_person["person2@invitee.example"].subject == "Reminder: CX-scan"
    context.close()
