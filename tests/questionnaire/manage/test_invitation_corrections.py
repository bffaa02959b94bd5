"""Withdrawing an invitation, correcting a mistyped address, and the forgiving paste."""

import re

import pytest
from django.urls import reverse

from assessments.organisations.models import ActivityLog
from assessments.questionnaire.models import Invitation

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"/r/([A-Za-z0-9_-]+)/")


def _paste(client, assessment, addresses, team=None, role=None):
    url = reverse("invitations_paste", kwargs={"assessment": assessment.public_id})
    data = {"addresses": addresses, "team": str(team.public_id) if team else ""}
    if role is not None:
        data["role"] = str(role.public_id)
    return client.post(url, data)


def _invite(client, assessment, addresses, team, capture):
    with capture(execute=True):
        assert _paste(client, assessment, addresses, team).status_code == 302


def _url(name, assessment, invitation):
    return reverse(name, kwargs={"assessment": assessment.public_id, "invitation": invitation.public_id})


# --- withdraw ------------------------------------------------------------------------------------


def test_withdrawn_invitation_link_shows_a_clear_page_and_is_logged(
    client_for, manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks, client
):
    manager = client_for(manager_a)
    _invite(manager, opened, "anna@example.org\nbram@example.org", teams_a[0], django_capture_on_commit_callbacks)
    token = LINK_RE.search(next(m.body for m in mailoutbox if m.to == ["anna@example.org"])).group(1)
    anna = Invitation.objects.get(email="anna@example.org")
    response = manager.post(_url("invitation_withdraw", opened, anna))
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("email", flat=True)) == ["bram@example.org"]
    log = ActivityLog.objects.get(verb="invitation_withdrawn")
    assert log.actor == manager_a
    assert log.object_repr == f"{opened.title} (a…@example.org, {teams_a[0].name})"
    page = client.get(f"/r/{token}/")
    assert page.status_code == 404
    assert "withdrawn by the person who invited you" in page.content.decode()
    # A second click: the invitation is gone, a clear 409, nothing else changes.
    again = manager.post(_url("invitation_withdraw", opened, anna))
    assert again.status_code == 409
    assert ActivityLog.objects.filter(verb="invitation_withdrawn").count() == 1


def test_completed_invitations_cannot_be_withdrawn_or_corrected(client_for, manager_a, opened, teams_a):
    done = Invitation.objects.create(
        assessment=opened, email="done@example.org", team=teams_a[0], token_hash="d" * 64, completed_on="2026-01-02"
    )
    client = client_for(manager_a)
    assert client.post(_url("invitation_withdraw", opened, done)).status_code == 409
    assert client.post(_url("invitation_correct", opened, done), {"email": "x@example.org"}).status_code == 409
    done.refresh_from_db()
    assert done.email == "done@example.org"


def test_viewers_and_outsiders_cannot_withdraw(client_for, viewer_a, outsider, opened, teams_a):
    invitation = Invitation.objects.create(
        assessment=opened, email="a@example.org", team=teams_a[0], token_hash="a" * 64
    )
    assert client_for(viewer_a).post(_url("invitation_withdraw", opened, invitation)).status_code == 403
    assert client_for(outsider).post(_url("invitation_withdraw", opened, invitation)).status_code == 404
    assert Invitation.objects.count() == 1


# --- correct -------------------------------------------------------------------------------------


def test_corrected_address_kills_the_old_link_and_sends_a_new_one(
    client_for, manager_a, opened, teams_a, mailoutbox, django_capture_on_commit_callbacks, client
):
    manager = client_for(manager_a)
    _invite(manager, opened, "anna@exmaple.org", teams_a[0], django_capture_on_commit_callbacks)
    old_token = LINK_RE.search(mailoutbox[0].body).group(1)
    invitation = Invitation.objects.get()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(_url("invitation_correct", opened, invitation), {"email": " Anna@Example.org "})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.email == "anna@example.org"
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    new_token = LINK_RE.search(mailoutbox[0].body).group(1)
    assert new_token != old_token
    assert client.get(f"/r/{old_token}/").status_code == 404
    assert client.get(f"/r/{new_token}/").status_code == 302
    log = ActivityLog.objects.get(verb="invitation_corrected")
    assert log.object_repr == f"{opened.title} (a…@exmaple.org → a…@example.org)"
    # The same correction again changes nothing and sends nothing.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(_url("invitation_correct", opened, invitation), {"email": "anna@example.org"})
    assert mailoutbox == []
    assert ActivityLog.objects.filter(verb="invitation_corrected").count() == 1


def test_correction_to_a_bad_or_already_invited_address_is_refused(client_for, manager_a, opened, teams_a):
    a = Invitation.objects.create(assessment=opened, email="a@example.org", team=teams_a[0], token_hash="a" * 64)
    Invitation.objects.create(assessment=opened, email="b@example.org", team=teams_a[0], token_hash="b" * 64)
    client = client_for(manager_a)
    assert client.post(_url("invitation_correct", opened, a), {"email": "not an address"}).status_code == 400
    response = client.post(_url("invitation_correct", opened, a), {"email": "B@example.org"})
    assert response.status_code == 409
    assert "b@example.org is already invited to this assessment." in response.content.decode()
    a.refresh_from_db()
    assert a.email == "a@example.org"


def test_correction_in_a_draft_waits_for_opening(client_for, manager_a, draft, teams_a, mailoutbox):
    a = Invitation.objects.create(assessment=draft, email="a@exmple.org", team=teams_a[0], token_hash="a" * 64)
    assert (
        client_for(manager_a).post(_url("invitation_correct", draft, a), {"email": "a@example.org"}).status_code == 302
    )
    a.refresh_from_db()
    assert (a.email, a.sent_at, mailoutbox) == ("a@example.org", None, [])


# --- forgiving paste -----------------------------------------------------------------------------


def test_outlook_names_commas_semicolons_and_newlines(client_for, manager_a, opened, teams_a):
    text = 'Anna Jansen <anna@example.org>; "Vries, Bram de" <bram@example.org>, carla@example.org\ndirk@example.org\n'
    response = _paste(client_for(manager_a), opened, text, teams_a[0])
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "anna@example.org",
        "bram@example.org",
        "carla@example.org",
        "dirk@example.org",
    ]


def test_duplicates_and_already_invited_are_skipped_with_a_notice(client_for, manager_a, opened, teams_a):
    Invitation.objects.create(assessment=opened, email="old@example.org", team=teams_a[0], token_hash="o" * 64)
    client = client_for(manager_a)
    response = _paste(client, opened, "new@example.org\nNEW@example.org\nold@example.org", teams_a[0])
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["new@example.org", "old@example.org"]
    notices = [str(m) for m in response.wsgi_request._messages]
    assert (
        "2 addresses were skipped because they were pasted twice or are already invited: "
        "NEW@example.org, old@example.org."
    ) in notices


def test_only_invalid_addresses_come_back_for_fixing(client_for, manager_a, opened, teams_a):
    response = _paste(
        client_for(manager_a), opened, "good@example.org\nbad@@example\nalso.good@example.org", teams_a[0]
    )
    assert response.status_code == 200
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["also.good@example.org", "good@example.org"]
    assert [(e.line, e.value) for e in response.context["result"].errors] == [(2, "bad@@example")]
    assert response.context["paste_form"]["addresses"].value() == "bad@@example"
    assert "1 address was not invited: it needs fixing." in response.content.decode()


def test_paste_into_several_teams_with_a_team_column(client_for, manager_a, opened, teams_a, roles_a):
    text = (
        "email\tteam\n"  # a header row copied from Excel is ignored
        "anna@example.org;Klantenservice\n"
        "Bram de Vries\tbram@example.org\tthuiszorg\tManagement\n"
        "carla@example.org, Thuiszorg\n"
    )
    response = _paste(client_for(manager_a), opened, text)
    assert response.status_code == 302
    rows = sorted(Invitation.objects.values_list("email", "team__name", "role__name_en"))
    assert rows == [
        ("anna@example.org", "Klantenservice", None),
        ("bram@example.org", "Thuiszorg", "Management"),
        ("carla@example.org", "Thuiszorg", None),
    ]


def test_team_column_problems_are_listed(client_for, manager_a, opened, teams_a):
    response = _paste(client_for(manager_a), opened, "anna@example.org;Salse\nbram@example.org")
    assert response.status_code == 400
    assert [(e.line, e.reason) for e in response.context["result"].errors] == [
        (1, "Unknown team “Salse”: use the name of a team in this assessment."),
        (2, "The team is missing."),
    ]
    assert Invitation.objects.count() == 0


def test_a_paste_with_only_bad_and_known_addresses_still_says_what_was_skipped(client_for, manager_a, opened, teams_a):
    Invitation.objects.create(assessment=opened, email="old@example.org", team=teams_a[0], token_hash="o" * 64)
    response = _paste(client_for(manager_a), opened, "old@example.org\nbad@@example", teams_a[0])
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 address was skipped because it was pasted twice or is already invited: old@example.org." in html
    assert "Fix these lines and add them again." in html
    assert "Either everyone is invited" not in html
