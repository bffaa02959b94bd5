"""Teams (a tree within one organisation) and respondent roles."""

import pytest
from django.urls import reverse

from assessments.organisations.models import ActivityLog, Role, Team
from assessments.questionnaire.models import Invitation, Response
from tests import factories


def _url(name, org, **kwargs):
    return reverse(name, kwargs={"org": org.public_id, **kwargs})


def test_team_tree_is_indented_in_order(org_a, viewer_a, client_for):
    care = factories.make_team(organisation=org_a, name="Thuiszorg")
    factories.make_team(organisation=org_a, name="Thuiszorg Zuid", parent=care)
    factories.make_team(organisation=org_a, name="Thuiszorg Noord", parent=care)
    factories.make_team(organisation=org_a, name="Planning")
    page = client_for(viewer_a).get(_url("team_list", org_a)).content.decode()
    positions = [
        page.index(name) for name in ("Planning", 'text-break">Thuiszorg <', "Thuiszorg Noord", "Thuiszorg Zuid")
    ]
    assert positions == sorted(positions)
    assert page.count("team-depth-1") == 2
    assert "2 sub-teams" in page


def test_create_team_with_parent(org_a, manager_a, client_for, team_a):
    response = client_for(manager_a).post(
        _url("team_create", org_a), {"name": " Team Noord ", "parent": str(team_a.public_id)}
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Team Noord")
    assert team.parent == team_a
    assert ActivityLog.objects.filter(organisation=org_a, verb="created", object_type="team").count() == 1


def test_duplicate_team_name_is_refused(org_a, manager_a, client_for, team_a):
    response = client_for(manager_a).post(_url("team_create", org_a), {"name": "klantenservice"})
    assert response.status_code == 400  # the form again, with its error
    assert "already has a team with this name" in response.content.decode()
    assert Team.objects.filter(organisation=org_a).count() == 1


def test_parent_from_another_organisation_is_refused(org_a, org_b, manager_a, client_for):
    foreign = factories.make_team(organisation=org_b, name="Foreign")
    response = client_for(manager_a).post(_url("team_create", org_a), {"name": "New", "parent": str(foreign.public_id)})
    assert response.status_code == 400  # the form again, with its error
    assert not Team.objects.filter(name="New").exists()


@pytest.mark.parametrize("make_cycle_with", ["itself", "child", "grandchild"])
def test_parent_cycle_is_refused(make_cycle_with, org_a, manager_a, client_for):
    top = factories.make_team(organisation=org_a, name="Top")
    child = factories.make_team(organisation=org_a, name="Child", parent=top)
    grandchild = factories.make_team(organisation=org_a, name="Grandchild", parent=child)
    parent = {"itself": top, "child": child, "grandchild": grandchild}[make_cycle_with]
    response = client_for(manager_a).post(
        _url("team_edit", org_a, team=top.public_id), {"name": "Top", "parent": str(parent.public_id)}
    )
    assert response.status_code == 400  # the form again, with its error
    top.refresh_from_db()
    assert top.parent is None


def test_service_refuses_cycle_directly(org_a, manager_a):
    from django.core.exceptions import ValidationError

    from assessments.organisations.services import organisations as services

    top = factories.make_team(organisation=org_a, name="Top")
    child = factories.make_team(organisation=org_a, name="Child", parent=top)
    with pytest.raises(ValidationError):
        services.update_team(team=top, actor=manager_a, name="Top", parent=child)
    top.refresh_from_db()
    assert top.parent is None


def test_edit_team_moves_it(org_a, manager_a, client_for):
    top = factories.make_team(organisation=org_a, name="Top")
    other = factories.make_team(organisation=org_a, name="Other")
    response = client_for(manager_a).post(
        _url("team_edit", org_a, team=other.public_id), {"name": "Renamed", "parent": str(top.public_id)}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.name, other.parent) == ("Renamed", top)


def _response(assessment, team, role=None, submitted=True):
    from django.utils import timezone

    return Response.objects.create(
        assessment=assessment,
        team=team,
        role=role,
        access_key_hash=factories.secrets.token_hex(32),
        submitted_at=timezone.now() if submitted else None,
    )


def test_team_delete_page_counts_and_delete_cascades(org_a, manager_a, client_for, model_version):
    top = factories.make_team(organisation=org_a, name="Thuiszorg")
    sub = factories.make_team(organisation=org_a, name="Thuiszorg Noord", parent=top)
    factories.make_team(organisation=org_a, name="Planning")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[top, sub])
    for team, n in ((top, 1), (sub, 2)):
        for i in range(n):
            Invitation.objects.create(assessment=assessment, team=team, token_hash=f"{team.pk}-{i}".ljust(64, "x"))
    _response(assessment, sub)
    _response(assessment, sub, submitted=False)
    client = client_for(manager_a)
    page = client.get(_url("team_delete", org_a, team=top.public_id)).content.decode()
    assert "1 sub-team" in page
    assert "Thuiszorg Noord" in page
    assert "3 survey invitations" in page
    assert "1 completed response stays" in page
    assert client.post(_url("team_delete", org_a, team=top.public_id)).status_code == 302
    assert list(Team.objects.filter(organisation=org_a).values_list("name", flat=True)) == ["Planning"]
    assert Invitation.objects.count() == 0
    assert Response.objects.filter(team__isnull=True).count() == 2
    assert ActivityLog.objects.filter(organisation=org_a, verb="deleted").count() == 1


def test_role_create_edit_delete(org_a, manager_a, client_for):
    client = client_for(manager_a)
    data = {"name_en": "Sales", "name_nl": "Verkoop", "is_management": "", "order": 7}
    assert client.post(_url("role_create", org_a), data).status_code == 302
    role = Role.objects.get(organisation=org_a, name_en="Sales")
    data.update(name_nl="Sales NL", is_management="on")
    assert client.post(_url("role_edit", org_a, role=role.public_id), data).status_code == 302
    role.refresh_from_db()
    assert (role.name_nl, role.is_management, role.order) == ("Sales NL", True, 7)
    assert client.post(_url("role_delete", org_a, role=role.public_id)).status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    verbs = list(ActivityLog.objects.filter(organisation=org_a).values_list("verb", flat=True))
    assert verbs == ["deleted", "updated", "created"]


def test_role_delete_page_counts_responses(org_a, manager_a, client_for, model_version, team_a, role_a):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, roles=[role_a])
    _response(assessment, team_a, role=role_a)
    page = client_for(manager_a).get(_url("role_delete", org_a, role=role_a.public_id)).content.decode()
    assert "1 completed response keeps its answers" in page
    assert "disappears from 1 assessment" in page


def test_viewer_post_changes_nothing(org_a, viewer_a, client_for, team_a, role_a):
    client = client_for(viewer_a)
    assert client.post(_url("team_create", org_a), {"name": "X"}).status_code == 403
    assert client.post(_url("team_delete", org_a, team=team_a.public_id)).status_code == 403
    assert client.post(_url("role_delete", org_a, role=role_a.public_id)).status_code == 403
    assert Team.objects.filter(organisation=org_a).count() == 1
    assert Role.objects.filter(organisation=org_a).count() == 1


def test_duplicate_role_name_is_refused(org_a, manager_a, client_for, role_a):
    data = {"name_en": "front OFFICE", "name_nl": "Frontoffice", "order": 1}
    response = client_for(manager_a).post(_url("role_create", org_a), data)
    assert response.status_code == 400  # the form again, with its error
    assert "already has a role with this name" in response.content.decode()
    assert Role.objects.filter(organisation=org_a).count() == 1
