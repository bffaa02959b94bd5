"""Statistics over a tally of respondents' values ({value: how many respondents}), bit for bit what
`statistics` gives over the list the tally counts.

Why tallies (issue 26: scoring whose cost grows like its data). A respondent's factor score is a mean of a
few answers on a short scale, so a group of any size holds only a few dozen distinct values: the figures a
group shows (mean, median, population sd, distribution over scale points, the margin's moments) depend on
the distinct values and their counts, not on one float per respondent. Each cell's list is tallied once in
C (`Counter(list)`), groups add their cells' tallies, and every figure is computed over the distinct
values, so the per-group work stops growing with the respondents.

Chosen over the brief's alternatives, measured on a 10,000-respondent organisation (bench.data) on the
shared 2-core machine, against the plain GROUP BY over its 500,000 answers:
- the tallies by a GROUP BY in SQL (cell, factor, measure, n, value), summed in both databases alike: a
  response's stored row carries eight measures (score, ambition, basics, 9+, four SERVQUAL gaps) whose
  joint values are nearly unique (66,310 distinct of 80,000 rows), so SQL must unpivot them and group
  32,135 (cell, measure, value) rows; that query alone took 8x the plain GROUP BY on PostgreSQL (planned
  as one join per measure) and, as a materialized CTE with one GROUP BY per measure, still 4-5x on
  PostgreSQL and 2-3x on SQLite: more than reading the 80,000 stored rows, before any Python;
- running aggregates per (cell, factor, measure, value) written at submit: the read shrinks to the
  tallies, but every submit, re-submit, exclusion, role change and backfill would have to move a
  respondent between tallies under concurrent writes (more rows locked per save, the saves bench).
  Kept tallies per cell, folded again on read when the cell's responses changed (scoring/cells.py), give
  the same read without a write on the respondent's path; Cronbach's alpha keeps exact sums per cell.
So the stored per-response rows are read once per cell and folded (fold.collect), the cells' tallies are
kept (scoring/cells.py), and everything after the fold works on distinct values: what grows with the
respondents is the fold of a changed cell, no longer the statistics of every group (which had summed each
group's full list in exact fractions for the population sd, and again with fsum for the margin and each lens).
Groups add their cells' exact sums (`exact`) for their means and margins, and merge tallies only where a
figure needs the distinct values (median, spread, distribution).
Exactness: sums are exact (integer numerators over a common power-of-two denominator, as `math.fsum`
and `statistics._sum` are exact), then rounded once, as those functions round.
"""

import statistics
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from fractions import Fraction
from itertools import accumulate
from operator import mul

from assessments.scoring.statistics import Moments

Tally = Mapping[float, int]


def of(values: Iterable[float]) -> Counter[float]:
    """The tally of a list of values (counted in C)."""
    return Counter(values)


def add(into: dict[float, int], tally: Tally) -> None:
    """Add a tally's counts into another."""
    get = into.get
    for value, count in tally.items():
        into[value] = get(value, 0) + count


def size(tally: Tally) -> int:
    return sum(tally.values())


# Every finite float is an integer multiple of 2**-1074, so each value's exact multiple of that unit is an
# int and a sum of count x value is exact in int arithmetic, one rounding at the end (int / int rounds
# correctly, as fsum does). The same few dozen values come back in every group and lens: each is scaled once.
_UNIT_BITS = 1074
_UNIT = 1 << _UNIT_BITS


class _Scaled(dict[float, int]):
    """value -> value / 2**-1074 (an exact int), computed on first use."""

    def __missing__(self, value: float) -> int:
        if len(self) > 100_000:  # a bound, never reached by means of a few answers on a short scale
            self.clear()
        p, q = value.as_integer_ratio()  # q is a power of two
        scaled = self[value] = p << (_UNIT_BITS - q.bit_length() + 1)
        return scaled


class _ScaledSquares(dict[float, int]):
    """value -> (value * value, rounded as Python rounds it) / 2**-1074."""

    def __missing__(self, value: float) -> int:
        if len(self) > 100_000:
            self.clear()
        scaled = self[value] = _SCALED[value * value]
        return scaled


_SCALED, _SCALED_SQUARES = _Scaled(), _ScaledSquares()


def total(tally: Tally) -> float:
    """math.fsum of the values: their exact sum, rounded once."""
    return exact(tally)[1] / _UNIT


def mean(tally: Tally) -> float:
    """statistics.fmean of the values (fsum / n)."""
    n = size(tally)
    if not n:
        raise statistics.StatisticsError("fmean requires at least one data point")
    return total(tally) / n


def moments(tally: Tally) -> Moments:
    """Moments.of the values: n, fsum of the values, fsum of their (rounded) squares."""
    return moments_of(exact(tally))


# A tally's count and its values' exact sum and sum of (rounded) squares, as ints in units of 2**-1074: the
# sums of a union of tallies are the sums of their sums, so a group's moments need no merged tally.
Exact = tuple[int, int, int]
NO_VALUES: Exact = (0, 0, 0)


def exact(tally: Tally) -> Exact:
    """(n, exact sum, exact sum of squares) of the values, unrounded (see moments)."""
    counts = tally.values()
    return (
        sum(counts),
        sum(map(mul, map(_SCALED.__getitem__, tally.keys()), counts)),
        sum(map(mul, map(_SCALED_SQUARES.__getitem__, tally.keys()), counts)),
    )


def moments_of(sums: Exact) -> Moments:
    """moments() of the values whose exact sums these are: each sum rounded once, as fsum rounds it."""
    return Moments(n=sums[0], total=sums[1] / _UNIT, total_sq=sums[2] / _UNIT)


def _sorted(tally: Tally) -> tuple[list[float], list[int]]:
    """The distinct values in order and the running count of values up to and including each."""
    values = sorted(tally)
    return values, list(accumulate(tally[v] for v in values))


def median(tally: Tally) -> float:
    """statistics.median of the values: the middle one; of an even count the mean of the two middle ones."""
    values, running = _sorted(tally)
    n = running[-1] if running else 0
    if not n:
        raise statistics.StatisticsError("no median for empty data")

    def at(index: int) -> float:  # the index-th value (0-based) of the sorted list
        return values[bisect_left(running, index + 1)]

    if n % 2 == 1:
        return float(at(n // 2))
    return float((at(n // 2 - 1) + at(n // 2)) / 2)


def pstdev(tally: Tally, centre: float) -> float:
    """statistics.pstdev(values, centre): the square root of the exact mean of the (rounded) squared
    deviations, rounded once as statistics does it."""
    n = size(tally)
    if n < 1:
        raise statistics.StatisticsError("pstdev requires at least one data point")
    squares = [(d := value - centre) * d for value in tally]
    numerator: int = sum(map(mul, map(_SCALED.__getitem__, squares), tally.values()))
    mss = Fraction(numerator, _UNIT) / n
    # The same rounding step statistics.pstdev ends with (CPython 3.11+).
    return float(statistics._float_sqrt_of_frac(mss.numerator, mss.denominator))  # type: ignore[attr-defined]


def distribution(tally: Tally, *, scale_min: int, scale_max: int) -> tuple[int, ...]:
    """statistics.distribution of the values: counts rounded half up to the nearest scale point."""
    values, running = _sorted(tally)
    below = [0, *running]  # below[i]: how many values come before values[i]
    edges = [below[bisect_left(values, point + 0.5)] for point in range(scale_min, scale_max)]
    edges = [0, *edges, below[-1]]
    return tuple(edges[i + 1] - edges[i] for i in range(scale_max - scale_min + 1))
