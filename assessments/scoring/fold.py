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
# Per cell and factor the packed answers of the complete cases (Cronbach's alpha).
Complete = defaultdict[Cell, defaultdict[int, list[int]]]
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
    """One factor's figures for a group (the union of its cells): the respondents' scores tallied (see tally:
    the group's figures come from the distinct values and their counts), merged only when asked for (a hidden
    group needs only its counts), and the exact sums of its scores and ambitions (their moments)."""

    parts: list[dict[float, int]] = field(default_factory=list)  # the cells' score tallies
    scores_exact: tally.Exact = tally.NO_VALUES
    ambitions_exact: tally.Exact = tally.NO_VALUES
    dont_know: int = 0
    given: int = 0
    _scores: dict[float, int] | None = None

    @property
    def n(self) -> int:
        return self.scores_exact[0]

    @property
    def ambition_n(self) -> int:
        return self.ambitions_exact[0]

    @property
    def scores(self) -> dict[float, int]:
        """The group's score tally (a single cell's own tally, not copied: read it, never change it)."""
        if self._scores is None:
            if len(self.parts) == 1:
                self._scores = self.parts[0]
            else:
                self._scores = {}
                for part in self.parts:
                    tally.add(self._scores, part)
        return self._scores


# Cronbach's alpha's exact sums of complete cases: (n, per statement the sum and the sum of squares of the
# answers, the sum and the sum of squares of the cases' totals). All ints: they add up over cells.
AlphaSums = tuple[int, tuple[int, ...], tuple[int, ...], int, int]


def alpha_sums(cases: Mapping[int, int], *, statements: int, scale_max: int) -> AlphaSums:
    """The AlphaSums of complete cases given as packed answers -> how many gave them (see
    scoring.queries.item_values: the j-th statement is digit j in base scale_max + 1)."""
    base = scale_max + 1
    places = [base**j for j in range(statements)]
    sums, squares = [0] * statements, [0] * statements
    t_sum = t_squares = 0
    for packed, count in cases.items():
        total = 0
        for j, place in enumerate(places):
            digit = packed // place % base
            sums[j] += count * digit
            squares[j] += count * digit * digit
            total += digit
        t_sum += count * total
        t_squares += count * total * total
    return sum(cases.values()), tuple(sums), tuple(squares), t_sum, t_squares


def add_alpha(a: AlphaSums, b: AlphaSums) -> AlphaSums:
    return (
        a[0] + b[0],
        tuple(x + y for x, y in zip(a[1], b[1], strict=True)),
        tuple(x + y for x, y in zip(a[2], b[2], strict=True)),
        a[3] + b[3],
        a[4] + b[4],
    )


@dataclass(frozen=True)
class CellFactor:
    """One factor's figures in one cell: the scores tallied (a group's median, spread and distribution need
    the distinct values), the exact sums of scores and ambitions (means and margins need only those)."""

    scores: dict[float, int]
    scores_exact: tally.Exact
    ambitions_exact: tally.Exact
    dont_know: int
    given: int


@dataclass
class CellFigures:
    """One cell's figures from fold.collect: what scoring keeps per cell (scoring/cells.py) and adds up into
    groups. Lenses need only counts and moments, so each lens keeps its exact sums, not its tally."""

    factors: dict[int, CellFactor] = field(default_factory=dict)
    complete: dict[int, AlphaSums] = field(default_factory=dict)  # factor id -> sums of the complete cases
    lenses: dict[Subset, tally.Exact] = field(default_factory=dict)


def tallied(
    bins: Bins, complete: Complete, lens_means: LensMeans | None, *, statements: Mapping[int, int], scale_max: int
) -> dict[Cell, CellFigures]:
    """fold.collect's output per cell, tallied (counted in C, once per cell) and summed exactly; the complete
    cases as their exact sums (statements: factor id -> statement count)."""
    out: defaultdict[Cell, CellFigures] = defaultdict(CellFigures)
    for cell, by_factor in bins.items():
        out[cell].factors = {
            fid: CellFactor(
                scores=(scores := dict(tally.of(b.scores))),
                scores_exact=tally.exact(scores),
                ambitions_exact=tally.exact(tally.of(b.ambitions)),
                dont_know=b.dont_know,
                given=b.given,
            )
            for fid, b in by_factor.items()
        }
    for cell, by_factor_cases in complete.items():
        out[cell].complete = {
            fid: alpha_sums(Counter(cases), statements=statements[fid], scale_max=scale_max)
            for fid, cases in by_factor_cases.items()
        }
    for cell, subsets in (lens_means or {}).items():
        out[cell].lenses = {subset: tally.exact(tally.of(values)) for subset, values in subsets.items() if values}
    return dict(out)


def merge(figures: Mapping[Cell, CellFigures], cells: Iterable[Cell], factor_id: int) -> Merged:
    """A group's figures for one factor from its cells'."""
    merged = Merged()
    n = total = squares = a_n = a_total = a_squares = 0
    for cell in cells:
        found = figures.get(cell)
        entry = found.factors.get(factor_id) if found is not None else None
        if entry is None:
            continue
        if entry.scores:
            merged.parts.append(entry.scores)
            n, total, squares = (
                n + entry.scores_exact[0],
                total + entry.scores_exact[1],
                squares + entry.scores_exact[2],
            )
        a = entry.ambitions_exact
        a_n, a_total, a_squares = a_n + a[0], a_total + a[1], a_squares + a[2]
        merged.dont_know += entry.dont_know
        merged.given += entry.given
    merged.scores_exact = (n, total, squares)
    merged.ambitions_exact = (a_n, a_total, a_squares)
    return merged


def merge_complete(figures: Iterable[CellFigures]) -> dict[int, AlphaSums]:
    """{factor id: the complete cases' sums} over all cells (Cronbach's alpha is organisation-wide)."""
    out: dict[int, AlphaSums] = {}
    for found in figures:
        for fid, sums in found.complete.items():
            out[fid] = add_alpha(out[fid], sums) if fid in out else sums
    return out


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
) -> tuple[Bins, Complete, LensMeans | None]:
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
    Returns (bins, complete, lenses): complete is {cell: {factor id: [packed answers of complete cases]}},
    lenses is {cell: {subset: [respondent lens means]}} or None.
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
    complete: Complete = defaultdict(lambda: defaultdict(list))
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
                complete[cell][factor_id].append(items)
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
