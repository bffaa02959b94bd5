"""From the stored per-response sums (queries.respondent_sums) to per-cell respondent figures, in one pass.

The database already picked each response's rows for its current role kind and divided out the means,
so every factor row is one respondent's final figures for that factor; the totals rows (factor None)
carry each respondent's lens figures over all factors.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from assessments.questionnaire.sums import GAPS
from assessments.scoring import tally
from assessments.scoring.audience import Kind
from assessments.scoring.queries import Cell, FactorCount, SumsRow

# A lens subset: ("layer", factor id, "basis" | "nine_plus") or ("gap", None, SERVQUAL gap).
Subset = tuple[str, int | None, str]
Bins = defaultdict[Cell, defaultdict[int, "Bin"]]
LensMeans = defaultdict[Cell, defaultdict[Subset, list[float]]]


@dataclass
class Bin:
    """One factor's respondent-level figures within one (team, role) cell."""

    scores: list[float] = field(default_factory=list)
    ambitions: list[float] = field(default_factory=list)
    dont_know: int = 0
    given: int = 0
    basis: list[float] = field(default_factory=list)  # respondents' lens means of the factor's 7+ basics
    nine_plus: list[float] = field(default_factory=list)  # ... and of its 9+ moments


@dataclass
class Merged:
    """One factor's figures for a group (the union of its cells): the respondents' values tallied
    (see tally: the group's figures come from the distinct values and their counts)."""

    scores: Counter[float] = field(default_factory=Counter)
    ambitions: Counter[float] = field(default_factory=Counter)
    dont_know: int = 0
    given: int = 0


class Tallies:
    """Each cell's lists tallied once, however many groups take the cell in."""

    def __init__(self, bins: Bins) -> None:
        self.bins = bins
        self._tallied: dict[tuple[Cell, int], tuple[Counter[float], Counter[float]]] = {}

    def merge(self, cells: Iterable[Cell], factor_id: int) -> Merged:
        merged = Merged()
        empty: dict[int, Bin] = {}
        for cell in cells:
            b = self.bins.get(cell, empty).get(factor_id)
            if b is None:
                continue
            tallied = self._tallied.get((cell, factor_id))
            if tallied is None:
                tallied = self._tallied[(cell, factor_id)] = (tally.of(b.scores), tally.of(b.ambitions))
            tally.add(merged.scores, tallied[0])
            tally.add(merged.ambitions, tallied[1])
            merged.dont_know += b.dont_know
            merged.given += b.given
        return merged


def nine_plus_needed(asked: int, *, minimum: int) -> int:
    """Answers a respondent needs to count for a factor's 9+ layer: at least half of the 9+ statements
    they were asked, and at least `minimum` of them (all of them when they were asked fewer), so that one
    answer cannot carry a person's 9+ score where the model gives every factor two or more."""
    return max((asked + 1) // 2, min(minimum, asked))


def _needs(
    statements: Mapping[int, int],
    *,
    roles: Iterable[int | None],
    kinds: Mapping[int | None, Kind],
    asked: Mapping[tuple[int, Kind], int] | None,
    lens_counts: Mapping[tuple[Subset, Kind], int] | None,
    nine_plus_min: int,
) -> dict[int | None, dict[int, tuple[int, int, int]]]:
    """{role id: {factor id: (statements asked, basics asked, 9+ answers needed)}}, looked up once per row,
    not computed per row (asked: (factor id, kind) -> statements asked; None when every role is asked all).
    9+ answers needed: at least half of the 9+ statements asked, and at least nine_plus_min of them
    (all of them when fewer were asked)."""
    needs: dict[int | None, dict[int, tuple[int, int, int]]] = {}
    for role_id in roles:
        kind = kinds.get(role_id)
        needs[role_id] = {
            factor_id: (
                asked[(factor_id, kind)] if asked is not None else total,
                lens_counts[(("layer", factor_id, "basis"), kind)] if lens_counts is not None else 0,
                nine_plus_needed(
                    lens_counts[(("layer", factor_id, "nine_plus"), kind)] if lens_counts is not None else 0,
                    minimum=nine_plus_min,
                ),
            )
            for factor_id, total in statements.items()
        }
    return needs


def collect(
    rows: Collection[SumsRow],
    *,
    cells: Mapping[int, Cell],
    factors: Iterable[FactorCount],
    kinds: Mapping[int | None, Kind],
    asked: Mapping[tuple[int, Kind], int] | None,
    ambition: bool,
    factor_ambition: bool,
    scale: tuple[int, int],
    lens_counts: Mapping[tuple[Subset, Kind], int] | None = None,
    nine_plus_min: int = 1,
) -> tuple[Bins, defaultdict[int, list[int]], LensMeans | None]:
    """Per (team, role) cell and factor: respondent scores, ambitions, don't-know counts and lens means.

    A respondent counts for a factor (or a lens) when they gave a scale answer to at least half the
    statements they were asked (all of them, unless statements have an audience). Only respondents who
    answered every statement are complete cases for Cronbach's alpha.
    kinds: role id -> "management" | "staff" when statements have an audience, else {}.
    asked: (factor id, kind) -> statements asked, or None without audiences.
    ambition: use the per-statement ambition; factor_ambition: the per-factor ambition (v2) instead.
    lens_counts: (subset, kind) -> statements asked of the lens subset (see lenses), or None to skip lenses.
    nine_plus_min: the fewest 9+ answers per factor a respondent needs to count for its 9+ layer
    (see nine_plus_needed and lenses.nine_plus_minimum).
    Returns (bins, complete, lenses): lenses is {cell: {subset: [respondent lens means]}} or None.
    """
    statements = {f["id"]: f["statement_count"] for f in factors}
    lo, hi = scale
    needs = _needs(
        statements,
        roles={c[1] for c in cells.values()},
        kinds=kinds,
        asked=asked,
        lens_counts=lens_counts,
        nine_plus_min=nine_plus_min,
    )
    with_lenses = lens_counts is not None
    bins: Bins = defaultdict(lambda: defaultdict(Bin))
    complete: defaultdict[int, list[int]] = defaultdict(list)  # factor id -> packed answers of complete cases
    bins_of_cell: dict[Cell, defaultdict[int, Bin]] = {}
    get_statements, get_cell = statements.get, cells.get
    # This loop runs once per respondent x factor (70,000 times for 10,000 respondents): lookups are
    # hoisted into locals and each row is unpacked once. Totals rows (factor None) are skipped here.
    for (
        response_id,
        factor_id,
        valid,
        dont_know,
        a_valid,
        items,
        f_ambition,
        b_n,
        p_n,
        mean,
        a_mean,
        b_mean,
        p_mean,
        _,
        _,
    ) in rows:
        total = get_statements(factor_id)
        cell = get_cell(response_id)
        if total is None or cell is None:
            continue
        cell_bins = bins_of_cell.get(cell)
        if cell_bins is None:
            cell_bins = bins_of_cell[cell] = bins[cell]
        b = cell_bins[factor_id]
        b.dont_know += dont_know
        b.given += valid + dont_know
        k, b_need, p_need = needs[cell[1]][factor_id]
        if valid and 2 * valid >= k and mean is not None:
            b.scores.append(mean)
            if valid == total:
                complete[factor_id].append(items)
        if ambition and a_valid and 2 * a_valid >= k and a_mean is not None:
            b.ambitions.append(a_mean)
        if factor_ambition and f_ambition is not None and lo <= f_ambition <= hi:
            b.ambitions.append(float(f_ambition))
        if with_lenses:
            if b_n and b_mean is not None and 2 * b_n >= b_need:
                b.basis.append(b_mean)
            if p_n and p_mean is not None and p_n >= p_need:
                b.nine_plus.append(p_mean)
    lenses = _lenses(bins, rows, cells=cells, kinds=kinds, lens_counts=lens_counts) if lens_counts is not None else None
    return bins, complete, lenses


# Where a totals row carries each lens's (n, mean): see queries.respondent_sums.
# The overall layers are the mean of the per-factor layers (see lenses): only the SERVQUAL gaps are read here.
_TOTALS = (
    (("gap", None, GAPS[0]), 2, 9),
    (("gap", None, GAPS[1]), 3, 10),
    (("gap", None, GAPS[2]), 4, 13),
    (("gap", None, GAPS[3]), 5, 14),
)


def _lenses(
    bins: Bins,
    rows: Iterable[SumsRow],
    *,
    cells: Mapping[int, Cell],
    kinds: Mapping[int | None, Kind],
    lens_counts: Mapping[tuple[Subset, Kind], int],
) -> LensMeans:
    """{cell: {subset: [respondent means]}}: the per-factor layers from the bins, the SERVQUAL gaps from
    each response's totals row."""
    by_cell: LensMeans = defaultdict(lambda: defaultdict(list))
    cell: Cell | None  # below also a totals row's cell, None for a response without one
    for cell, cell_bins in bins.items():
        for factor_id, b in cell_bins.items():
            if b.basis:
                by_cell[cell][("layer", factor_id, "basis")] = b.basis
            if b.nine_plus:
                by_cell[cell][("layer", factor_id, "nine_plus")] = b.nine_plus
    for row in [r for r in rows if r[1] is None]:
        cell = cells.get(row[0])
        if cell is None:
            continue
        kind = kinds.get(cell[1])
        for subset, at_n, at_mean in _TOTALS:
            n, mean = row[at_n], row[at_mean]
            if n and mean is not None and 2 * n >= lens_counts[(subset, kind)]:
                by_cell[cell][subset].append(mean)
    return by_cell
