"""Each group's figures before anonymity (scoring/group_figures.py), kept per group (GroupTally), so a cold
scoring computes only the groups whose cells changed (issue 26: scoring whose cost grows like its data).

A group's figures follow from its cells' figures alone, and a cell's figures from its responses (see
scoring/cells.py): so a group is named by the fingerprints of its cells (the one GROUP BY scoring reads
anyway) with the code and settings the figures depend on. When nothing changed, a cold scoring reads one row
per group and no cell at all; after one submit it computes the few groups that hold the submitter's cell
(the organisation, a team and its parents, a role, management or staff, a team x role) from the kept cells.
Anonymity is applied after, on every scoring: the thresholds and which groups hide which are not in here.
A group is kept only when every cell it was computed from is confirmed (cells.Cells.confirmed), so figures
from a cell that changed while it was folded are used once and never kept.
"""

import hashlib
import logging
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from django.db import DatabaseError, transaction

from assessments.questionnaire.models import Assessment, GroupTally
from assessments.scoring import cells, group_figures, queries, statistics
from assessments.scoring.group_figures import GroupFigures
from assessments.scoring.queries import Cell

logger = logging.getLogger(__name__)

# The cells' code too: a group's figures are computed from theirs.
_SOURCES = (*cells.SOURCES, __file__, group_figures.__file__, statistics.__file__)
_CODE = hashlib.sha256(b"".join(Path(source).read_bytes() for source in _SOURCES)).hexdigest()[:12]


def _fingerprint(members: Collection[Cell], *, current: Mapping[Cell, tuple[int, str]], depends_on: str) -> str:
    parts = sorted(f"{cells.cell_name(cell)}={current[cell][1]}" for cell in members if cell in current)
    return hashlib.sha256(f"{_CODE}|{depends_on}|{';'.join(parts)}".encode()).hexdigest()


def figures(
    *,
    assessment: Assessment,
    members: Mapping[str, Collection[Cell]],
    organisation: str,
    current: Mapping[Cell, tuple[int, str]],
    depends_on: str,
    shape: group_figures.Shape,
    cell_figures: Callable[[], cells.Cells],
) -> dict[str, GroupFigures]:
    """{group key: its figures} for every group in `members` (group key -> its cells): the kept ones whose
    fingerprint holds, the others computed from the cells' figures (cell_figures, called only then) and kept.
    depends_on: what else the figures depend on (with the model version, which fixes the shape).
    organisation: the key of the group that also keeps the complete cases of every cell, so its
    fingerprint names every cell. current: every counted cell's fingerprint (cells.fingerprints)."""
    everyone = list(current)
    wanted = {
        key: _fingerprint(everyone if key == organisation else cells_of, current=current, depends_on=depends_on)
        for key, cells_of in members.items()
    }
    kept = {
        group: (fingerprint, payload)
        for group, fingerprint, payload in queries.rows_of(
            f'SELECT "group", fingerprint, payload FROM {queries.table(GroupTally)} WHERE assessment_id = %s',  # noqa: S608
            [assessment.pk],
        )
    }
    found: dict[str, GroupFigures] = {}
    stale = []
    for key, fingerprint in wanted.items():
        row = kept.get(key)
        if row is not None and row[0] == fingerprint:
            found[key] = group_figures.decode(bytes(row[1]), shape=shape)
        else:
            stale.append(key)
    gone = set(kept) - set(wanted)
    if gone:  # groups the layout no longer has (a team renamed, deleted or left without respondents)
        GroupTally.objects.filter(assessment=assessment, group__in=gone).delete()
    if stale:
        from_cells = cell_figures()
        computed = {
            key: group_figures.compute(from_cells.figures, members[key], shape=shape, with_complete=key == organisation)
            for key in stale
        }
        found.update(computed)
        confirmed = from_cells.confirmed
        _keep(
            assessment,
            shape,
            {
                key: (wanted[key], group)
                for key, group in computed.items()
                if all(cell in confirmed for cell in (everyone if key == organisation else members[key]))
            },
        )
    return found


def _keep(assessment: Assessment, shape: group_figures.Shape, rows: Mapping[str, tuple[str, GroupFigures]]) -> None:
    """Keep the computed groups; a failed write (a read-only replica, a concurrent writer) costs only that."""
    if not rows:
        return
    try:
        with transaction.atomic():
            GroupTally.objects.bulk_create(
                [
                    GroupTally(
                        assessment=assessment,
                        group=key,
                        fingerprint=fingerprint,
                        payload=group_figures.encode(group, shape=shape),
                    )
                    for key, (fingerprint, group) in rows.items()
                ],
                update_conflicts=True,
                unique_fields=["assessment", "group"],
                update_fields=["fingerprint", "payload"],
            )
    except DatabaseError:
        logger.warning("group figures not kept", exc_info=True)
