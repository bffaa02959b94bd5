"""List endpoints read a fixed number of queries whatever the number of rows."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

# token look-up, page count, the page's rows, the call's log row, the token's last-used time
LIST_QUERIES = 5


def _fill(org, model_version, n, prefix):
    parent = None
    for i in range(n):
        team = factories.make_team(organisation=org, name=f"{prefix} team {i}", parent=parent)
        parent = parent or team
        factories.make_role(organisation=org, name=f"{prefix} role {i}")
        assessment = factories.make_assessment(organisation=org, model_version=model_version, teams=[team])
        factories_invitation(assessment, team)


def factories_invitation(assessment, team):
    from tests.api.test_schema import factories_invitation as make

    return make(assessment, team)


@pytest.mark.parametrize("rows", [1, 8])
@pytest.mark.parametrize("path", ["organisations", "teams", "roles", "assessments"])
def test_list_query_count(rows, path, consultant_ab, model_version, token_for, django_assert_num_queries):
    organisations = [factories.make_organisation(name=f"Client {i}") for i in range(rows)]
    for org in organisations:
        factories.add_member(user=consultant_ab, organisation=org, role="consultant")
        _fill(org, model_version, 1, prefix="first")
    _fill(organisations[0], model_version, rows, prefix="more")
    _token, client = token_for(consultant_ab)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(f"/api/v1/{path}/")
    assert response.status_code == 200
    assert response.json()["count"] >= rows


@pytest.mark.parametrize("rows", [1, 8])
def test_invitation_list_query_count(rows, org_a, manager_a, model_version, token_for, django_assert_num_queries):
    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    for _ in range(rows):
        factories_invitation(assessment, team)
    _token, client = token_for(manager_a)
    # + the assessment and the member's role (manager check)
    with django_assert_num_queries(LIST_QUERIES + 2):
        response = client.get(f"/api/v1/assessments/{assessment.public_id}/invitations/")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_action_list_query_count(rows, org_a, manager_a, model_version, token_for, django_assert_num_queries):
    from assessments.actions.services.plan import create_action
    from assessments.organisations.models import Membership

    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    owner = Membership.objects.get(user=manager_a, organisation=org_a)
    for i in range(rows):
        data = {"title": f"Action {i}", "factor_code": "f1", "owner": owner if i % 2 else None}
        create_action(organisation=org_a, assessment=assessment, actor=manager_a, data=data)
    _token, client = token_for(manager_a)
    # token look-up, the organisation, the plan's rows (owners and rounds joined), the call's log row, last-used
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/organisations/{org_a.public_id}/actions/")
    assert response.json()["count"] == rows
    assert [a["title"] for a in response.json()["results"]] == [f"Action {i}" for i in range(rows)]
