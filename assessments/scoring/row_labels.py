"""Which team and role each respondent's row may carry in a raw-answers export.

Rows are individual answers, so their labels must follow the same anonymity rules as the scores:
every label combination ("atom") holds at least threshold_scores respondents, and no visible group is
left with a small unlabelled rest that could be read by subtracting the labelled rows from its scores.
Labels start as specific as the result allows (the deepest visible team, the role when that role is
visible) and only the atoms that break a rule are folded, one step at a time (role first, then up to
the next visible team, then "other"): small groups are folded exactly as far as needed, and no further.
Group keys and their cells come from `groups.build_layout`, the same layout scoring uses.
"""

from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from assessments.questionnaire.models import Assessment
from assessments.scoring import queries
from assessments.scoring.groups import GroupLayout, build_layout
from assessments.scoring.queries import Cell
from assessments.scoring.result import AssessmentResult

Label = tuple[str | None, str | None]  # (team group key, role group key); None = "other"


def assessment_layout(*, assessment: Assessment) -> tuple[GroupLayout, dict[Cell, int]]:
    """The assessment's group layout and its {(team id, role id): submitted respondents}."""
    teams, roles, team_ids, role_ids = queries.organisation_structure(assessment=assessment)
    cell_counts = queries.cell_counts(assessment=assessment)
    layout = build_layout(
        teams=teams,
        roles=roles,
        team_ids=team_ids,
        role_ids=role_ids,
        cells=set(cell_counts),
        organisation_name=assessment.organisation.name,
    )
    return layout, cell_counts


def _initial_labels(
    layout: GroupLayout, visible: AbstractSet[str], cell_counts: Mapping[Cell, int]
) -> dict[Cell, Label]:
    team_keys = [k for k in layout.team_keys if k in visible]
    role_keys = [k for k in layout.role_keys if k in visible]
    labels: dict[Cell, Label] = {}
    for cell in cell_counts:
        teams = [k for k in team_keys if cell in layout.cells.get(k, ())]
        team = max(teams, key=lambda k: layout.refs[k].depth) if teams else None
        role = next((k for k in role_keys if cell in layout.cells.get(k, ())), None)
        labels[cell] = (team, role)
    return labels


def _fold(label: Label, layout: GroupLayout, visible: AbstractSet[str]) -> Label:
    """One step less specific: drop the role, else move to the next visible enclosing team, else other."""
    team, role = label
    if role is not None:
        return (team, None)
    parent = layout.refs[team].parent_key if team else None
    while parent is not None and parent not in visible:
        parent = layout.refs[parent].parent_key
    return (parent, None)


def _violation(
    labels: Mapping[Cell, Label],
    layout: GroupLayout,
    visible: AbstractSet[str],
    cell_counts: Mapping[Cell, int],
    threshold: int,
) -> Label | None:
    """An atom that must be folded, or None when every rule holds."""
    atoms: defaultdict[Label, set[Cell]] = defaultdict(set)
    for cell, label in labels.items():
        atoms[label].add(cell)
    size = {label: sum(cell_counts[c] for c in cells) for label, cells in atoms.items()}
    small = [label for label in atoms if label != (None, None) and size[label] < threshold]
    if small:
        return min(small, key=lambda label: (size[label], str(label)))
    for key in visible:
        cells = layout.cells.get(key, set())
        inside = [label for label, atom in atoms.items() if atom <= cells and label != (None, None)]
        rest = sum(cell_counts[c] for c in cells) - sum(size[label] for label in inside)
        if 0 < rest < threshold and inside:
            # Folding the most specific atom inside the group turns labelled rows back into part of the rest.
            return min(inside, key=lambda label: (label[1] is None, size[label], str(label)))
    return None


def row_labels(*, result: AssessmentResult, layout: GroupLayout, cell_counts: Mapping[Cell, int]) -> dict[Cell, Label]:
    """{(team id, role id): (team group key or None, role group key or None)}; empty when nothing may go out."""
    threshold = result.thresholds.scores
    if result.organisation.suppressed or sum(cell_counts.values()) < threshold:
        return {}
    visible = {g.group.key for g in result.groups() if not g.suppressed}
    labels = _initial_labels(layout, visible, cell_counts)
    # Each fold makes one atom less specific, so this ends within 3 folds per cell.
    for _step in range(3 * len(labels) + 1):
        atom = _violation(labels, layout, visible, cell_counts, threshold)
        if atom is None:
            return labels
        folded = _fold(atom, layout, visible)
        labels = {cell: folded if label == atom else label for cell, label in labels.items()}
    return dict.fromkeys(labels, (None, None))
