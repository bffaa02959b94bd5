"""Inviting people, joining with the link (once, before it expires), role changes and removal."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.core import tokens
from assessments.organisations.models import ActivityLog, Membership, OrganisationInvitation
from assessments.organisations.services import members
from tests import factories

NEW_PASSWORD = "a-long-and-unusual-password-42"


def _db_state():
    return (
        get_user_model().objects.count(),
        Membership.objects.count(),
        list(OrganisationInvitation.objects.values_list("pk", "accepted_at").order_by("pk")),
    )


def _invite(client, org, email="new.person@example.org", role="viewer"):
    return client.post(reverse("member_invite", kwargs={"org": org.public_id}), {"email": email, "role": role})


def test_invite_sends_one_email_after_commit_and_stores_only_a_hash(
    org_a, manager_a, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _invite(client_for(manager_a), org_a)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    token = message.body.split("/join/")[1].split("/")[0]
    invitation = OrganisationInvitation.objects.get()
    assert invitation.token_hash == tokens.hash_token(token, purpose=members.INVITE_PURPOSE)
    assert token not in invitation.token_hash
    assert invitation.role == "viewer"
    assert invitation.invited_by == manager_a
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert ActivityLog.objects.filter(organisation=org_a, verb="invited").count() == 1


def test_invite_of_a_member_is_refused(org_a, manager_a, viewer_a, client_for):
    response = _invite(client_for(manager_a), org_a, email="VIEWER.A@example.org")
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert OrganisationInvitation.objects.count() == 0


def test_second_invite_replaces_the_pending_one(org_a, manager_a, client_for):
    client = client_for(manager_a)
    _invite(client, org_a)
    first = OrganisationInvitation.objects.get()
    _invite(client, org_a, role="manager")
    assert list(OrganisationInvitation.objects.values_list("role", flat=True)) == ["manager"]
    assert not OrganisationInvitation.objects.filter(pk=first.pk).exists()


def test_viewer_cannot_invite(org_a, viewer_a, client_for):
    assert _invite(client_for(viewer_a), org_a).status_code == 403
    assert OrganisationInvitation.objects.count() == 0


@pytest.fixture
def invitation(org_a, manager_a):
    invitation, token = members.invite_member(
        organisation=org_a, actor=manager_a, email="new.person@example.org", role="viewer"
    )
    return invitation, token


def test_join_sets_password_creates_member_and_signs_in(invitation, org_a, client):
    _inv, token = invitation
    url = reverse("join", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    assert org_a.name in page.content.decode()
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", kwargs={"org": org_a.public_id})
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.username == "new.person@example.org"
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == "viewer"
    assert OrganisationInvitation.objects.get().accepted_at is not None
    assert client.get(reverse("organisation_detail", kwargs={"org": org_a.public_id})).status_code == 200


def test_join_rejects_weak_password_and_changes_nothing(invitation, client):
    _inv, token = invitation
    before = _db_state()
    response = client.post(reverse("join", kwargs={"token": token}), {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert _db_state() == before


def test_link_used_twice_gives_410_and_changes_nothing(invitation, client):
    _inv, token = invitation
    url = reverse("join", kwargs={"token": token})
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    before = _db_state()
    again = client.post(url, {"new_password1": "another-password-77x", "new_password2": "another-password-77x"})
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert _db_state() == before
    assert get_user_model().objects.get(email="new.person@example.org").check_password(NEW_PASSWORD)
    assert client.get(url).status_code == 410


def test_expired_link_gives_410_and_changes_nothing(invitation, client):
    inv, token = invitation
    OrganisationInvitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    before = _db_state()
    url = reverse("join", kwargs={"token": token})
    assert client.get(url).status_code == 410
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert _db_state() == before


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:10], lambda t: t + "!"]
)
def test_tampered_or_malformed_link_gives_404_and_changes_nothing(mangle, invitation, client):
    _inv, token = invitation
    before = _db_state()
    url = f"/join/{mangle(token)}/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 404
    assert "does not work" in response.content.decode()
    assert _db_state() == before


def test_token_of_another_purpose_does_not_work(org_a, manager_a, client):
    token = tokens.new_token()
    OrganisationInvitation.objects.create(
        organisation=org_a,
        email="x@example.org",
        role="viewer",
        token_hash=tokens.hash_token(token, purpose="respondent"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert client.get(reverse("join", kwargs={"token": token})).status_code == 404


def test_existing_account_must_sign_in_then_accepts(org_a, manager_a, manager_b, client_for, client):
    _inv, token = members.invite_member(
        organisation=org_a, actor=manager_a, email="MANAGER.B@example.org", role="viewer"
    )
    url = reverse("join", kwargs={"token": token})
    before = _db_state()
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "Sign in to accept" in anonymous.content.decode()
    assert client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 200
    assert _db_state() == before
    signed_in = client_for(manager_b)
    response = signed_in.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=manager_b, organisation=org_a).role == "viewer"
    assert manager_b.check_password(factories.DEFAULT_PASSWORD)


def test_existing_account_signed_in_as_someone_else_changes_nothing(org_a, manager_a, manager_b, client_for):
    _inv, token = members.invite_member(organisation=org_a, actor=manager_a, email="someone@example.org", role="viewer")
    factories.make_user(email="someone@example.org")
    before = _db_state()
    response = client_for(manager_b).post(reverse("join", kwargs={"token": token}))
    assert response.status_code == 200
    assert "signed in with another account" in response.content.decode()
    assert _db_state() == before


def test_revoke_makes_the_link_unknown(invitation, org_a, manager_a, client_for, client):
    inv, token = invitation
    url = reverse("member_invitation_revoke", kwargs={"org": org_a.public_id, "invitation": inv.public_id})
    assert client_for(manager_a).post(url).status_code == 302
    assert OrganisationInvitation.objects.count() == 0
    assert client.get(reverse("join", kwargs={"token": token})).status_code == 404


def _membership(user, org):
    return Membership.objects.get(user=user, organisation=org)


def test_manager_changes_role(org_a, manager_a, viewer_a, client_for):
    target = _membership(viewer_a, org_a)
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": target.public_id})
    assert client_for(manager_a).post(url, {"role": "manager"}).status_code == 302
    target.refresh_from_db()
    assert target.role == "manager"
    assert ActivityLog.objects.filter(organisation=org_a, verb="role_changed").count() == 1


def test_bad_role_value_changes_nothing(org_a, manager_a, viewer_a, client_for):
    target = _membership(viewer_a, org_a)
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": target.public_id})
    response = client_for(manager_a).post(url, {"role": "admin"})
    assert response.status_code == 400  # the role page again, saying what is wrong
    assert "Select a valid choice" in response.content.decode()
    target.refresh_from_db()
    assert target.role == "viewer"


def test_last_manager_cannot_be_demoted_or_removed(org_a, manager_a, viewer_a, client_for):
    client = client_for(manager_a)
    own = _membership(manager_a, org_a)
    role_url = reverse("member_role", kwargs={"org": org_a.public_id, "member": own.public_id})
    response = client.post(role_url, {"role": "viewer"}, follow=True)
    assert "at least one manager or consultant" in response.content.decode()
    remove_url = reverse("member_remove", kwargs={"org": org_a.public_id, "member": own.public_id})
    client.post(remove_url)
    own.refresh_from_db()
    assert own.role == "manager"


def test_remove_member(org_a, manager_a, viewer_a, client_for):
    target = _membership(viewer_a, org_a)
    url = reverse("member_remove", kwargs={"org": org_a.public_id, "member": target.public_id})
    assert client_for(manager_a).post(url).status_code == 302
    assert not Membership.objects.filter(pk=target.pk).exists()
    assert client_for(viewer_a).get(reverse("organisation_detail", kwargs={"org": org_a.public_id})).status_code == 404


def test_manager_can_be_removed_when_a_consultant_remains(org_a, manager_a, consultant_ab, client_for):
    own = _membership(manager_a, org_a)
    url = reverse("member_remove", kwargs={"org": org_a.public_id, "member": own.public_id})
    response = client_for(manager_a).post(url)
    assert response["Location"] == reverse("organisation_list")
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_people_list_shows_members_and_pending_invitations_to_managers_only(
    invitation, org_a, manager_a, viewer_a, client_for
):
    url = reverse("member_list", kwargs={"org": org_a.public_id})
    manager_page = client_for(manager_a).get(url).content.decode()
    assert "viewer.a@example.org" in manager_page
    assert "new.person@example.org" in manager_page
    viewer_page = client_for(viewer_a).get(url).content.decode()
    assert "manager.a@example.org" in viewer_page
    assert "new.person@example.org" not in viewer_page
    assert 'name="role"' not in viewer_page


def test_second_click_by_the_new_member_just_continues(invitation, org_a, client):
    _inv, token = invitation
    url = reverse("join", kwargs={"token": token})
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    before = _db_state()
    again = client.post(url, {"new_password1": "another-password-77x", "new_password2": "another-password-77x"})
    assert again["Location"] == reverse("organisation_detail", kwargs={"org": org_a.public_id})
    assert _db_state() == before
    assert get_user_model().objects.get(email="new.person@example.org").check_password(NEW_PASSWORD)
