"""Issue 25 item 5: invitation and reminder texts per assessment and language, with a preview of exactly
what goes out; HTML with a plain-text part in each person's language; send now or later after a confirm
step; repeated submits send nothing twice. The mails are read from Django's outbox."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.questionnaire.models import Assessment, EmailText, Invitation, ScheduledEmail
from assessments.questionnaire.services.invitations.emails import send_scheduled_emails

pytestmark = pytest.mark.django_db

DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
LINK = re.compile(r"http://127\.0\.0\.1:8000/r/([A-Za-z0-9_-]+)/")


@pytest.fixture
def bilingual(opened):
    Assessment.objects.filter(pk=opened.pk).update(
        languages=["nl", "en"],
        title_nl="CX-scan voorjaar",
        title_en="CX scan spring",
        closes_at=timezone.now() + datetime.timedelta(days=20),
    )
    opened.refresh_from_db()
    return opened


def _paste(client, assessment, addresses, team, language):
    url = reverse("invitations_paste", kwargs={"assessment": assessment.public_id})
    return client.post(url, {"addresses": addresses, "team": str(team.public_id), "language": language})


def _invite_both(client, assessment, team, capture):
    with capture(execute=True):
        assert _paste(client, assessment, "anna@example.org", team, "nl").status_code == 302
        assert _paste(client, assessment, "ben@example.org", team, "en").status_code == 302


def _parts(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def test_each_person_gets_their_language_as_html_with_a_plain_text_part(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    _invite_both(client_for(manager_a), bilingual, teams_a[0], django_capture_on_commit_callbacks)
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {"anna@example.org", "ben@example.org"}
    dutch, english = by_person["anna@example.org"], by_person["ben@example.org"]
    assert dutch.subject == "Graag je mening: CX-scan voorjaar"
    assert english.subject == "Your view, please: CX scan spring"
    for message, greeting, button in (
        (dutch, "Hallo collega,", "Open de vragenlijst"),
        (english, "Hello colleague,", "Open the questionnaire"),
    ):
        text, html = _parts(message)
        assert text.startswith(greeting)
        assert greeting in html
        assert button in html
        token = LINK.search(text).group(1)
        assert f'href="http://127.0.0.1:8000/r/{token}/"' in html
        assert Invitation.objects.get(email=message.to[0]).language in ("nl", "en")
    assert "Your" not in _parts(dutch)[0]
    assert dutch.extra_headers["Content-Language"] == "nl"


def test_the_managers_text_is_used_with_placeholders_and_escaped_in_html(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    url = reverse("email_text", kwargs={"assessment": bilingual.public_id, "kind": "invitation", "language": "nl"})
    body = (
        "Beste {naam},\n\n<b>{organisation}</b> & wij vragen je mening over {vragenlijst}, vóór {deadline}.\n"
        "Je link: {link}"
    )
    saved = client.post(url, {"subject": "Doe mee: {assessment}", "body": body, "action": "save"})
    assert saved.status_code == 302
    assert EmailText.objects.get().body == body
    _invite_both(client, bilingual, teams_a[0], django_capture_on_commit_callbacks)
    by_person = {m.to[0]: m for m in mailoutbox}
    dutch = by_person["anna@example.org"]
    text, html = _parts(dutch)
    deadline = timezone.localtime(bilingual.closes_at)
    assert dutch.subject == "Doe mee: CX-scan voorjaar"
    token = LINK.search(text).group(1)
    assert text.startswith(
        f"Beste collega,\n\n<b>Acme Care</b> & wij vragen je mening over CX-scan voorjaar, vóór "
        f"{deadline.day} {DUTCH_MONTHS[deadline.month - 1]} {deadline.year}.\n"
        f"Je link: http://127.0.0.1:8000/r/{token}/"
    )
    assert "&lt;b&gt;Acme Care&lt;/b&gt; &amp; wij" in html
    assert "<b>" not in html
    assert f'<a href="http://127.0.0.1:8000/r/{token}/" style="color:#1f5f8b">' in html
    # The English invitee still gets the standard English text.
    assert _parts(by_person["ben@example.org"])[0].startswith("Hello colleague,")


@pytest.mark.parametrize("field", ["subject", "body"])
def test_an_unknown_placeholder_is_refused_with_a_clear_message(field, client_for, manager_a, bilingual):
    url = reverse("email_text", kwargs={"assessment": bilingual.public_id, "kind": "reminder", "language": "en"})
    data = {"subject": "Reminder", "body": "Hello {name}", "action": "save"}
    data[field] += " {nmae} and {nmae}"
    page = client_for(manager_a).post(url, data)
    assert page.status_code == 400
    assert "Unknown placeholder {nmae}. Use one of the placeholders listed beside the form." in page.content.decode()
    assert not EmailText.objects.exists()


def test_the_preview_is_exactly_what_is_sent(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    url = reverse("email_text", kwargs={"assessment": bilingual.public_id, "kind": "invitation", "language": "en"})
    body = "Dear {name},\n\nPlease help {organisation}: {link}"
    preview = client.post(url, {"subject": "Help {organisation}", "body": body, "action": "preview"})
    assert preview.status_code == 200
    assert not EmailText.objects.exists()  # a preview saves nothing
    shown = preview.context["previews"][0]
    body_markup = shown.html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    assert body_markup in preview.content.decode()  # the page shows the mail's own markup
    client.post(url, {"subject": "Help {organisation}", "body": body, "action": "save"})
    with django_capture_on_commit_callbacks(execute=True):
        _paste(client, bilingual, "Sam Jansen <ben@example.org>", teams_a[0], "en")
    (sent,) = mailoutbox
    assert sent.body.startswith("Dear Sam Jansen,")
    token = LINK.search(sent.body).group(1)
    assert sent.subject == shown.subject == "Help Acme Care"
    assert sent.body == shown.text.replace("example-personal-link", token)
    assert _parts(sent)[1] == shown.html.replace("example-personal-link", token)


def _remindable(client, assessment, team, capture):
    _invite_both(client, assessment, team, capture)
    Invitation.objects.filter(email="ben@example.org").update(started=True)
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=2))


def test_the_confirm_step_says_who_gets_what_before_anything_goes(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    _remindable(client, bilingual, teams_a[0], django_capture_on_commit_callbacks)
    mailoutbox.clear()
    page = client.get(reverse("emails_send", kwargs={"assessment": bilingual.public_id, "kind": "reminder"}))
    assert page.status_code == 200
    rows = [(r.language, r.total, r.new_link, r.keep_link, r.own_text) for r, _name in page.context["rows"]]
    assert rows == [("nl", 1, 1, 0, False), ("en", 1, 0, 1, False)]
    html = page.content.decode()
    assert "A reminder goes to 2 people who have not completed:" in html
    assert (
        "1 person has not started: the reminder carries a new personal link and the link in their earlier "
        "e-mail stops working." in html
    )
    assert mailoutbox == []


def test_reminders_now_go_once_however_often_the_form_is_sent(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    _remindable(client, bilingual, teams_a[0], django_capture_on_commit_callbacks)
    mailoutbox.clear()
    url = reverse("emails_send", kwargs={"assessment": bilingual.public_id, "kind": "reminder"})
    data = {"key": str(uuid.uuid4()), "when": "now"}
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, data).status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "ben@example.org"]
    by_person = {m.to[0]: _parts(m) for m in mailoutbox}
    assert by_person["anna@example.org"][0].startswith("Hallo collega,\n\nEen vriendelijke herinnering")
    assert "nieuwe persoonlijke link" in by_person["anna@example.org"][0]
    assert LINK.search(by_person["ben@example.org"][0]) is None  # started: keeps the link of the first e-mail
    assert "You have already started" in by_person["ben@example.org"][1]
    assert ScheduledEmail.objects.get().sent == 2


def test_reminders_at_a_chosen_moment_go_from_the_scheduled_job_once(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    _remindable(client, bilingual, teams_a[0], django_capture_on_commit_callbacks)
    mailoutbox.clear()
    moment = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    url = reverse("emails_send", kwargs={"assessment": bilingual.public_id, "kind": "reminder"})
    data = {"key": str(uuid.uuid4()), "when": "later", "send_at": moment.strftime("%Y-%m-%dT%H:%M")}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    planned = ScheduledEmail.objects.get()
    assert planned.send_at == moment
    assert send_scheduled_emails(now=moment - datetime.timedelta(minutes=1)) == 0
    assert mailoutbox == []
    assert send_scheduled_emails(now=moment + datetime.timedelta(minutes=1)) == 2
    assert send_scheduled_emails(now=moment + datetime.timedelta(minutes=6)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "ben@example.org"]


def test_a_planned_send_can_be_cancelled(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    _remindable(client, bilingual, teams_a[0], django_capture_on_commit_callbacks)
    mailoutbox.clear()
    moment = timezone.localtime(timezone.now() + datetime.timedelta(hours=3))
    url = reverse("emails_send", kwargs={"assessment": bilingual.public_id, "kind": "reminder"})
    client.post(url, {"key": str(uuid.uuid4()), "when": "later", "send_at": moment.strftime("%Y-%m-%dT%H:%M")})
    planned = ScheduledEmail.objects.get()
    page = client.get(reverse("assessment_emails", kwargs={"assessment": bilingual.public_id})).content.decode()
    assert "Cancel" in page
    cancel = reverse("planned_emails_cancel", kwargs={"assessment": bilingual.public_id, "planned": planned.public_id})
    assert client.post(cancel).status_code == 302
    assert send_scheduled_emails(now=moment + datetime.timedelta(hours=1)) == 0
    assert mailoutbox == []


def test_a_moment_in_the_past_or_missing_is_refused(client_for, manager_a, bilingual):
    url = reverse("emails_send", kwargs={"assessment": bilingual.public_id, "kind": "invitation"})
    missing = client_for(manager_a).post(url, {"key": str(uuid.uuid4()), "when": "later"})
    assert missing.status_code == 400
    assert "Choose the date and time the e-mails should go." in missing.content.decode()
    past = client_for(manager_a).post(url, {"key": str(uuid.uuid4()), "when": "later", "send_at": "2020-01-01T09:00"})
    assert past.status_code == 400
    assert not ScheduledEmail.objects.exists()


def test_viewers_cannot_open_or_change_the_emails(client_for, viewer_a, bilingual):
    client = client_for(viewer_a)
    assert client.get(reverse("assessment_emails", kwargs={"assessment": bilingual.public_id})).status_code == 403
    url = reverse("email_text", kwargs={"assessment": bilingual.public_id, "kind": "invitation", "language": "nl"})
    assert client.post(url, {"subject": "x", "body": "y", "action": "save"}).status_code == 403


def test_the_standard_text_comes_back(client_for, manager_a, bilingual):
    client = client_for(manager_a)
    url = reverse("email_text", kwargs={"assessment": bilingual.public_id, "kind": "invitation", "language": "en"})
    client.post(url, {"subject": "Mine", "body": "Mine", "action": "save"})
    assert EmailText.objects.count() == 1
    client.post(url, {"subject": "Mine", "body": "Mine", "action": "save"})  # repeated: nothing changes
    assert EmailText.objects.count() == 1
    client.post(url, {"action": "standard"})
    assert not EmailText.objects.exists()


def test_unknown_kind_or_language_is_a_404(client_for, manager_a, bilingual):
    client = client_for(manager_a)
    base = reverse("assessment_emails", kwargs={"assessment": bilingual.public_id})
    assert client.get(base + "?kind=spam&language=nl").status_code == 404
    assert client.get(base + "?kind=invitation&language=de").status_code == 404
    assert client.get(base + "?kind=reminder&language=en").status_code == 200


def test_names_from_the_paste_or_the_csv_fill_name_and_are_erased_with_the_address(
    client_for, manager_a, bilingual, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.privacy.services import apply_invitation_retention

    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        _paste(client, bilingual, '"de Vries, Anna" <anna@example.org>\nBen Smith; ben@example.org', teams_a[0], "nl")
        upload = SimpleUploadedFile("p.csv", b"naam;e-mail;team\nCarla Bos;carla@example.org;Klantenservice\n")
        url = reverse("invitations_upload", kwargs={"assessment": bilingual.public_id})
        assert client.post(url, {"file": upload, "language": "en"}).status_code == 302
    greetings = {m.to[0]: m.body.splitlines()[0] for m in mailoutbox}
    assert greetings == {
        "anna@example.org": "Hallo de Vries, Anna,",
        "ben@example.org": "Hallo Ben Smith,",
        "carla@example.org": "Hello Carla Bos,",
    }
    Assessment.objects.filter(pk=bilingual.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=400)
    )
    apply_invitation_retention()
    assert set(Invitation.objects.values_list("email", "name")) == {("", "")}
