"""Each (team, role) cell's respondent figures, tallied and kept (CellTally), so a cold scoring folds only
the cells whose responses changed (issue 26: scoring whose cost grows like its data).

A cell's figures are exactly fold.collect's output for the cell's responses, condensed (fold.tallied): per
factor the respondents' scores as distinct values and their counts, the exact sums of their scores and
ambitions, don't-know and given counts; per lens the exact sums of the respondents' lens means; per factor the
exact sums Cronbach's alpha needs of the complete cases. Every group is a union of cells, so its figures
follow from its cells' bit for bit as from the respondents' rows.

Chosen over per-group aggregates written at submit (the brief's other option): a cell changes only when one
of its responses is submitted, excluded, moved to another team or role, or has its sums rewritten, and all
but the last show in one GROUP BY over the responses (`fingerprints`: how many count, the sum of their ids,
their last change); the sums service deletes the kept rows of the cells whose sums it rewrites
(questionnaire's `forget_cell_tallies`). So a respondent's submit updates no shared aggregate (the saves
bench), and a cold scoring reads one row per cell, folding again only the cells whose fingerprint moved:
after one submit, one cell. A stale or missing row costs a fold, never a wrong figure: a payload is stored
under the fingerprint read before its rows, and kept only if the fingerprint still holds when it is written.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q

from assessments.questionnaire.models import Assessment, CellTally, Response
from assessments.scoring import fold, queries, tally
from assessments.scoring.queries import Cell, SumsRow

logger = logging.getLogger(__name__)

# A payload folded or encoded by other code is never read by this code.
SOURCES = (__file__, fold.__file__, tally.__file__)
_CODE = hashlib.sha256(b"".join(Path(source).read_bytes() for source in SOURCES)).hexdigest()[:12]

# (rows of the stored sums of the given teams' responses, None: all) and the fold of rows for responses' cells.
ReadRows = Callable[[set[int | None] | None], list[SumsRow]]
FoldRows = Callable[[list[SumsRow], Mapping[int, Cell]], dict[Cell, fold.CellFigures]]


@dataclass(frozen=True)
class Cells:
    """Every counted cell of an assessment: its respondents (with or without answers) and tallied figures."""

    respondents: dict[Cell, int]
    figures: dict[Cell, fold.CellFigures]
    # The cells whose figures are what their fingerprint says (kept, or folded and unchanged meanwhile): only
    # figures computed from these may be kept under those fingerprints (scoring/kept_groups.py).
    confirmed: frozenset[Cell] = frozenset()


def cell_name(cell: Cell) -> str:
    return CellTally.name_of(*cell)


def _counted(assessment: Assessment) -> Q:
    return Q(assessment=assessment, submitted_at__isnull=False, excluded_at__isnull=True)


def fingerprints(*, assessment: Assessment) -> dict[Cell, tuple[int, str]]:
    """{cell: (respondents, fingerprint of its counted responses)}: one GROUP BY over the responses."""
    return {
        (team, role): (n, f"{n}|{ids}|{last}")
        for team, role, n, ids, last in queries.counted_cells(assessment=assessment)
    }


def _packed(exact: int) -> tuple[str, int]:
    """An exact sum (an int in units of 2**-1074 of ~1,100 bits, nearly all of them trailing zeros) as the hex
    digits of its significant bits and how far to shift them back: a tenth of the text, read back faster."""
    shift = (exact & -exact).bit_length() - 1 if exact else 0
    return f"{exact >> shift:x}", shift


def encode(figures: fold.CellFigures) -> str:
    def pairs(counts: Mapping[float, int]) -> list[list[float]]:
        return [[value, counts[value]] for value in sorted(counts)]

    def sums(exact: tally.Exact) -> list[int | str]:
        return [exact[0], *_packed(exact[1]), *_packed(exact[2])]

    return json.dumps(
        {
            "f": [
                [fid, pairs(f.scores), sums(f.scores_exact), sums(f.ambitions_exact), f.dont_know, f.given]
                for fid, f in figures.factors.items()
            ],
            "c": [[fid, n, list(item), list(sq), t, tt] for fid, (n, item, sq, t, tt) in figures.complete.items()],
            "l": [[list(subset), sums(exact)] for subset, exact in figures.lenses.items()],
        },
        separators=(",", ":"),
    )


def decode(payload: str) -> fold.CellFigures:
    # json writes a float by its repr and reads it back as the same float: the tallies round-trip exactly.
    data = json.loads(payload)

    def sums(found: list[Any]) -> tally.Exact:
        return (found[0], int(found[1], 16) << found[2], int(found[3], 16) << found[4])

    return fold.CellFigures(
        factors={
            fid: fold.CellFactor(
                scores=dict(scores),
                scores_exact=sums(scores_exact),
                ambitions_exact=sums(ambitions_exact),
                dont_know=dont_know,
                given=given,
            )
            for fid, scores, scores_exact, ambitions_exact, dont_know, given in data["f"]
        },
        complete={fid: (n, tuple(item), tuple(sq), t, tt) for fid, n, item, sq, t, tt in data["c"]},
        lenses={(kind, fid, name): sums(exact) for (kind, fid, name), exact in data["l"]},
    )


def figures(
    *,
    assessment: Assessment,
    depends_on: str,
    read_rows: ReadRows,
    fold_rows: FoldRows,
    current: Mapping[Cell, tuple[int, str]] | None = None,
) -> Cells:
    """Every counted cell's tallies: the kept ones whose fingerprint still holds, the others folded again
    (read_rows, fold_rows) and kept. depends_on: what else a cell's fold depends on, as text (the roles'
    kinds, the ambition setting); the fold's code is always part of it. current: the cells' fingerprints
    when the caller has just read them (`fingerprints`)."""
    if current is None:
        current = fingerprints(assessment=assessment)
    wanted = {cell: f"{_CODE}|{depends_on}|{fp}" for cell, (_n, fp) in current.items()}
    kept = {
        name: (fp, payload)
        for name, fp, payload in CellTally.objects.filter(assessment=assessment).values_list(
            "cell", "fingerprint", "payload"
        )
    }
    found: dict[Cell, fold.CellFigures] = {}
    stale: dict[Cell, str] = {}
    kept_now: set[Cell] = set()
    for cell, fp in wanted.items():
        row = kept.get(cell_name(cell))
        if row is not None and row[0] == fp:
            found[cell] = decode(row[1])
        else:
            stale[cell] = fp
    gone = set(kept) - {cell_name(cell) for cell in wanted}
    if gone:  # cells no response counts in any more (a team deleted, everyone excluded): nothing to keep
        CellTally.objects.filter(assessment=assessment, cell__in=gone).delete()
    if stale:
        folded = _fold_again(
            assessment, set(stale), everything=2 * len(stale) > len(wanted), read_rows=read_rows, fold_rows=fold_rows
        )
        found.update(folded)
        kept_now = _keep(assessment, folded, read_before={cell: current[cell][1] for cell in stale}, stored_as=stale)
    return Cells(
        respondents={cell: n for cell, (n, _fp) in current.items()},
        figures=found,
        confirmed=frozenset(cell for cell in found if cell not in stale or cell in kept_now),
    )


def _fold_again(
    assessment: Assessment, stale: set[Cell], *, everything: bool, read_rows: ReadRows, fold_rows: FoldRows
) -> dict[Cell, fold.CellFigures]:
    """Fold the stale cells from their stored sums: only their teams' rows are read, unless most cells are
    stale (everything: a first scoring), when one read of all rows is cheaper than a long list of teams."""
    responses = Response.objects.filter(_counted(assessment))
    teams: set[int | None] | None = None
    if not everything:
        teams = {team for team, _role in stale}
        with_team = Q(team_id__in=[t for t in teams if t is not None])
        responses = responses.filter(with_team | Q(team_id__isnull=True) if None in teams else with_team)
    cell_of = {
        pk: (team, role)
        for pk, team, role in responses.values_list("id", "team_id", "role_id")
        if (team, role) in stale
    }
    folded = fold_rows(read_rows(teams), cell_of)
    return {cell: folded.get(cell, fold.CellFigures()) for cell in stale}


def _keep(
    assessment: Assessment,
    folded: dict[Cell, fold.CellFigures],
    *,
    read_before: dict[Cell, str],
    stored_as: dict[Cell, str],
) -> set[Cell]:
    """Keep the folded cells whose fingerprints (read before their rows) still hold: a cell that changed while
    it was folded is folded again next time. stored_as: the full fingerprint each cell is kept under. A failed
    write (a read-only replica, a concurrent writer) costs only that: the figures just folded are used anyway.
    Returns the cells whose fingerprints held."""
    now = fingerprints(assessment=assessment)
    held = {cell for cell in folded if cell in now and now[cell][1] == read_before[cell]}
    rows = [
        CellTally(assessment=assessment, cell=cell_name(cell), fingerprint=stored_as[cell], payload=encode(figures))
        for cell, figures in folded.items()
        if cell in held
    ]
    if not rows:
        return held
    try:
        with transaction.atomic():
            CellTally.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["assessment", "cell"],
                update_fields=["fingerprint", "payload"],
            )
    except DatabaseError:
        logger.warning("cell tallies not kept", exc_info=True)
    return held
