"""Plain statistics over respondents' factor scores (a handful of floats per group, never answers).

Mean, median and standard deviation are Python's `statistics`; this module keeps only what it lacks:
the 0-100 score, the consensus, the distribution over scale points, levels, Cronbach's alpha and the
margin of error (95% intervals: mean_margin, score_margin, mean_of_margins, difference_margin, wilson).
"""

import math
import statistics
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

ALPHA_MIN_RESPONDENTS = 10
ALPHA_MIN_STATEMENTS = 2
# Scores are floats from a division; compare with level thresholds after rounding away float noise
# (34.99999999997 must reach a level that starts at 35).
_LEVEL_PRECISION = 6


# fmean: an exact (fsum) total divided by n, whatever the order of the values.
mean = statistics.fmean


def median(values: Iterable[float]) -> float:
    """The middle value; of an even count, the mean of the two middle values."""
    return float(statistics.median(values))


def population_sd(values: Iterable[float], centre: float | None) -> float:
    """Population standard deviation (divide by n) around the given mean."""
    return statistics.pstdev(values, centre)


def consensus(sd: float, *, scale_min: int, scale_max: int) -> float:
    """100 * (1 - sd / largest possible population sd on the scale); 100 = full agreement."""
    sd_max = (scale_max - scale_min) / 2
    return max(0.0, 100 * (1 - sd / sd_max))


def distribution(sorted_values: Sequence[float], *, scale_min: int, scale_max: int) -> tuple[int, ...]:
    """Counts of respondent factor scores rounded half up to the nearest scale point (values sorted)."""
    # Point k takes the values in [k - 0.5, k + 0.5); the end points also take anything beyond.
    edges = [bisect_left(sorted_values, point + 0.5) for point in range(scale_min, scale_max)]
    edges = [0, *edges, len(sorted_values)]
    return tuple(edges[i + 1] - edges[i] for i in range(scale_max - scale_min + 1))


def to_score(mean_value: float, *, scale_min: int, scale_max: int) -> float:
    return (mean_value - scale_min) / (scale_max - scale_min) * 100


def level_for(score: float, levels: Iterable[tuple[str, float]]) -> str | None:
    """The highest level whose min_score the score reaches; levels are (code, min_score) pairs."""
    found = None
    rounded = round(score, _LEVEL_PRECISION)
    for code, min_score in sorted(levels, key=lambda item: item[1]):
        if rounded >= min_score:
            found = code
    return found


def cronbach_alpha(
    *, statements: int, item_stats: Iterable[tuple[int, float, float]], total_sums: Sequence[float]
) -> float | None:
    """Cronbach's alpha from complete cases.

    item_stats: per statement (count, sum, sum of squares) over the complete cases;
    total_sums: each complete case's unweighted sum over the factor's statements.
    Population variances throughout (the n/(n-1) factors cancel out in the ratio).
    """
    n = len(total_sums)
    if statements < ALPHA_MIN_STATEMENTS or n < ALPHA_MIN_RESPONDENTS:
        return None
    return alpha_of(statements=statements, item_stats=item_stats, total_variance=statistics.pvariance(total_sums))


def alpha_of(*, statements: int, item_stats: Iterable[tuple[int, float, float]], total_variance: float) -> float | None:
    """Cronbach's alpha from the statements' (count, sum, sum of squares) and the population variance of
    the complete cases' totals (at least ALPHA_MIN_RESPONDENTS cases, ALPHA_MIN_STATEMENTS statements)."""
    if total_variance <= 0:
        return None
    item_var = math.fsum(sq / count - (s / count) ** 2 for count, s, sq in item_stats)
    return statements / (statements - 1) * (1 - item_var / total_variance)


# The top level's customer condition: where customers gave a share of 9s and 10s (the customer check's
# figures shown, or an imported period with its grade distribution), at least this % of them must give a
# 9 or 10: a 9+ organisation earns most of its grades in the loyal band.
CUSTOMERS_NINE_PLUS_MIN = 50.0


def phase_for(
    index: float,
    levels: Iterable[tuple[str, float]],
    *,
    layered: bool,
    nine_plus: float | None,
    customers_nine_plus: float | None = None,
) -> str | None:
    """The organisation's level (phase): the level of the index, except that the top level also needs
    the 9+ layer at least the top level's min_score and, where customers gave a share of 9s and 10s,
    that share at least CUSTOMERS_NINE_PLUS_MIN; otherwise it is the level below. layered: the model
    tags 9+ statements (without tags the 9+ layer does not apply); nine_plus: the group's overall 9+
    layer score, None when hidden (a hidden layer cannot show the top level is reached);
    customers_nine_plus: the customers' share of 9s and 10s (0-100), None without a shown share."""
    ordered = sorted(levels, key=lambda item: item[1])
    found = level_for(index, ordered)
    if len(ordered) < 2 or found != ordered[-1][0]:
        return found
    top_min = ordered[-1][1]
    layer_ok = not layered or (nine_plus is not None and round(nine_plus, _LEVEL_PRECISION) >= top_min)
    customers_ok = (
        customers_nine_plus is None or round(customers_nine_plus, _LEVEL_PRECISION) >= CUSTOMERS_NINE_PLUS_MIN
    )
    return found if layer_ok and customers_ok else ordered[-2][0]


# --- The margin of error ------------------------------------------------------------------------------
# One place for every interval a reader sees (the "how we score" page explains it in words):
# - a mean of respondents' scores (a factor score, a basics or 9+ layer, a SERVQUAL gap, the customers'
#   grade mean): the 95% t-interval mean ± t(n-1) x s / sqrt(n), s the sample standard deviation (divide
#   by n - 1), from the group's n, sum and sum of squares only (Moments), so a SQL aggregate can feed it;
# - where the group's spread may not be shown (fewer respondents than threshold_spread, or hidden against
#   subtraction) the same formula with the largest s the bounded scale allows, (max - min) / 2 x
#   sqrt(n / (n - 1)): a wider, honest interval that depends on nothing but n, which is shown anyway;
# - a mean of several such scores (the index, the overall basics and 9+ layers): the mean of their margins,
#   an upper bound whatever the correlation between the factors (the sd of a sum is at most the sum of the sds);
# - a change between two rounds: sqrt(a² + b²) of the two margins (independent samples; people who answered
#   both rounds only make the true margin smaller), and a change is meaningful only when it is larger;
# - a share (9s and 10s, 7 or higher, agree): the Wilson score interval, which stays inside 0..100.

CONFIDENCE = 0.95
Z_95 = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.959963984540054
# Student's t, two-sided 95%, for 1..4 degrees of freedom; from 5 on the Cornish-Fisher expansion below
# is within 0.001 of the exact quantile.
_T_SMALL = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 4: 2.776445105}
SPREAD = "spread"  # margin_basis: from the respondents' own spread
BOUND = "bound"  # margin_basis: from the widest spread the scale allows (the spread itself is not shown)


def t_quantile_95(df: int) -> float:
    """The two-sided 95% quantile of Student's t with `df` degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError("t needs at least one degree of freedom")
    if df in _T_SMALL:
        return _T_SMALL[df]
    z, v = Z_95, float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
    )


@dataclass(frozen=True)
class Moments:
    """What an interval needs of a group's respondent values: their count, sum and sum of squares."""

    n: int
    total: float
    total_sq: float

    @classmethod
    def of(cls, values: Iterable[float]) -> "Moments":
        listed = list(values)
        return cls(n=len(listed), total=math.fsum(listed), total_sq=math.fsum(v * v for v in listed))

    def sample_sd(self) -> float | None:
        """The sample standard deviation (divide by n - 1); None below two values."""
        if self.n < 2:
            return None
        variance = (self.total_sq - self.total * self.total / self.n) / (self.n - 1)
        return math.sqrt(max(0.0, variance))  # float noise can make a zero variance slightly negative


def mean_margin(moments: Moments) -> float | None:
    """Half the width of the 95% interval of the mean, on the values' own scale; None below two values."""
    sd = moments.sample_sd()
    if sd is None:
        return None
    return t_quantile_95(moments.n - 1) * sd / math.sqrt(moments.n)


def bounded_margin(n: int, *, scale_min: float, scale_max: float) -> float | None:
    """The widest 95% margin a mean of n values on the scale can have (no value's spread needed):
    t(n-1) x (max - min) / 2 / sqrt(n - 1); None below two values."""
    if n < 2:
        return None
    return t_quantile_95(n - 1) * (scale_max - scale_min) / 2 / math.sqrt(n - 1)


def score_margin(
    moments: Moments, *, scale_min: int, scale_max: int, spread_shown: bool
) -> tuple[float | None, str | None]:
    """(margin on 0-100, basis) of a score whose respondent values are on the answer scale: from their
    spread when it may be shown (basis "spread"), else the scale's bound ("bound"); (None, None) below two."""
    if spread_shown:
        margin, basis = mean_margin(moments), SPREAD
    else:
        margin, basis = bounded_margin(moments.n, scale_min=scale_min, scale_max=scale_max), BOUND
    if margin is None:
        return None, None
    return margin / (scale_max - scale_min) * 100, basis


def mean_of_margins(margins: Sequence[float | None]) -> float | None:
    """The margin of a mean of several scores: the mean of their margins (None if any is missing)."""
    if not margins or any(m is None for m in margins):
        return None
    return math.fsum(m for m in margins if m is not None) / len(margins)


def difference_margin(a: float | None, b: float | None) -> float | None:
    """The margin of a difference between two independent scores: sqrt(a² + b²)."""
    return None if a is None or b is None else math.hypot(a, b)


def meaningful(change: float | None, margin: float | None) -> bool | None:
    """A change is meaningful when it is larger than its margin; None when either is unknown."""
    if change is None or margin is None:
        return None
    return abs(change) > margin


def wilson(hits: int, n: int) -> tuple[float, float] | None:
    """The 95% Wilson score interval of a share hits / n, as (low, high) in 0..1; None without values."""
    if n <= 0:
        return None
    p, z2 = hits / n, Z_95 * Z_95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0 of n (n of n) the lower (upper) end is exactly 0 (1); float noise would leave 1e-17.
    low = 0.0 if hits == 0 else max(0.0, centre - half)
    high = 1.0 if hits == n else min(1.0, centre + half)
    return low, high
