"""From the stored per-response sums (queries.respondent_sums) to per-cell respondent figures, in one pass.

The rows are ResponseFactorSums: per response one row per factor of the statements everyone is asked,
rarely more for statements only some role kinds are asked (added only when the respondent's current role
was asked them), and a totals row per response (factor None) for the lenses over all factors.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from assessments.questionnaire.sums import EVERYONE, GAPS, LAYERS, kind_bit


@dataclass
class Bin:
    """One factor's respondent-level figures within one (team, role) cell."""

    scores: list = field(default_factory=list)
    ambitions: list = field(default_factory=list)
    dont_know: int = 0
    given: int = 0
    basis: list = field(default_factory=list)  # respondents' lens means of the factor's 7+ basics
    nine_plus: list = field(default_factory=list)  # ... and of its 9+ moments


def _plus(a, b):
    return b if a is None else a if b is None else a + b


def _merge_rows(main, extra):
    """A factor row with the row of a restricted audience added (counts and sums column by column)."""
    merged = list(main[:3])
    merged.extend(_plus(x, y) for x, y in zip(main[3:], extra[3:], strict=True))
    # The per-factor ambition is only ever on the main row.
    merged[11] = main[11]
    return tuple(merged)


def _included(audience, role_id, kinds):
    """Whether a row of this statement audience counts for a respondent of this role (None: no role)."""
    kind = kinds.get(role_id)
    # A respondent without a role (or without audiences in the model) was asked everything.
    return audience == EVERYONE or kind is None or bool(audience & kind_bit(kind))


def _split(rows, *, cells, kinds):
    """The factor rows with restricted-audience rows merged in, and the included totals rows per response."""
    main, extras, totals = [], {}, defaultdict(list)
    for r in rows:
        response_id, factor_id, audience = r[0], r[1], r[2]
        if factor_id is not None and audience == EVERYONE:
            main.append(r)
            continue
        cell = cells.get(response_id)
        if cell is None or not _included(audience, cell[1], kinds):
            continue
        if factor_id is None:
            totals[response_id].append(r)
        else:
            extras.setdefault((response_id, factor_id), []).append(r)
    if extras:
        merged = []
        for r in main:
            for extra in extras.get((r[0], r[1]), ()):
                r = _merge_rows(r, extra)
            merged.append(r)
        main = merged
    return main, totals


def _needs(statements, *, cells, kinds, asked, lens_counts):
    """Answers needed to count, per (factor, role) and per (factor, role, layer): looked up once, not per row."""
    roles = {cell[1] for cell in cells.values()}
    need = {
        (factor_id, role_id): asked[(factor_id, kinds.get(role_id))] if asked is not None else total
        for factor_id, total in statements.items()
        for role_id in roles
    }
    layer_need = {}
    if lens_counts is not None:
        layer_need = {
            (factor_id, role_id, tag): lens_counts[(("layer", factor_id, tag), kinds.get(role_id))]
            for factor_id in statements
            for role_id in roles
            for tag in LAYERS
        }
    return need, layer_need


def collect(rows, *, cells, factors, kinds, asked, ambition, factor_ambition, scale, lens_counts=None):
    """Per (team, role) cell and factor: respondent scores, ambitions, don't-know counts and lens means.

    A respondent counts for a factor (or a lens) when they gave a scale answer to at least half the
    statements they were asked (all of them, unless statements have an audience). Only respondents who
    answered every statement are complete cases for Cronbach's alpha.
    kinds: role id -> "management" | "staff" when statements have an audience, else {}.
    asked: (factor id, kind) -> statements asked, or None without audiences.
    ambition: use the per-statement ambition sums; factor_ambition: the per-factor ambition (v2) instead.
    lens_counts: (subset, kind) -> statements asked of the lens subset (see lenses), or None to skip lenses.
    Returns (bins, complete, lenses): lenses is {cell: {subset: [respondent lens means]}}.
    """
    statements = {f["id"]: f["statement_count"] for f in factors}
    lo, hi = scale
    main, totals = _split(rows, cells=cells, kinds=kinds)
    need, layer_need = _needs(statements, cells=cells, kinds=kinds, asked=asked, lens_counts=lens_counts)
    bins = defaultdict(lambda: defaultdict(Bin))
    complete = defaultdict(list)  # factor id -> packed answers of respondents who answered all of it
    bins_of_cell = {}
    get_statements, get_cell = statements.get, cells.get
    # This loop runs once per respondent x factor (70,000 times for 10,000 respondents): lookups are
    # hoisted into locals and each row is unpacked once.
    for (
        response_id,
        factor_id,
        _audience,
        valid,
        dont_know,
        wsum,
        wtotal,
        a_valid,
        a_wsum,
        a_wtotal,
        items,
        f_ambition,
        b_n,
        b_wsum,
        b_wtotal,
        p_n,
        p_wsum,
        p_wtotal,
        *_gaps,
    ) in main:
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
        k = need[(factor_id, cell[1])]
        if valid and 2 * valid >= k and wtotal:
            b.scores.append(wsum / wtotal)
            if valid == total:
                complete[factor_id].append(items)
        if ambition and a_valid and 2 * a_valid >= k and a_wtotal:
            b.ambitions.append(a_wsum / a_wtotal)
        if factor_ambition and f_ambition is not None and lo <= f_ambition <= hi:
            b.ambitions.append(float(f_ambition))
        if lens_counts is not None:
            if b_n and b_wtotal and 2 * b_n >= layer_need[(factor_id, cell[1], "basis")]:
                b.basis.append(b_wsum / b_wtotal)
            if p_n and p_wtotal and 2 * p_n >= layer_need[(factor_id, cell[1], "nine_plus")]:
                b.nine_plus.append(p_wsum / p_wtotal)
    lenses = None
    if lens_counts is not None:
        lenses = _lenses(bins, totals, cells=cells, kinds=kinds, lens_counts=lens_counts)
    return bins, complete, lenses


def _lenses(bins, totals, *, cells, kinds, lens_counts):
    """{cell: {subset: [respondent means]}}: the per-factor layers from the bins, the overall ones and the
    SERVQUAL gaps from each response's totals rows."""
    by_cell = defaultdict(lambda: defaultdict(list))
    for cell, cell_bins in bins.items():
        for factor_id, b in cell_bins.items():
            if b.basis:
                by_cell[cell][("layer", factor_id, "basis")] = b.basis
            if b.nine_plus:
                by_cell[cell][("layer", factor_id, "nine_plus")] = b.nine_plus
    # Column of each lens's n in a row: after response, factor, audience and the nine factor columns.
    offsets = [
        (("layer", None, name) if name in LAYERS else ("gap", None, name), 12 + 3 * i)
        for i, name in enumerate(LAYERS + GAPS)
    ]
    for response_id, rows in totals.items():
        cell = cells[response_id]
        kind = kinds.get(cell[1])
        for subset, at in offsets:
            n, wsum, wtotal = 0, 0.0, 0.0
            for r in rows:
                if r[at]:
                    n += r[at]
                    wsum += r[at + 1]
                    wtotal += r[at + 2]
            if n and wtotal and 2 * n >= lens_counts[(subset, kind)]:
                by_cell[cell][subset].append(wsum / wtotal)
    return by_cell
