"""The kept cell tallies (scoring/cells.py): a scoring that reads them equals one that folds every response
again, after any sequence of the writes that change a cell; only changed cells are folded again."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.questionnaire.models import Answer, CellTally, GroupTally, Response
from assessments.questionnaire.services.response_sums import refresh_response_sums
from assessments.scoring import cells, kept_groups
from assessments.scoring import score as core
from tests import factories
from tests.examples import examples

pytestmark = pytest.mark.django_db


def _org(*, per_factor: bool = True):
    organisation = factories.make_organisation()
    version = factories.make_model_version(factors=3, statements=4, per_factor=per_factor)
    teams = [factories.make_team(organisation=organisation, name=f"Team {i}") for i in range(3)]
    roles = [
        factories.make_role(organisation=organisation, name="Lead", is_management=True),
        factories.make_role(organisation=organisation, name="Desk", order=1),
    ]
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=version,
        teams=teams,
        roles=roles,
        threshold_scores=2,
        threshold_spread=2,
        threshold_comments=2,
    )
    return assessment, teams, roles


def _answers(rng: random.Random, assessment, count: int):
    codes = [f"f{i}s{j}" for i in range(1, 4) for j in range(1, 5)]
    return [{code: (rng.choice([0, 1, 2, 3, 4, 5, 5, 4]), rng.randint(1, 5)) for code in codes} for _ in range(count)]


def _folds(monkeypatch):
    """The sets of cells each scoring folds again, in order (scoring.cells._fold_again, spied on)."""
    folded = []
    real = cells._fold_again

    def spy(assessment, stale, **kwargs):
        folded.append(set(stale))
        return real(assessment, stale, **kwargs)

    monkeypatch.setattr(cells, "_fold_again", spy)
    return folded


def submit_while_folding(monkeypatch, rng, *, team, role):
    """Make another respondent of (team, role) submit between the fold's reads and its write (the next
    scoring's scoring.cells._fold_again, wrapped); returns the real fold, to put back."""
    real = cells._fold_again

    def meanwhile(assessment, stale, **kwargs):
        folded = real(assessment, stale, **kwargs)
        factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 1), team=team, role=role)
        return folded

    monkeypatch.setattr(cells, "_fold_again", meanwhile)
    return real


def _fresh(assessment):
    """The scoring with nothing kept: every cell folded from its responses' stored sums, every group computed."""
    CellTally.objects.filter(assessment=assessment).delete()
    GroupTally.objects.filter(assessment=assessment).delete()
    return core.score_scores(assessment=assessment)


operation = st.tuples(
    st.sampled_from(["submit", "exclude", "restore", "move", "rewrite", "kind", "no_team"]),
    st.integers(0, 1000),
    st.integers(0, 2),
)


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), operations=st.lists(operation, min_size=1, max_size=6))
def test_kept_tallies_equal_a_fresh_fold_after_any_writes(seed, operations):
    rng = random.Random(seed)
    assessment, teams, roles = _org()
    for team in teams[:2]:
        for role in roles:
            factories.make_responses(
                assessment=assessment, answers=_answers(rng, assessment, rng.randint(1, 4)), team=team, role=role
            )
    core.score_scores(assessment=assessment)  # keeps every cell
    for kind, pick, where in operations:
        counted = list(
            Response.objects.filter(assessment=assessment, submitted_at__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        target = counted[pick % len(counted)] if counted else None
        if kind == "submit":
            factories.make_responses(
                assessment=assessment, answers=_answers(rng, assessment, 1), team=teams[where], role=roles[pick % 2]
            )
        elif kind == "exclude" and target:
            Response.objects.filter(pk=target).update(excluded_at=timezone.now())
        elif kind == "restore":
            Response.objects.filter(assessment=assessment).update(excluded_at=None)
        elif kind == "move" and target:
            Response.objects.filter(pk=target).update(team=teams[where], role=roles[pick % 2])
        elif kind == "no_team" and target:  # a team deleted: the response keeps counting without a team
            Response.objects.filter(pk=target).update(team=None)
        elif kind == "rewrite" and target:  # answers changed and the sums written again by the service
            Answer.objects.filter(response_id=target).update(current=where + 1)
            refresh_response_sums(response_ids=[target])
        elif kind == "kind":
            role = roles[pick % 2]
            role.is_management = not role.is_management
            role.save(update_fields=["is_management"])
        kept = core.score_scores(assessment=assessment)
        assert kept == _fresh(assessment), (kind, pick, where)


def test_after_one_submit_only_that_cell_is_folded_again(monkeypatch):
    rng = random.Random(1)
    assessment, teams, roles = _org()
    for team in teams:
        for role in roles:
            factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 3), team=team, role=role)
    core.score_scores(assessment=assessment)
    kept_before = dict(CellTally.objects.filter(assessment=assessment).values_list("cell", "payload"))
    assert len(kept_before) == 6

    folded = _folds(monkeypatch)
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 1), team=teams[1], role=roles[0])
    result = core.score_scores(assessment=assessment)

    assert folded == [{(teams[1].pk, roles[0].pk)}]
    kept_after = dict(CellTally.objects.filter(assessment=assessment).values_list("cell", "payload"))
    changed = {name for name in kept_after if kept_after[name] != kept_before[name]}
    assert changed == {CellTally.name_of(teams[1].pk, roles[0].pk)}
    assert result.respondents == 19
    assert result == _fresh(assessment)


def test_rewritten_sums_drop_their_cell():
    rng = random.Random(2)
    assessment, teams, roles = _org()
    responses = factories.make_responses(
        assessment=assessment, answers=_answers(rng, assessment, 3), team=teams[0], role=roles[1]
    )
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 3), team=teams[1], role=roles[1])
    core.score_scores(assessment=assessment)
    assert CellTally.objects.filter(assessment=assessment).count() == 2

    refresh_response_sums(response_ids=[responses[0].pk])

    assert list(CellTally.objects.filter(assessment=assessment).values_list("cell", flat=True)) == [
        CellTally.name_of(teams[1].pk, roles[1].pk)
    ]


def test_a_payload_round_trips_exactly():
    rng = random.Random(3)
    assessment, teams, roles = _org()
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 7), team=teams[0], role=roles[0])
    core.score_scores(assessment=assessment)
    (payload,) = CellTally.objects.filter(assessment=assessment).values_list("payload", flat=True)
    decoded = cells.decode(payload)
    assert cells.encode(decoded) == payload
    assert sorted(decoded.factors) == sorted(decoded.complete)
    assert len(decoded.lenses) == 3 * 2 + 4  # each factor's two layers and the four SERVQUAL gaps


@pytest.mark.parametrize("teams_used", [1, 3])
def test_cold_scoring_reads_the_same_number_of_queries_for_one_and_many_cells(teams_used):
    rng = random.Random(4)
    assessment, teams, roles = _org()
    for team in teams[:teams_used]:
        for role in roles:
            factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 2), team=team, role=role)
    core.score_scores(assessment=assessment)  # keeps the cells
    with CaptureQueriesContext(connection) as captured:
        core.score_scores(assessment=assessment)
    # The model content is read once per process (model_content.kept): structure, cells, groups, comments,
    # invitations; score_assessment adds the customer check's.
    assert len(captured.captured_queries) == 6


def test_a_code_or_setting_change_folds_every_cell_again(monkeypatch):
    rng = random.Random(5)
    assessment, teams, roles = _org()
    for team in teams:
        factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 2), team=team, role=roles[0])
    core.score_scores(assessment=assessment)
    folded = _folds(monkeypatch)

    assessment.ask_ambition = not assessment.ask_ambition
    assessment.save(update_fields=["ask_ambition"])
    with_setting = core.score_scores(assessment=assessment)
    # A change to the fold's code changes both codes (the groups' names the cells' sources).
    monkeypatch.setattr(cells, "_CODE", "other code")
    monkeypatch.setattr(kept_groups, "_CODE", "other code")
    core.score_scores(assessment=assessment)

    assert [len(stale) for stale in folded] == [3, 3]
    assert with_setting == _fresh(assessment)


def test_a_cell_that_changes_while_it_is_folded_is_not_kept(monkeypatch):
    rng = random.Random(6)
    assessment, teams, roles = _org()
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 3), team=teams[0], role=roles[0])
    real = submit_while_folding(monkeypatch, rng, team=teams[0], role=roles[0])
    core.score_scores(assessment=assessment)

    assert not CellTally.objects.filter(assessment=assessment).exists()
    monkeypatch.setattr(cells, "_fold_again", real)
    assert core.score_scores(assessment=assessment).respondents == 4
    assert CellTally.objects.filter(assessment=assessment).count() == 1


def test_a_cell_nobody_counts_in_any_more_is_dropped():
    rng = random.Random(7)
    assessment, teams, roles = _org()
    gone = factories.make_responses(
        assessment=assessment, answers=_answers(rng, assessment, 2), team=teams[0], role=roles[0]
    )
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 2), team=teams[1], role=roles[0])
    core.score_scores(assessment=assessment)
    Response.objects.filter(pk__in=[r.pk for r in gone]).update(excluded_at=timezone.now())

    core.score_scores(assessment=assessment)

    assert list(CellTally.objects.filter(assessment=assessment).values_list("cell", flat=True)) == [
        CellTally.name_of(teams[1].pk, roles[0].pk)
    ]
