"""Property tests: every figure over a tally is bit for bit the same as Python's `statistics` over the
list the tally counts (see scoring.tally), so scoring from tallies changes no byte of any result."""

import math
import statistics as py
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import statistics, tally

# Realistic values: weighted means of a few answers on a short scale (many repeats, awkward binary fractions)...
means = st.builds(
    lambda answers, weights: (
        math.fsum(a * w for a, w in zip(answers, weights, strict=False)) / math.fsum(weights[: len(answers)])
    ),
    st.lists(st.integers(1, 10), min_size=1, max_size=6),
    st.lists(st.sampled_from([0.5, 1.0, 1.25, 2.0, 3.0, 0.1, 0.7]), min_size=6, max_size=6),
)
# ... and any finite floats of a sensible size, where rounding differs most.
anything = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
value_lists = st.one_of(st.lists(means, min_size=1, max_size=300), st.lists(anything, min_size=1, max_size=60))


def same(a: float, b: float) -> bool:
    """Equal as floats, and of the same type (a float, never an int or a Fraction)."""
    return type(a) is type(b) and a == b


@given(value_lists)
def test_mean_total_and_moments_are_exact(values):
    counted = tally.of(values)
    assert tally.size(counted) == len(values)
    assert same(tally.total(counted), math.fsum(values))
    assert same(tally.mean(counted), statistics.mean(values))
    assert tally.moments(counted) == statistics.Moments.of(values)
    if values:  # the group's mean as scoring takes it: the moments' total over n
        moments = tally.moments_of(tally.exact(counted))
        assert same(moments.total / moments.n, statistics.mean(values))


@given(value_lists)
def test_median_sd_and_distribution_are_exact(values):
    counted = tally.of(values)
    assert same(tally.median(counted), statistics.median(values))
    centre = statistics.mean(values)
    assert same(tally.pstdev(counted, centre), statistics.population_sd(values, centre))
    assert tally.distribution(counted, scale_min=1, scale_max=10) == statistics.distribution(
        sorted(values), scale_min=1, scale_max=10
    )


@given(st.lists(value_lists, min_size=1, max_size=5))
def test_adding_tallies_counts_the_joined_lists(parts):
    merged: Counter[float] = Counter()
    for part in parts:
        tally.add(merged, tally.of(part))
    joined = [v for part in parts for v in part]
    assert merged == Counter(joined)
    assert tally.moments(merged) == statistics.Moments.of(joined)
    assert same(tally.median(merged), py.median(joined))
    # Groups add their cells' exact sums instead of merging tallies: the same moments, bit for bit.
    sums = [tally.exact(tally.of(part)) for part in parts]
    added = (sum(s[0] for s in sums), sum(s[1] for s in sums), sum(s[2] for s in sums))
    assert tally.moments_of(added) == statistics.Moments.of(joined)


def test_empty_tallies_refuse_like_statistics():
    for figure in (tally.mean, tally.median, lambda t: tally.pstdev(t, 0.0)):
        with pytest.raises(py.StatisticsError):
            figure(Counter())
    assert tally.distribution(Counter(), scale_min=1, scale_max=5) == (0, 0, 0, 0, 0)
    assert tally.moments(Counter()) == statistics.Moments.of([])


@given(
    st.integers(2, 6).flatmap(
        lambda k: st.tuples(st.just(k), st.lists(st.lists(st.integers(1, 5), min_size=k, max_size=k), max_size=400))
    )
)
def test_alpha_from_tallied_patterns_is_exact(statements_and_cases):
    """summaries._item_moments over packed answers equals the per-case columns, fsum and pvariance."""
    from assessments.scoring.summaries import _item_moments

    statements, rows = statements_and_cases
    if not rows:
        return
    base = 6
    packed = [sum(d * base**j for j, d in enumerate(row)) for row in rows]
    columns = [[row[j] for row in rows] for j in range(statements)]
    expected_items = [(len(c), math.fsum(c), math.fsum(v * v for v in c)) for c in columns]
    expected_variance = py.pvariance([sum(row) for row in rows])
    items, variance = _item_moments(Counter(packed), statements=statements, scale_max=5)
    assert items == expected_items
    assert variance == expected_variance
    assert type(variance) is type(expected_variance)
    assert statistics.cronbach_alpha(
        statements=statements, item_stats=expected_items, total_sums=[sum(row) for row in rows]
    ) == (
        statistics.alpha_of(statements=statements, item_stats=items, total_variance=variance)
        if len(rows) >= statistics.ALPHA_MIN_RESPONDENTS
        else None
    )
