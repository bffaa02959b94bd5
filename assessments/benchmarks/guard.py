"""The publication rule of the benchmark: figures that no single organisation can move to reveal a peer.

The attack it stops: a consultant can create organisations, so with five peers and the median and quartiles
shown, four opted-in organisations of hers around one target (two low, two high) put the target's exact score
in the median; and switching one organisation of hers in and out (five peers, then six) moves the median from
one peer's value to the mean of two, which gives away the next value. The rule, in four parts:

1. **One owner, one value.** Organisations that share a person (assessments/benchmarks/owners.py) are one owner
   group; each group counts once, with the median of its organisations' scores. Shill organisations under one
   owner are therefore one value, however many there are.
2. **Never your own group.** An organisation is compared only with groups it is not part of, so a consultant
   never sees her own organisations among the peers of a client (nor of a shill).
3. **Enough owners.** A median needs MIN_OWNERS_MEDIAN independent owner groups, the quartiles
   MIN_OWNERS_QUARTILES (a quartile sits closer to the extremes, where a few values decide it).
4. **Stable steps only.** Each figure is published in whole steps of STEP points, and only when no single owner
   group joining, leaving or changing its score (to anything from 0 to 100) could move it to another step; a
   figure that one group could move is withheld. So toggling one organisation in or out (or adding a handful of
   shills under one owner, which are one group) leaves every published figure as it was, or withholds it: the
   attacker never sees a figure change because of one peer.

Why this rule and not a period freeze: freezing the peer set per quarter still lets the figures move at the
next quarter when one organisation changed, and would break the promise that leaving takes effect at once.
The check in part 4 is exact: for the inclusive quantiles, every one-group change keeps a figure between the
value with the highest group replaced by 0 and the value with the lowest replaced by 100 (adding or removing one
group stays within those two as well), so comparing the steps of those two values covers every such change.
The "where you stand" column is derived from your own score and the published figures only, so it tells
nothing the figures do not.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.scoring.rounding import display_round

STEP = 5  # published figures are whole multiples of this many points
MIN_OWNERS_MEDIAN = 5
MIN_OWNERS_QUARTILES = 10
LOWEST, HIGHEST = 0.0, 100.0  # the score scale: a changed group can be anywhere on it
QUARTILES = {"q1": 0.25, "median": 0.5, "q3": 0.75}


def quantile(values: Sequence[float], p: float) -> float:
    """The inclusive quantile (statistics.quantiles(method="inclusive")): position p * (n - 1), interpolated."""
    ordered = sorted(values)
    position = p * (len(ordered) - 1)
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


def to_step(value: float) -> int:
    """`value` to the nearest whole step, by the one rounding rule (halves away from zero)."""
    return display_round(value / STEP) * STEP


def published(values: Sequence[float], p: float) -> int | None:
    """The p-quantile of one value per owner group, in whole steps; None when one group could move it."""
    minimum = MIN_OWNERS_MEDIAN if p == 0.5 else MIN_OWNERS_QUARTILES
    if len(values) < minimum:
        return None
    ordered = sorted(values)
    lowest_possible = quantile([LOWEST, *ordered[:-1]], p)  # the highest group replaced by the lowest score
    highest_possible = quantile([*ordered[1:], HIGHEST], p)  # the lowest group replaced by the highest score
    step = to_step(lowest_possible)
    return step if to_step(highest_possible) == step else None


@dataclass(frozen=True)
class Figures:
    q1: int | None
    median: int | None
    q3: int | None
    position: str | None  # where the own score stands against the published figures (POSITIONS), or None


POSITIONS = (
    "below_q1",
    "below_median",
    "above_median",
    "above_q3",
    "between_quartiles",
    "above_q1",
    "below_q3",
)


def position(own: float | None, *, q1: int | None, median: int | None, q3: int | None) -> str | None:
    """Where `own` stands, from the published figures only (so it adds nothing to them). The own score is
    compared as it is shown (whole points, by the one rounding rule), so the words agree with the table."""
    if own is None or (q1 is None and median is None and q3 is None):
        return None
    shown = display_round(own)
    if q3 is not None and shown >= q3:
        return "above_q3"
    if q1 is not None and shown < q1:
        return "below_q1"
    if median is not None:
        return "above_median" if shown >= median else "below_median"
    if q1 is not None and q3 is not None:
        return "between_quartiles"
    return "above_q1" if q1 is not None else "below_q3"


def figures(own: float | None, values: Sequence[float]) -> Figures:
    """The published figures of one factor: `values` holds one value per independent owner group."""
    q1, median, q3 = (published(values, p) for p in QUARTILES.values())
    return Figures(q1=q1, median=median, q3=q3, position=position(own, q1=q1, median=median, q3=q3))
