"""The margin of error never shows for a hidden group, and never reveals a spread the rules hide: its
width comes from the respondents' spread only where that spread (sd) is shown; elsewhere it depends on
the count alone."""

import random

import pytest

from assessments.results import wording
from assessments.scoring import score_assessment, statistics
from tests import factories

pytestmark = pytest.mark.django_db


def _answers(n, seed, *, per_factor=False):
    rng = random.Random(seed)
    codes = [f"f{i}s{j}" for i in (1, 2) for j in (1, 2, 3, 4)]
    return [{code: rng.choice((1, 2, 3, 4, 5)) for code in codes} for _ in range(n)]


def _scan(org, sizes, *, seed=1, threshold_spread=5, per_factor=False):
    version = factories.make_model_version(code=f"margin{seed}", factors=2, statements=4, per_factor=per_factor)
    teams = {name: factories.make_team(organisation=org, name=name) for name in sizes}
    assessment = factories.make_assessment(
        organisation=org,
        model_version=version,
        teams=list(teams.values()),
        threshold_scores=5,
        threshold_spread=threshold_spread,
    )
    for i, (name, n) in enumerate(sizes.items()):
        factories.make_responses(assessment=assessment, answers=_answers(n, seed * 100 + i), team=teams[name])
    return score_assessment(assessment=assessment)


def _lens_scores(result):
    for lenses in result.lenses:
        yield lenses.basis
        yield lenses.nine_plus
        yield from lenses.servqual
        for layers in lenses.factors:
            yield layers.basis
            yield layers.nine_plus


def _assert_no_margin_where_hidden(result):
    for group in result.groups():
        if group.suppressed or group.index is None:
            assert group.index_margin is None, group.group.key
        else:
            assert group.index_margin is not None
        for stats in group.factors:
            if stats.suppressed:
                assert (stats.margin, stats.margin_basis) == (None, None), (group.group.key, stats.factor_code)
            else:
                assert stats.margin is not None
                # The margin is built on the spread exactly where the spread itself is shown.
                assert stats.margin_basis == ("spread" if stats.sd is not None else "bound")
    for lens in _lens_scores(result):
        if lens.suppressed:
            assert (lens.margin, lens.margin_basis) == (None, None)


def test_no_margin_for_a_group_hidden_for_its_size_or_against_subtraction(org_a):
    result = _scan(org_a, {"Alpha": 3, "Beta": 6, "Gamma": 7})
    teams = {t.group.name_en: t for t in result.teams}
    assert (teams["Alpha"].suppressed_reason, teams["Beta"].suppressed_reason) == ("threshold", "differencing")
    for name in ("Alpha", "Beta"):
        assert teams[name].index_margin is None
        assert [f.margin for f in teams[name].factors] == [None, None]
    assert teams["Gamma"].index_margin is not None
    _assert_no_margin_where_hidden(result)
    # Nor in the API's JSON.
    data = wording.result_json(result)
    hidden = [t for t in data["teams"] if t["suppressed"]]
    assert {(f["margin"], f["margin_basis"]) for t in hidden for f in t["factors"]} == {(None, None)}
    assert {t["index_margin"] for t in hidden} == {None}


def test_a_team_whose_spread_is_hidden_gets_the_bound_which_depends_on_its_count_only(org_a, org_b):
    """Below the spread threshold the margin is the scale's bound: two teams of 7 with different answers
    show the same margin, so it tells nothing about how they answered."""
    first = _scan(org_a, {"Gamma": 7, "Delta": 9}, seed=1, threshold_spread=10)
    second = _scan(org_b, {"Gamma": 7, "Delta": 9}, seed=2, threshold_spread=10)
    bound = statistics.bounded_margin(7, scale_min=1, scale_max=5) / 4 * 100
    for result in (first, second):
        gamma = next(t for t in result.teams if t.group.name_en == "Gamma")
        assert [(f.sd, f.margin_basis) for f in gamma.factors] == [(None, "bound")] * 2
        assert [f.margin for f in gamma.factors] == [pytest.approx(bound)] * 2
        # The organisation (16 >= 10) shows its spread, so its margin comes from it.
        assert {f.margin_basis for f in result.organisation.factors} == {"spread"}
        _assert_no_margin_where_hidden(result)
    assert [f.score for f in first.organisation.factors] != [f.score for f in second.organisation.factors]


def test_lenses_have_no_margin_where_hidden_and_their_own_where_shown(org_a):
    result = _scan(org_a, {"Alpha": 3, "Beta": 6, "Gamma": 7}, per_factor=True)
    assert result.lenses
    _assert_no_margin_where_hidden(result)
    organisation = result.lenses_for("organisation")
    assert organisation.basis.margin is not None
    factor_margins = [layers.basis.margin for layers in organisation.factors]
    assert organisation.basis.margin == pytest.approx(sum(factor_margins) / len(factor_margins))


@pytest.mark.parametrize("seed", range(4))
def test_margins_follow_the_rules_in_random_team_layouts(org_a, seed):
    rng = random.Random(seed)
    sizes = {f"Team {i}": rng.randint(1, 12) for i in range(rng.randint(1, 4))}
    result = _scan(org_a, sizes, seed=seed + 10, threshold_spread=rng.choice((5, 8)))
    _assert_no_margin_where_hidden(result)
