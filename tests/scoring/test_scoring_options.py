"""Scoring without ambition, without management roles, and with a previous round on another model."""

import pytest

from assessments.scoring import score_assessment
from tests import factories


def test_without_ambition_question(org_a, model_version):
    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], ask_ambition=False
    )
    factories.make_random_responses(assessment=assessment, count=6, team=team, ambition=False)
    result = score_assessment(assessment=assessment)
    stats = result.organisation.factor("f1")
    assert stats.score is not None
    assert (stats.ambition_n, stats.ambition_mean, stats.gap, stats.gap_score) == (None, None, None, None)
    assert result.ask_ambition is False
    # Without a gap the priority is room to grow plus disagreement only.
    first = result.priorities[0]
    assert first.value == pytest.approx(0.3 * (100 - first.score) + 0.2 * (100 - first.consensus))


def test_without_management_roles_there_is_no_perception_gap(org_a, model_version):
    team = factories.make_team(organisation=org_a)
    role = factories.make_role(organisation=org_a, name="Front office")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    factories.make_random_responses(assessment=assessment, count=6, team=team, role=role)
    result = score_assessment(assessment=assessment)
    assert (result.management, result.staff, result.perception_gaps) == (None, None, ())


def test_previous_round_with_other_factors_is_not_compared(org_a, model_version):
    other = factories.make_model_version(code="other", factors=2)
    team = factories.make_team(organisation=org_a)
    previous = factories.make_assessment(organisation=org_a, model_version=other, teams=[team], status="closed")
    factories.make_random_responses(assessment=previous, count=6, team=team)
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], previous=previous
    )
    factories.make_random_responses(assessment=assessment, count=6, team=team)
    result = score_assessment(assessment=assessment)
    assert result.previous.comparable is False
    assert result.changes == ()


def test_empty_assessment(org_a, model_version):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
    result = score_assessment(assessment=assessment)
    assert (result.respondents, result.index, result.priorities, result.strongest) == (0, None, (), None)
    assert result.organisation.suppressed_reason == "threshold"
    assert result.response_rate.rate is None
