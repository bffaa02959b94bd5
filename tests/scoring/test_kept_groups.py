"""The kept group figures (scoring/kept_groups.py): only the groups that hold a changed cell are computed
again, what is kept reads back bit for bit, and a group computed from a cell that changed meanwhile is not
kept. (That a scoring from kept groups equals one from nothing kept, after any writes: test_cells.py.)"""

import pickle
import random

import pytest

from assessments.questionnaire.models import CellTally, GroupTally, Response
from assessments.questionnaire.services.response_sums import refresh_response_sums
from assessments.scoring import cells, group_figures, kept_groups, lenses
from assessments.scoring import score as core
from assessments.scoring.anonymity import Hider, hidden_groups
from assessments.scoring.groups import ORGANISATION, role_key, team_key, team_role_key
from tests import factories
from tests.scoring.test_cells import _answers, _fresh, _org, submit_while_folding

pytestmark = pytest.mark.django_db


def _computed(monkeypatch):
    """The group keys each scoring computes (group_figures.compute, spied on), one set per scoring."""
    computed: list[set[str]] = []
    real = kept_groups.figures

    def spy(**kwargs):
        names = {id(cells_of): key for key, cells_of in kwargs["members"].items()}
        batch: set[str] = set()
        real_compute = group_figures.compute

        def compute(figures, members, **options):
            batch.add(names.get(id(members), ORGANISATION))
            return real_compute(figures, members, **options)

        monkeypatch.setattr(group_figures, "compute", compute)
        try:
            return real(**kwargs)
        finally:
            monkeypatch.setattr(group_figures, "compute", real_compute)
            computed.append(batch)

    monkeypatch.setattr(kept_groups, "figures", spy)
    return computed


def _filled(rng, *, per_cell=3):
    assessment, teams, roles = _org()
    for team in teams:
        for role in roles:
            factories.make_responses(
                assessment=assessment, answers=_answers(rng, assessment, per_cell), team=team, role=role
            )
    return assessment, teams, roles


def test_after_one_submit_only_the_groups_holding_its_cell_are_computed(monkeypatch):
    rng = random.Random(11)
    assessment, teams, roles = _filled(rng)
    first = core.score_scores(assessment=assessment)
    kept = GroupTally.objects.filter(assessment=assessment).count()
    assert kept == len(first.teams) + len(first.roles) + len(first.team_roles) + 3  # + organisation, management, staff
    computed = _computed(monkeypatch)

    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 1), team=teams[1], role=roles[0])
    again = core.score_scores(assessment=assessment)
    unchanged = core.score_scores(assessment=assessment)

    team, role = teams[1], roles[0]
    assert computed == [
        {
            ORGANISATION,
            "management",  # roles[0] leads
            team_key(team.public_id),
            role_key(role.public_id),
            team_role_key(team.public_id, role.public_id),
        },
        set(),
    ]
    assert again == unchanged == _fresh(assessment)
    assert again.respondents == first.respondents + 1


def test_a_submit_deletes_nothing_kept_and_a_rewrite_of_sums_drops_the_groups():
    rng = random.Random(12)
    assessment, teams, roles = _filled(rng, per_cell=2)
    core.score_scores(assessment=assessment)
    cells_before = CellTally.objects.filter(assessment=assessment).count()
    groups_before = GroupTally.objects.filter(assessment=assessment).count()

    # Submitted with their sums written through the service for the first time (as the submit does).
    new = factories.make_responses(
        assessment=assessment, answers=_answers(rng, assessment, 1), team=teams[0], role=roles[1]
    )

    assert CellTally.objects.filter(assessment=assessment).count() == cells_before
    assert GroupTally.objects.filter(assessment=assessment).count() == groups_before
    refresh_response_sums(response_ids=[new[0].pk])  # written again (a backfill): the kept figures go
    assert CellTally.objects.filter(assessment=assessment).count() == cells_before - 1
    assert GroupTally.objects.filter(assessment=assessment).count() == 0
    assert core.score_scores(assessment=assessment) == _fresh(assessment)


def test_kept_figures_read_back_bit_for_bit():
    rng = random.Random(13)
    assessment, _teams, _roles = _filled(rng, per_cell=4)
    scorer = core._Scorer(assessment=assessment)
    factor_ids = tuple(f["id"] for f in scorer.factor_rows)
    shape = group_figures.Shape(
        factor_ids=factor_ids, subsets=tuple(lenses.subsets(factor_ids)), scale=(scorer.lo, scorer.hi)
    )
    core.score_scores(assessment=assessment)
    rows = dict(GroupTally.objects.filter(assessment=assessment).values_list("group", "payload"))
    organisation = group_figures.decode(bytes(rows[ORGANISATION]), shape=shape)
    assert sorted(organisation.factors) == sorted(factor_ids)
    assert sorted(organisation.complete) == sorted(factor_ids)  # Cronbach's alpha's sums: organisation only
    assert organisation.factors[factor_ids[0]].n == Response.objects.filter(assessment=assessment).count()
    for payload in rows.values():
        decoded = group_figures.decode(bytes(payload), shape=shape)
        assert group_figures.encode(decoded, shape=shape) == bytes(payload)
    assert len(organisation.lenses) == 3 * 2 + 4  # each factor's two layers and the four SERVQUAL gaps
    assert all(
        not group_figures.decode(bytes(p), shape=shape).complete for key, p in rows.items() if key != ORGANISATION
    )


def test_a_group_computed_from_a_cell_that_changes_meanwhile_is_not_kept(monkeypatch):
    rng = random.Random(14)
    assessment, teams, roles = _org()
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 3), team=teams[0], role=roles[0])
    factories.make_responses(assessment=assessment, answers=_answers(rng, assessment, 3), team=teams[1], role=roles[0])
    real = submit_while_folding(monkeypatch, rng, team=teams[0], role=roles[0])
    core.score_scores(assessment=assessment)

    kept = set(GroupTally.objects.filter(assessment=assessment).values_list("group", flat=True))
    # Team 0's cell changed while it was folded: no group that holds it is kept; team 1's are, and the groups
    # without respondents (team 2, the staff role).
    assert kept == {
        team_key(teams[1].public_id),
        team_role_key(teams[1].public_id, roles[0].public_id),
        team_key(teams[2].public_id),
        role_key(roles[1].public_id),
        "staff",
    }
    monkeypatch.setattr(cells, "_fold_again", real)
    assert core.score_scores(assessment=assessment) == _fresh(assessment)


def test_a_group_the_layout_no_longer_has_is_dropped():
    rng = random.Random(15)
    assessment, teams, roles = _filled(rng, per_cell=2)
    core.score_scores(assessment=assessment)
    gone = team_key(teams[2].public_id)
    assert GroupTally.objects.filter(assessment=assessment, group=gone).exists()
    teams[2].delete()  # its responses keep counting, without a team

    result = core.score_scores(assessment=assessment)

    kept = set(GroupTally.objects.filter(assessment=assessment).values_list("group", flat=True))
    assert gone not in kept
    assert team_key(teams[0].public_id) in kept
    assert kept == {group.group.key for group in (*result.teams, *result.roles, *result.team_roles)} | {
        ORGANISATION,
        "management",
        "staff",
    }


def test_the_hider_answers_as_hidden_groups_and_remembers():
    structure = {
        "partitions": [("org", ["a", "b", "c"]), ("a", ["a1", "a2"])],
        "nested": [("org", "a"), ("a", "a1"), ("a", "a2")],
        "identical": [{"b", "b1"}],
    }
    hider = Hider(keys=["org", "a", "b", "c", "a1", "a2", "b1"], **structure)
    for counts, threshold, already in [
        ({"org": 20, "a": 12, "b": 4, "c": 4, "a1": 6, "a2": 6, "b1": 4}, 5, set()),
        ({"org": 20, "a": 12, "b": 6, "c": 2, "a1": 9, "a2": 3, "b1": 6}, 5, {"a1"}),
        ({"org": 20, "a": 12, "b": 6, "c": 2, "a1": 9, "a2": 3, "b1": 6}, 3, set()),
    ]:
        expected = hidden_groups(counts=counts, threshold=threshold, already_hidden=already, **structure)
        assert hider.hidden(counts=counts, threshold=threshold, already_hidden=already) == expected
        answer = hider.hidden(counts=counts, threshold=threshold, already_hidden=already)
        answer.add("changed by a caller")  # a new set each time: the remembered answer stays as it was
        assert hider.hidden(counts=counts, threshold=threshold, already_hidden=already) == expected
    assert len(hider._answers) == 3


def test_a_result_pickles_by_position_and_back_equal():
    rng = random.Random(16)
    assessment, _teams, _roles = _filled(rng)
    result = core.score_scores(assessment=assessment)
    assert pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) == result  # noqa: S301 (our own bytes)
    assert b"suppressed_reason" not in pickle.dumps(result.organisation.factors[0])  # no field names stored
