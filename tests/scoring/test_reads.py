"""Scoring's plain-SQL reads (scoring/queries.py) give what the same reads through the ORM give, on SQLite and
PostgreSQL alike: types included (UUIDs, booleans), and what they leave out (unsubmitted, excluded, empty)."""

import datetime

import pytest
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Comment, Invitation, Response
from assessments.scoring import cells, queries
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan():
    organisation = factories.make_organisation()
    other = factories.make_organisation()
    factories.make_team(organisation=other, name="Elsewhere")
    version = factories.make_model_version(factors=2, statements=2)
    parent = factories.make_team(organisation=organisation, name="Sales")
    child = factories.make_team(organisation=organisation, name="Inside sales", parent=parent)
    unpicked = factories.make_team(organisation=organisation, name="Not in this round")
    lead = factories.make_role(organisation=organisation, name="Lead", is_management=True, order=1)
    desk = factories.make_role(organisation=organisation, name="Desk", order=0)
    factories.make_role(organisation=organisation, name="Zebra desk", order=0)
    assessment = factories.make_assessment(
        organisation=organisation, model_version=version, teams=[parent, child], roles=[lead]
    )
    answers = [{"f1s1": 3, "f1s2": 4, "f2s1": 2, "f2s2": 5}] * 3
    factories.make_responses(
        assessment=assessment, answers=answers, team=child, role=desk, comments=[{"f1": "Slow"}, {"f2": ""}, {}]
    )
    factories.make_responses(assessment=assessment, answers=answers[:2], team=unpicked, role=lead)
    factories.make_responses(assessment=assessment, answers=answers[:1], team=None, role=None, comments=[{"f1": "A"}])
    factories.make_responses(assessment=assessment, answers=answers[:1], team=child, role=desk, submitted=False)
    excluded = factories.make_responses(
        assessment=assessment, answers=answers[:1], team=child, role=lead, comments=[{"f1": "Gone"}]
    )
    Response.objects.filter(pk=excluded[0].pk).update(excluded_at=timezone.now())
    for i, done in enumerate([None, datetime.date(2026, 1, 5), datetime.date(2026, 1, 6)]):
        Invitation.objects.create(assessment=assessment, team=parent, token_hash=f"{i:064d}", completed_on=done)
    return assessment


def test_the_organisation_structure_matches_the_orm(scan):
    teams, roles, team_ids, role_ids = queries.organisation_structure(assessment=scan)

    expected_teams = list(
        Team.objects.filter(organisation_id=scan.organisation_id).values("id", "public_id", "name", "parent_id")
    )
    assert sorted(teams, key=lambda t: t["id"]) == sorted(expected_teams, key=lambda t: t["id"])
    assert roles == list(
        Role.objects.filter(organisation_id=scan.organisation_id)
        .order_by("order", "name_en")
        .values("id", "public_id", "name_en", "name_nl", "is_management")
    )
    assert [type(r["is_management"]) for r in roles] == [bool, bool, bool]
    assert team_ids == set(scan.teams.values_list("id", flat=True))
    assert role_ids == set(scan.roles.values_list("id", flat=True))
    assert len(team_ids) == 2
    assert len(role_ids) == 1


def test_the_counted_cells_match_the_orm(scan):
    counted = Q(assessment=scan, submitted_at__isnull=False, excluded_at__isnull=True)
    expected = {
        (team, role): (n, ids)
        for team, role, n, ids in Response.objects.filter(counted)
        .order_by()
        .values_list("team_id", "role_id")
        .annotate(n=Count("id"), ids=Sum("id"), last=Max("updated_at"))
        .values_list("team_id", "role_id", "n", "ids")
    }
    found = {(team, role): (n, ids) for team, role, n, ids, _last in queries.counted_cells(assessment=scan)}
    assert found == expected
    assert sum(n for n, _ids in found.values()) == 6  # 3 + 2 + 1: not the unsubmitted one, not the excluded one


def test_a_cells_fingerprint_moves_with_a_change_of_its_responses(scan):
    before = cells.fingerprints(assessment=scan)
    response = Response.objects.filter(assessment=scan, team__isnull=True).get()
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now() + datetime.timedelta(seconds=1))
    after = cells.fingerprints(assessment=scan)
    assert {cell for cell in before if before[cell] != after[cell]} == {(None, None)}


def test_the_comment_texts_and_invitation_counts_match_the_orm(scan):
    expected = list(
        Comment.objects.filter(
            response__assessment=scan, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .exclude(text="")
        .order_by("factor_id", "text")
        .values_list("factor_id", "text")
    )
    assert queries.comment_texts(assessment=scan) == expected
    assert [text for _factor, text in expected] == ["A", "Slow"]
    assert queries.invitation_counts(assessment=scan) == {"invited": 3, "completed": 2}
    assert queries.invitation_counts(
        assessment=factories.make_assessment(organisation=scan.organisation, model_version=scan.model_version)
    ) == {"invited": 0, "completed": 0}
