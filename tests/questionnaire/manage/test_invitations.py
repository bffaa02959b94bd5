import re
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from assessments.core.tokens import hash_token
from assessments.questionnaire.models import Assessment, Invitation, TeamLink
from assessments.questionnaire.services import invitations as services

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"/r/([A-Za-z0-9_-]+)/")


def _csv(content, name="people.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _upload(client, assessment, content):
    url = reverse("invitations_upload", kwargs={"assessment": assessment.public_id})
    return client.post(url, {"file": _csv(content)})


def _paste(client, assessment, addresses, team, role=None):
    url = reverse("invitations_paste", kwargs={"assessment": assessment.public_id})
    data = {"addresses": addresses, "team": str(team.public_id)}
    if role is not None:
        data["role"] = str(role.public_id)
    return client.post(url, data)


def _errors(response):
    return [(e.line, e.reason) for e in response.context["result"].errors]


def test_paste_creates_invitations_and_emails_after_commit(
    client_for, manager_a, opened, teams_a, roles_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _paste(
            client, opened, "Anna@Example.org\nbram@example.org; carla@example.org\n\n", teams_a[0], roles_a[1]
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert mailoutbox == []  # nothing is sent before the transaction commits
    callbacks[0]()
    invitations = list(Invitation.objects.order_by("email"))
    assert [i.email for i in invitations] == ["anna@example.org", "bram@example.org", "carla@example.org"]
    assert {i.team for i in invitations} == {teams_a[0]}
    assert {i.role for i in invitations} == {roles_a[1]}
    assert all(i.sent_at is not None for i in invitations)
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "bram@example.org", "carla@example.org"]


def test_emailed_token_is_stored_only_as_its_hash(
    client_for, manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _paste(client_for(manager_a), opened, "anna@example.org", teams_a[0])
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    token = LINK_RE.search(body).group(1)
    assert f"{settings.SITE_URL}/r/{token}/" in body
    assert len(token) >= 43  # 32 random bytes
    invitation = Invitation.objects.get(token_hash=hash_token(token, purpose="invitation"))
    assert invitation.email == "anna@example.org"
    # The raw token appears in no column of any table.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                assert not any(token in str(value) for value in row), table


def test_without_a_language_the_invitation_is_in_the_assessments_first_language(
    manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    Assessment.objects.filter(pk=opened.pk).update(languages=["en", "nl"])
    rows, errors = services.parse_pasted(assessment=opened, text="anna@example.org", team=teams_a[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.import_invitations(assessment=opened, actor=manager_a, rows=rows, errors=errors)
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Your view, please: Open A"
    assert "Your personal link" in body
    assert "persoonlijke link" not in body  # one language per person now (issue 25)
    assert body.count("/r/") == 1


def test_draft_invitations_are_emailed_when_the_assessment_opens(
    client_for, manager_a, draft, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert _paste(client, draft, "anna@example.org\nbram@example.org", teams_a[1]).status_code == 302
    assert mailoutbox == []
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessment_open", kwargs={"assessment": draft.public_id}))
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "bram@example.org"]
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_sending_twice_sends_once(manager_a, opened, teams_a, mailoutbox):
    rows, _ = services.parse_pasted(assessment=opened, text="anna@example.org", team=teams_a[0])
    services.import_invitations(assessment=opened, actor=manager_a, rows=rows)
    ids = list(Invitation.objects.values_list("pk", flat=True))
    assert services.send_invitations(invitation_ids=ids) == 1
    assert services.send_invitations(invitation_ids=ids) == 0
    assert len(mailoutbox) == 1


def test_csv_import_good(
    client_for, manager_a, opened, teams_a, roles_a, django_capture_on_commit_callbacks, mailoutbox
):
    content = (
        "\ufeffEmail;Team;Rol\r\nanna@example.org;klantenservice;front office\r\nbram@example.org;THUISZORG;\r\n\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client_for(manager_a), opened, content)
    assert response.status_code == 302
    rows = sorted(Invitation.objects.values_list("email", "team__name", "role__name_en"))
    assert rows == [("anna@example.org", "Klantenservice", "Front office"), ("bram@example.org", "Thuiszorg", None)]
    assert len(mailoutbox) == 2


def test_csv_bad_rows_are_all_listed_and_nothing_is_imported(client_for, manager_a, opened, teams_a):
    Invitation.objects.create(assessment=opened, email="old@example.org", team=teams_a[0], token_hash="h" * 64)
    content = (
        "email,team,role\n"
        "good@example.org,Klantenservice,\n"  # line 2: fine
        "not-an-email,Klantenservice,\n"  # 3
        "x@example.org,Nowhere,\n"  # 4
        "good@example.org,Thuiszorg,\n"  # 5: duplicate of 2
        "old@example.org,Thuiszorg,\n"  # 6: already invited
        "y@example.org,Thuiszorg,Astronaut\n"  # 7
        ",Thuiszorg,\n"  # 8
        "z@example.org,,\n"  # 9
    )
    response = _upload(client_for(manager_a), opened, content)
    assert response.status_code == 400
    assert _errors(response) == [
        (3, "This is not a valid email address."),
        (4, "Unknown team “Nowhere”: use the name of a team in this assessment."),
        (7, "Unknown role “Astronaut”: use a role this assessment asks, or leave it empty."),
        (8, "The email address is missing."),
        (9, "The team is missing."),
    ]
    # Duplicates and people already invited are notices, not reasons to fix the file.
    assert [(e.line, e.reason) for e in response.context["result"].skipped] == [
        (5, "Duplicate of line 2."),
        (6, "Already invited to this assessment."),
    ]
    assert "Nothing was imported" in response.content.decode()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["old@example.org"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("email,team\nanna@example.org,Klantenservice\n".encode("utf-16"), "The file is not UTF-8 text."),
        (b"\xff\xfe\x00bad", "The file is not UTF-8 text."),
        ("mail,group\nanna@example.org,Klantenservice\n", "Missing column(s): email, team."),
        ("email\nanna@example.org\n", "Missing column(s): team."),
        ("\n\n", "The file is empty."),
        ("email,team\n", "The file has no addresses below its header row."),
        ('email,team\n"anna@example.org,Klantenservice\n', "The file is not valid CSV"),
        ("email,team\n" + "a@example.org,Klantenservice\n" * 600000, "The file is larger than 16 MB."),
    ],
)
def test_csv_file_problems(client_for, manager_a, opened, content, reason):
    response = _upload(client_for(manager_a), opened, content)
    assert response.status_code == 400
    reasons = [e.reason for e in response.context["result"].errors]
    assert len(reasons) == 1
    assert reasons[0].startswith(reason)
    assert Invitation.objects.count() == 0


def test_missing_or_empty_file_is_a_form_error(client_for, manager_a, opened):
    url = reverse("invitations_upload", kwargs={"assessment": opened.public_id})
    response = client_for(manager_a).post(url, {})
    assert response.status_code == 400
    assert response.context["csv_form"].errors["file"] == ["This field is required."]
    response = _upload(client_for(manager_a), opened, b"")
    assert response.status_code == 400
    assert response.context["csv_form"].errors["file"] == ["The submitted file is empty."]


def test_paste_problems(client_for, manager_a, opened, teams_a, org_a):
    client = client_for(manager_a)
    response = _paste(client, opened, "wrong\nalso wrong", teams_a[0])
    assert response.status_code == 400
    assert _errors(response) == [(1, "This is not a valid email address."), (2, "This is not a valid email address.")]
    assert Invitation.objects.count() == 0
    # A team outside the assessment is not a choice at all.
    from tests import factories

    other_team = factories.make_team(organisation=org_a, name="Not in scan")
    response = _paste(client, opened, "anna@example.org", other_team)
    assert response.status_code == 400
    assert "team" in response.context["paste_form"].errors


def test_no_invitations_for_a_closed_assessment(client_for, manager_a, opened, teams_a):
    Assessment.objects.filter(pk=opened.pk).update(status="closed")
    response = _paste(client_for(manager_a), opened, "anna@example.org", teams_a[0])
    assert response.status_code == 409
    assert Invitation.objects.count() == 0


def test_reminders_new_link_for_not_started_and_same_link_for_started(
    client_for, manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        _paste(client, opened, "a@example.org\nb@example.org\nc@example.org", teams_a[0])
    first_tokens = {m.to[0]: LINK_RE.search(m.body).group(1) for m in mailoutbox}
    Invitation.objects.filter(email="b@example.org").update(started=True)
    Invitation.objects.filter(email="c@example.org").update(started=True, completed_on="2026-01-01")
    # Let the invitations age beyond the cool-down that protects against double clicks.
    Invitation.objects.update(sent_at="2020-01-01T00:00:00Z")
    mailoutbox.clear()
    # The old button's address leads to the confirm step, which sends nothing by itself.
    old = client.post(reverse("invitations_remind", kwargs={"assessment": opened.public_id}))
    url = reverse("emails_send", kwargs={"assessment": opened.public_id, "kind": "reminder"})
    assert old["Location"] == url
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"key": str(uuid.uuid4()), "when": "now"}).status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    by_email = {m.to[0]: m.body for m in mailoutbox}
    new_token = LINK_RE.search(by_email["a@example.org"]).group(1)
    assert new_token != first_tokens["a@example.org"]
    a = Invitation.objects.get(email="a@example.org")
    assert a.token_hash == hash_token(new_token, purpose="invitation")
    assert a.reminded_at is not None
    # The person who started keeps their link (it holds their saved answers): no link in the reminder.
    assert LINK_RE.search(by_email["b@example.org"]) is None
    b = Invitation.objects.get(email="b@example.org")
    assert b.token_hash == hash_token(first_tokens["b@example.org"], purpose="invitation")
    # A second click right away sends nothing.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"key": str(uuid.uuid4()), "when": "now"})
    assert mailoutbox == []


def test_team_link_create_deactivate_recreate(client_for, manager_a, opened, teams_a):
    client = client_for(manager_a)
    url = reverse("team_link", kwargs={"assessment": opened.public_id})
    team = teams_a[0]
    assert client.post(url, {"team": str(team.public_id), "action": "create"}).status_code == 302
    link = TeamLink.objects.get()
    assert link.active
    first = link.token
    page = client.get(reverse("assessment_invitations", kwargs={"assessment": opened.public_id}))
    assert f"http://127.0.0.1:8000/t/{first}/" in page.content.decode()
    client.post(url, {"team": str(team.public_id), "action": "create"})  # repeated: same link
    assert TeamLink.objects.get().token == first
    client.post(url, {"team": str(team.public_id), "action": "deactivate"})
    assert TeamLink.objects.get().active is False
    client.post(url, {"team": str(team.public_id), "action": "create"})
    link = TeamLink.objects.get()
    assert link.active
    assert link.token != first


def test_team_link_for_a_team_outside_the_assessment_is_refused(client_for, manager_a, opened, org_b):
    from tests import factories

    foreign = factories.make_team(organisation=org_b)
    url = reverse("team_link", kwargs={"assessment": opened.public_id})
    response = client_for(manager_a).post(url, {"team": str(foreign.public_id), "action": "create"})
    assert response.status_code == 400
    assert TeamLink.objects.count() == 0
    response = client_for(manager_a).post(url, {"team": "not-a-uuid", "action": "create"})
    assert response.status_code == 400


def test_unsent_invitations_can_be_sent_again(
    client_for, manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks
):
    # As if the broker was down when they were imported: stored, not sent.
    Invitation.objects.create(assessment=opened, email="late@example.org", team=teams_a[0], token_hash="q" * 64)
    client = client_for(manager_a)
    page = client.get(reverse("assessment_invitations", kwargs={"assessment": opened.public_id}))
    assert "1 invitation has not been emailed yet." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitations_send", kwargs={"assessment": opened.public_id}))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["late@example.org"]]
    assert Invitation.objects.get().sent_at is not None


def test_broker_outage_does_not_break_the_import(
    client_for, manager_a, opened, teams_a, monkeypatch, django_capture_on_commit_callbacks
):
    from assessments.questionnaire import tasks

    def down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_invitation_emails, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _paste(client_for(manager_a), opened, "anna@example.org", teams_a[0])
    assert response.status_code == 302
    assert Invitation.objects.get().sent_at is None
