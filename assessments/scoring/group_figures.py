"""One group's figures before anonymity: what scoring computes from the group's cells (fold.CellFigures) and
keeps per group (scoring/kept_groups.py), so a cold scoring computes only the groups whose cells changed.

Everything here depends on the group's respondents alone, never on the thresholds or on which other groups
are hidden: both margins are kept (from the respondents' spread and from the scale's bound), anonymity picks
one when the result is put together (score._factor_stats, lenses.compute). Figures derived by one cheap step
from these (score, consensus, level, gaps) are derived there, so they have one definition.
"""

from array import array
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from assessments.scoring import fold, statistics, tally
from assessments.scoring.fold import Subset
from assessments.scoring.queries import Cell

Margin = tuple[float | None, str | None]  # statistics.score_margin: (margin on 0-100, basis)


def _margin(*, spread: float | None, bound: float | None, spread_shown: bool) -> Margin:
    """What statistics.score_margin gives with or without the spread shown, from both margins."""
    if spread_shown:
        return (spread, statistics.SPREAD) if spread is not None else (None, None)
    return (bound, statistics.BOUND) if bound is not None else (None, None)


class FactorFigures(NamedTuple):
    """One factor in one group: its counts, and its figures wherever at least one respondent counts.
    (Named tuples: a cold scoring reads hundreds of these, and a tuple is made several times faster.)"""

    n: int
    ambition_n: int = 0
    dont_know: int = 0
    given: int = 0
    mean: float | None = None
    median: float | None = None
    sd: float | None = None  # population sd (statistics.pstdev)
    distribution: tuple[int, ...] | None = None
    spread_margin: float | None = None  # the score's margin from the respondents' spread
    bound_margin: float | None = None  # ... from the scale's bound (where the spread may not be shown)
    ambition_mean: float | None = None

    def margin(self, *, spread_shown: bool) -> Margin:
        return _margin(spread=self.spread_margin, bound=self.bound_margin, spread_shown=spread_shown)


class LensFigures(NamedTuple):
    """One lens subset in one group: how many count for it, the mean of their lens means and both margins."""

    n: int
    mean: float | None = None
    spread_margin: float | None = None
    bound_margin: float | None = None

    def margin(self, *, spread_shown: bool) -> Margin:
        return _margin(spread=self.spread_margin, bound=self.bound_margin, spread_shown=spread_shown)


@dataclass(frozen=True)
class Shape:
    """What every group's figures are of: the model's factors and lens subsets, in order, and its scale."""

    factor_ids: tuple[int, ...]
    subsets: tuple[Subset, ...]  # none for a model without tags
    scale: tuple[int, int]  # (lowest, highest) answer

    @property
    def points(self) -> int:
        return self.scale[1] - self.scale[0] + 1


@dataclass(frozen=True)
class GroupFigures:
    factors: dict[int, FactorFigures]  # factor id -> figures, for every factor of the model
    lenses: dict[Subset, LensFigures]  # every lens subset asked for (none for a model without tags)
    complete: dict[int, fold.AlphaSums]  # the complete cases' sums (Cronbach's alpha): the organisation's only


def _margins(moments: statistics.Moments, *, scale: tuple[int, int]) -> tuple[float | None, float | None]:
    """The margin from the spread and the one from the scale's bound (statistics.score_margin)."""
    lo, hi = scale
    return (
        statistics.score_margin(moments, scale_min=lo, scale_max=hi, spread_shown=True)[0],
        statistics.score_margin(moments, scale_min=lo, scale_max=hi, spread_shown=False)[0],
    )


def _factor(merged: fold.Merged, *, scale: tuple[int, int]) -> FactorFigures:
    """The figures of one merged factor: the same steps, in the same order, as over the respondents' list."""
    n, a_n = merged.n, merged.ambition_n
    ambition_mean = tally.moments_of(merged.ambitions_exact).total / a_n if a_n else None
    if not n:
        return FactorFigures(
            n=0, ambition_n=a_n, dont_know=merged.dont_know, given=merged.given, ambition_mean=ambition_mean
        )
    moments = tally.moments_of(merged.scores_exact)
    mean = moments.total / moments.n  # statistics.fmean: fsum / n
    values = merged.scores
    spread, bound = _margins(moments, scale=scale)
    return FactorFigures(
        n=n,
        ambition_n=a_n,
        dont_know=merged.dont_know,
        given=merged.given,
        mean=mean,
        median=tally.median(values),
        sd=tally.pstdev(values, mean),
        distribution=tally.distribution(values, scale_min=scale[0], scale_max=scale[1]),
        spread_margin=spread,
        bound_margin=bound,
        ambition_mean=ambition_mean,
    )


def _lens(cells: Iterable[fold.CellFigures], subset: Subset, *, scale: tuple[int, int]) -> LensFigures:
    # A lens needs only its count and moments: the exact sums of its cells' tallies, added.
    n = total = squares = 0
    for found in cells:
        cell_n, cell_total, cell_squares = found.lenses.get(subset, tally.NO_VALUES)
        n, total, squares = n + cell_n, total + cell_total, squares + cell_squares
    if not n:
        return LensFigures(n=0)
    moments = tally.moments_of((n, total, squares))
    spread, bound = _margins(moments, scale=scale)
    return LensFigures(n=n, mean=moments.total / moments.n, spread_margin=spread, bound_margin=bound)


def compute(
    figures: Mapping[Cell, fold.CellFigures], cells: Collection[Cell], *, shape: Shape, with_complete: bool = False
) -> GroupFigures:
    """A group's figures from its cells' (figures: every cell's; cells: the group's). with_complete: also the
    complete cases' sums over every cell in `figures` (the organisation's, for Cronbach's alpha)."""
    own = [figures[cell] for cell in cells if cell in figures]
    return GroupFigures(
        factors={fid: _factor(fold.merge(figures, cells, fid), scale=shape.scale) for fid in shape.factor_ids},
        lenses={subset: _lens(own, subset, scale=shape.scale) for subset in shape.subsets},
        complete=fold.merge_complete(figures.values()) if with_complete else {},
    )


# The stored form: every int of a group in one array of 64-bit ints, every float in one array of doubles
# (NaN for None: no figure here is ever NaN), in the order the model gives the factors and lens subsets,
# which the group's fingerprint fixes (kept_groups: the model version is part of it). Bit for bit the same
# floats; read back about ten times faster than the same figures as JSON, whose float parsing took most of
# a cold scoring's time at 1,000 respondents. Margins keep their basis by position (spread, then bound).
_NONE = float("nan")


def _float(value: float | None) -> float:
    return _NONE if value is None else value


def encode(group: GroupFigures, *, shape: Shape) -> bytes:
    ints: list[int] = []
    floats: list[float | None] = []
    points = shape.points
    for fid in shape.factor_ids:
        f = group.factors[fid]
        ints += (f.n, f.ambition_n, f.dont_know, f.given, f.distribution is not None)
        ints += f.distribution if f.distribution is not None else (0,) * points
        floats += (f.mean, f.median, f.sd, f.spread_margin, f.bound_margin, f.ambition_mean)
    for subset in shape.subsets:
        lens = group.lenses[subset]
        ints.append(lens.n)
        floats += (lens.mean, lens.spread_margin, lens.bound_margin)
    for fid in shape.factor_ids:
        sums = group.complete.get(fid)
        if sums is None:
            ints.append(-1)
            continue
        n, items, squares, t, tt = sums
        ints += (len(items), n, *items, *squares, t, tt)
    int_bytes = array("q", ints).tobytes()
    return len(int_bytes).to_bytes(4, "little") + int_bytes + array("d", map(_float, floats)).tobytes()


def decode(payload: bytes, *, shape: Shape) -> GroupFigures:
    points = shape.points
    size = int.from_bytes(payload[:4], "little")
    ints = array("q", payload[4 : 4 + size]).tolist()
    floats = [None if value != value else value for value in array("d", payload[4 + size :]).tolist()]
    i = j = 0
    factors = {}
    for fid in shape.factor_ids:
        n, a_n, dont_know, given, has_distribution = ints[i : i + 5]
        distribution = tuple(ints[i + 5 : i + 5 + points]) if has_distribution else None
        i += 5 + points
        mean, median, sd, spread, bound, ambition_mean = floats[j : j + 6]
        j += 6
        factors[fid] = FactorFigures(
            n, a_n, dont_know, given, mean, median, sd, distribution, spread, bound, ambition_mean
        )
    lenses = {}
    for subset in shape.subsets:
        mean, spread, bound = floats[j : j + 3]
        lenses[subset] = LensFigures(ints[i], mean, spread, bound)
        i += 1
        j += 3
    complete: dict[int, fold.AlphaSums] = {}
    for fid in shape.factor_ids:
        k = ints[i]
        if k < 0:
            i += 1
            continue
        n = ints[i + 1]
        items, squares = tuple(ints[i + 2 : i + 2 + k]), tuple(ints[i + 2 + k : i + 2 + 2 * k])
        complete[fid] = (n, items, squares, ints[i + 2 + 2 * k], ints[i + 3 + 2 * k])
        i += 4 + 2 * k
    return GroupFigures(factors=factors, lenses=lenses, complete=complete)
