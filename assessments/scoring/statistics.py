"""Plain statistics over respondents' factor scores (a handful of floats per group, never answers).

Mean, median and standard deviation are Python's `statistics`; this module keeps only what it lacks:
the 0-100 score, the consensus, the distribution over scale points, levels and Cronbach's alpha.
"""

import math
import statistics
from bisect import bisect_left
from collections.abc import Iterable, Sequence

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
    total_var = statistics.pvariance(total_sums)
    if total_var <= 0:
        return None
    item_var = math.fsum(sq / count - (s / count) ** 2 for count, s, sq in item_stats)
    return statements / (statements - 1) * (1 - item_var / total_var)


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
