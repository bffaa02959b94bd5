"""The margin of error (assessments/scoring/statistics.py) against simple references: it narrows as
respondents grow, never exceeds the scale's bound, covers the true mean at its nominal rate on simulated
data (fixed seeds, a tolerance), and a change is called meaningful at the nominal false-alarm rate."""

import math
import random
import statistics as py_statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import statistics
from assessments.scoring.statistics import Moments

# Student's t, two-sided 95%, from a printed table (for the reference).
T_TABLE = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228}
T_TABLE |= {12: 2.179, 15: 2.131, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}

answers = st.lists(st.floats(min_value=1, max_value=5, allow_nan=False), min_size=2, max_size=60)


def reference_margin(values):
    """The textbook interval: t(n-1) x sample sd / sqrt(n), with Python's own stdev (t: checked against
    the printed table below)."""
    n = len(values)
    return statistics.t_quantile_95(n - 1) * py_statistics.stdev(values) / math.sqrt(n)


@pytest.mark.parametrize(("df", "t"), sorted(T_TABLE.items()))
def test_t_matches_the_printed_table(df, t):
    assert statistics.t_quantile_95(df) == pytest.approx(t, abs=0.001)


@given(answers)
def test_the_margin_is_the_textbook_interval_from_n_sum_and_sum_of_squares(values):
    moments = Moments(n=len(values), total=math.fsum(values), total_sq=math.fsum(v * v for v in values))
    assert moments == Moments.of(values)
    # abs: a variance from sums loses its last digits when every value is (nearly) the same: at most about
    # 1e-7 on the answer scale, a millionth of a displayed point.
    assert statistics.mean_margin(moments) == pytest.approx(reference_margin(values), rel=1e-6, abs=1e-6)


@given(answers)
def test_the_margin_narrows_as_respondents_grow(values):
    """The same answers given by twice as many people: the same spread, a narrower interval."""
    once, twice = statistics.mean_margin(Moments.of(values)), statistics.mean_margin(Moments.of(values * 2))
    assert twice <= once
    if py_statistics.stdev(values) > 1e-6:
        assert twice < once


@given(st.integers(min_value=2, max_value=5000))
def test_the_bound_narrows_as_respondents_grow(n):
    wide = statistics.bounded_margin(n, scale_min=1, scale_max=5)
    narrow = statistics.bounded_margin(n + 1, scale_min=1, scale_max=5)
    assert narrow < wide


@given(answers)
def test_the_spread_margin_never_exceeds_the_bound(values):
    """The bound used where the spread is hidden is truly the widest a group of that size can have."""
    margin = statistics.mean_margin(Moments.of(values))
    assert margin <= statistics.bounded_margin(len(values), scale_min=1, scale_max=5) + 1e-9


@given(answers, st.booleans())
def test_the_score_margin_is_on_0_100_and_says_its_basis(values, spread_shown):
    margin, basis = statistics.score_margin(Moments.of(values), scale_min=1, scale_max=5, spread_shown=spread_shown)
    moments = Moments.of(values)
    expected = (
        statistics.mean_margin(moments)
        if spread_shown
        else statistics.bounded_margin(len(values), scale_min=1, scale_max=5)
    )
    assert margin == pytest.approx(expected / 4 * 100)
    assert basis == ("spread" if spread_shown else "bound")


def test_fewer_than_two_values_have_no_margin():
    assert statistics.mean_margin(Moments.of([3.0])) is None
    assert statistics.score_margin(Moments.of([3.0]), scale_min=1, scale_max=5, spread_shown=True) == (None, None)
    assert statistics.bounded_margin(1, scale_min=1, scale_max=5) is None


@given(st.lists(st.floats(min_value=0, max_value=30, allow_nan=False), min_size=1, max_size=10))
def test_the_margin_of_a_mean_of_scores_is_the_mean_of_their_margins(margins):
    assert statistics.mean_of_margins(margins) == pytest.approx(sum(margins) / len(margins))
    assert statistics.mean_of_margins([*margins, None]) is None


# -------------------------------------------------------------------------------------------- simulation
POINTS = (1, 2, 3, 4, 5)
WEIGHTS = (0.1, 0.15, 0.3, 0.3, 0.15)  # a skewed answer distribution on the 1..5 scale
TRUE_MEAN = sum(p * w for p, w in zip(POINTS, WEIGHTS, strict=True))
TRIALS = 4000


@pytest.mark.parametrize("n", [5, 12, 40])
def test_the_interval_covers_the_true_mean_at_its_nominal_rate(n):
    rng = random.Random(20261206 + n)
    covered = 0
    for _ in range(TRIALS):
        values = rng.choices(POINTS, WEIGHTS, k=n)
        moments = Moments.of(values)
        margin = statistics.mean_margin(moments) or 0.0
        covered += abs(moments.total / n - TRUE_MEAN) <= margin
    # 95% nominal; a t-interval on 5-point answers is close to it from 5 respondents on. The tolerance is
    # 3 binomial standard errors (0.01 at 4000 trials) plus the t-interval's own small-sample departure.
    assert covered / TRIALS == pytest.approx(0.95, abs=0.02)


@pytest.mark.parametrize("n", [5, 12, 40])
def test_the_bound_covers_at_least_its_nominal_rate(n):
    rng = random.Random(7 + n)
    covered = 0
    for _ in range(TRIALS):
        values = rng.choices(POINTS, WEIGHTS, k=n)
        margin = statistics.bounded_margin(n, scale_min=1, scale_max=5)
        covered += abs(sum(values) / n - TRUE_MEAN) <= margin
    assert covered / TRIALS >= 0.95


def test_an_unchanged_organisation_shows_a_meaningful_change_at_most_at_the_nominal_rate():
    """Two rounds drawn from the same answers: a change beyond the margin is a false alarm (about 5%)."""
    rng = random.Random(42)
    alarms = 0
    for _ in range(TRIALS):
        a, b = rng.choices(POINTS, WEIGHTS, k=30), rng.choices(POINTS, WEIGHTS, k=25)
        ma, mb = statistics.mean_margin(Moments.of(a)), statistics.mean_margin(Moments.of(b))
        change = sum(b) / 25 - sum(a) / 30
        alarms += bool(statistics.meaningful(change, statistics.difference_margin(ma, mb)))
    assert alarms / TRIALS == pytest.approx(0.05, abs=0.02)


def test_a_real_change_of_most_of_a_point_is_found_in_most_rounds():
    """Everyone one answer higher (capped at 5: 0.85 scale points, 21 on 0-100) with 60 people per round."""
    rng = random.Random(3)
    found = 0
    for _ in range(500):
        a = rng.choices(POINTS, WEIGHTS, k=60)
        b = [min(5, v + 1) for v in rng.choices(POINTS, WEIGHTS, k=60)]
        ma, mb = statistics.mean_margin(Moments.of(a)), statistics.mean_margin(Moments.of(b))
        found += bool(statistics.meaningful(sum(b) / 60 - sum(a) / 60, statistics.difference_margin(ma, mb)))
    assert found / 500 > 0.9


@pytest.mark.parametrize(("p", "n"), [(0.3, 40), (0.1, 25), (0.5, 12)])
def test_the_wilson_interval_covers_a_share_at_about_its_nominal_rate(p, n):
    rng = random.Random(int(p * 1000) + n)
    covered = 0
    for _ in range(TRIALS):
        hits = sum(rng.random() < p for _ in range(n))
        low, high = statistics.wilson(hits, n)
        covered += low <= p <= high
    assert covered / TRIALS == pytest.approx(0.95, abs=0.03)


@given(st.integers(min_value=1, max_value=500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_wilson_interval_holds_the_share_and_stays_in_0_1(case):
    hits, n = case
    low, high = statistics.wilson(hits, n)
    assert 0 <= low <= hits / n <= high <= 1


@pytest.mark.parametrize(
    ("hits", "n", "expected"), [(81, 263, (0.2553, 0.3662)), (15, 148, (0.0624, 0.1605)), (0, 20, (0.0, 0.1611))]
)
def test_the_wilson_interval_matches_newcombes_worked_examples(hits, n, expected):
    """Newcombe (1998), Statistics in Medicine 17:857-872, table II, method 3 (Wilson, no continuity correction)."""
    low, high = statistics.wilson(hits, n)
    assert (round(low, 4), round(high, 4)) == expected
