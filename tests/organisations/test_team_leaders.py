"""Team leaders on the people pages: invited with their teams, joined with them, their teams changed by a manager."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.organisations.models import ActivityLog, Membership, OrganisationInvitation
from tests import factories

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def teams(org_a, org_b):
    return {
        "intake": factories.make_team(organisation=org_a, name="Intake"),
        "billing": factories.make_team(organisation=org_a, name="Billing"),
        "foreign": factories.make_team(organisation=org_b, name="Elsewhere"),
    }


def _invite(client, org, **data):
    return client.post(reverse("member_invite", kwargs={"org": org.public_id}), data)


def test_a_team_leader_is_invited_with_teams_and_joins_with_them(
    org_a, manager_a, teams, client_for, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client_for(manager_a),
            org_a,
            email="lead@example.org",
            role="team_leader",
            teams=[teams["intake"].public_id],
        )
    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get(email="lead@example.org")
    assert list(invitation.teams.all()) == [teams["intake"]]
    listing = client_for(manager_a).get(reverse("member_list", kwargs={"org": org_a.public_id})).content.decode()
    assert "Intake" in listing
    token = mail.outbox[0].body.split("/join/")[1].split("/")[0]
    client.post(f"/join/{token}/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    membership = Membership.objects.get(user__email="lead@example.org")
    assert membership.role == "team_leader"
    assert list(membership.teams.all()) == [teams["intake"]]
    assert ActivityLog.objects.filter(verb="invited").get().object_repr == "lead@example.org (Team leader (Intake))"


def test_a_team_leader_needs_a_team_of_this_organisation(org_a, manager_a, teams, client_for):
    client = client_for(manager_a)
    none = _invite(client, org_a, email="lead@example.org", role="team_leader")
    assert none.status_code == 200
    assert "Choose the team or teams this team leader leads." in none.content.decode()
    foreign = _invite(client, org_a, email="lead@example.org", role="team_leader", teams=[teams["foreign"].public_id])
    assert foreign.status_code == 200
    assert "Select a valid choice" in foreign.content.decode()
    assert not OrganisationInvitation.objects.exists()


def test_teams_are_dropped_for_other_roles(org_a, manager_a, teams, client_for):
    _invite(client_for(manager_a), org_a, email="v@example.org", role="viewer", teams=[teams["intake"].public_id])
    assert list(OrganisationInvitation.objects.get().teams.all()) == []


def test_the_quick_role_select_asks_for_the_teams(org_a, manager_a, viewer_a, teams, client_for):
    client = client_for(manager_a)
    target = Membership.objects.get(user=viewer_a)
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": target.public_id})
    asked = client.post(url, {"role": "team_leader"})  # the people list's select sends no teams
    assert asked.status_code == 200
    assert "Teams this team leader leads" in asked.content.decode()
    target.refresh_from_db()
    assert target.role == "viewer"  # nothing saved yet
    saved = client.post(url, {"role": "team_leader", "teams": [teams["intake"].public_id, teams["billing"].public_id]})
    assert saved.status_code == 302
    target.refresh_from_db()
    assert target.role == "team_leader"
    assert {t.name for t in target.teams.all()} == {"Intake", "Billing"}
    assert "Team leader (Billing, Intake)" in ActivityLog.objects.filter(verb="role_changed").first().object_repr
    # Back to viewer: the teams are forgotten.
    assert client.post(url, {"role": "viewer"}).status_code == 302
    target.refresh_from_db()
    assert (target.role, list(target.teams.all())) == ("viewer", [])


def test_a_changed_team_is_saved_and_a_missing_one_refused(org_a, manager_a, teams, client_for):
    leader = factories.make_user(email="lead@example.org")
    target = factories.add_member(user=leader, organisation=org_a, role="team_leader")
    target.teams.set([teams["intake"]])
    client = client_for(manager_a)
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": target.public_id})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["teams"] == [teams["intake"]]
    refused = client.post(url, {"role": "team_leader", "teams": [teams["foreign"].public_id]})
    assert refused.status_code == 400
    assert client.post(url, {"role": "team_leader", "teams": [teams["billing"].public_id]}).status_code == 302
    assert list(target.teams.all()) == [teams["billing"]]


def test_a_team_leader_cannot_change_roles_or_see_people(org_a, manager_a, teams, client_for):
    leader = factories.make_user(email="lead@example.org")
    factories.add_member(user=leader, organisation=org_a, role="team_leader").teams.set([teams["intake"]])
    client = client_for(leader)
    assert client.get(reverse("member_list", kwargs={"org": org_a.public_id})).status_code == 403
    manager = Membership.objects.get(user=manager_a)
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": manager.public_id})
    assert client.post(url, {"role": "viewer"}).status_code == 403


def test_the_quick_select_keeps_a_leaders_teams(org_a, manager_a, teams, client_for):
    """Saving "team leader" again from the people list (which sends no teams) shows their teams, not none."""
    leader = factories.make_user(email="lead@example.org")
    target = factories.add_member(user=leader, organisation=org_a, role="team_leader")
    target.teams.set([teams["intake"]])
    url = reverse("member_role", kwargs={"org": org_a.public_id, "member": target.public_id})
    page = client_for(manager_a).post(url, {"role": "team_leader"})
    assert page.status_code == 200
    assert page.context["form"].initial["teams"] == [teams["intake"]]
    assert list(target.teams.all()) == [teams["intake"]]
