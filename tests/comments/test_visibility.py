"""Who may read comments: the stricter comment threshold, and no team count by subtraction."""

import pytest

from assessments.comments.selectors.board import comment_board
from assessments.comments.selectors.visibility import visibility
from assessments.scoring import score_assessment
from assessments.scoring.anonymity import comment_threshold
from assessments.scoring.groups import team_key
from tests import factories
from tests.comments.conftest import add_customers, answers

pytestmark = pytest.mark.django_db


def test_the_comment_threshold_is_stricter_than_the_score_threshold():
    assert comment_threshold(comments=5, scores=5) == 7
    assert comment_threshold(comments=3, scores=3) == 5
    assert comment_threshold(comments=10, scores=5) == 10


@pytest.mark.parametrize(("respondents", "readable"), [(6, False), (7, True)])
def test_comments_wait_for_more_people_than_scores(org_a, model_version, respondents, readable):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
    factories.make_responses(
        assessment=assessment, answers=answers(model_version, respondents), comments=[{"f1": "Een opmerking"}]
    )
    result = score_assessment(assessment=assessment)
    assert result.organisation.factor("f1").score is not None  # scores are shown from 5
    board = comment_board(assessment=assessment, language="en")
    assert board.visibility.threshold == 7
    assert board.visibility.visible is readable
    assert [r.text for r in board.rows] == (["Een opmerking"] if readable else [])


def test_the_assessments_own_comment_threshold_counts_when_higher(org_a, model_version):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, threshold_comments=9)
    factories.make_responses(assessment=assessment, answers=answers(model_version, 8), comments=[{"f1": "x"}])
    seen = visibility(assessment=assessment)
    assert (seen.threshold, seen.visible) == (9, False)


def test_no_team_count_can_be_worked_out_by_subtraction(scan, teams):
    """Gamma (2) is below 7; showing Beta too would leave Gamma = total - Alpha - Beta, so Beta is hidden."""
    alpha, beta, gamma = teams
    board = comment_board(assessment=scan, language="en")
    seen = board.visibility
    assert [t.key for t in seen.teams] == [team_key(alpha.public_id)]
    assert seen.hidden_teams == 2
    everything = board.counts["f1"][0]
    assert (everything.total, everything.per_team) == (5, (2,))
    # What subtraction gives is Beta and Gamma together: 10 people, above the threshold.
    assert seen.respondents - 9 == 10 >= seen.threshold


def test_every_visible_team_is_shown_when_no_rest_is_small(org_a, model_version, teams):
    alpha, beta, _gamma = teams
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[alpha, beta])
    for team in (alpha, beta):
        factories.make_responses(
            assessment=assessment, answers=answers(model_version, 7), team=team, comments=[{"f1": team.name}]
        )
    board = comment_board(assessment=assessment, language="en")
    assert [t.name for t in board.visibility.teams] == ["Alpha", "Beta"]
    assert board.counts["f1"][0].per_team == (1, 1)


def test_customers_answers_wait_for_the_threshold_and_flagged_ones_never_count(scan):
    add_customers(scan, ["Sneller antwoorden graag"], extra=5)
    add_customers(scan, ["spam"], flag="duplicate")
    board = comment_board(assessment=scan, language="en")
    assert (board.visibility.customers, board.visibility.customers_visible) == (6, False)
    assert [r for r in board.rows if r.scope == "customers"] == []
    add_customers(scan, [], extra=1)
    board = comment_board(assessment=scan, language="en")
    assert [r.text for r in board.rows if r.scope == "customers"] == ["Sneller antwoorden graag"]
    assert board.counts["customers"][0].per_team == ()


def test_excluded_and_unsubmitted_responses_are_left_out(org_a, model_version):
    from django.utils import timezone

    assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
    factories.make_responses(assessment=assessment, answers=answers(model_version, 7), comments=[{"f1": "kept"}])
    excluded = factories.make_responses(
        assessment=assessment, answers=answers(model_version, 1), comments=[{"f1": "out"}]
    )
    excluded[0].excluded_at = timezone.now()
    excluded[0].save()
    factories.make_responses(
        assessment=assessment, answers=answers(model_version, 1), submitted=False, comments=[{"f1": "draft"}]
    )
    assert [r.text for r in comment_board(assessment=assessment, language="en").rows] == ["kept"]
