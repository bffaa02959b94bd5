"""The groups a result reports on, and which (team, role) cells of respondents each group holds."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypedDict
from uuid import UUID

from assessments.scoring.queries import Cell, RoleRow, TeamRow
from assessments.scoring.result import GroupRef

ORGANISATION = "organisation"
MANAGEMENT = "management"
STAFF = "staff"


# A layout names each team and role hundreds of times and a UUID's text is slow to make: kept per id.
@lru_cache(maxsize=65_536)
def team_key(public_id: UUID | None) -> str:
    return f"team:{public_id}"


@lru_cache(maxsize=65_536)
def role_key(public_id: UUID | None) -> str:
    return f"role:{public_id}"


def team_role_key(team_public_id: UUID, role_public_id: UUID) -> str:
    return f"team_role:{team_public_id}:{role_public_id}"


class Structure(TypedDict):
    """The layout's relations the anonymity rules need (keyword arguments of anonymity.hidden_groups)."""

    partitions: list[tuple[str, list[str]]]
    nested: list[tuple[str, str]]
    identical: list[set[str]]


@dataclass
class GroupLayout:
    refs: dict[str, GroupRef]  # key -> GroupRef, in display order per kind
    cells: defaultdict[str, set[Cell]]  # key -> set of (team id, role id) cells it contains
    partitions: list[tuple[str, list[str]]]  # (parent key, [part keys]) for the differencing check
    nested: list[tuple[str, str]] = field(default_factory=list)  # (larger key, smaller key): smaller's within larger's
    identical: list[set[str]] = field(default_factory=list)  # sets of keys with exactly the same cells
    team_keys: list[str] = field(default_factory=list)
    role_keys: list[str] = field(default_factory=list)
    team_role_keys: list[str] = field(default_factory=list)
    has_management: bool = False


def build_layout(  # noqa: C901 (one pass builds every group key, so the keys cannot drift apart)
    *,
    teams: Iterable[TeamRow],
    roles: Iterable[RoleRow],
    team_ids: Iterable[int],
    role_ids: Iterable[int],
    cells: Iterable[Cell],
    organisation_name: str,
) -> GroupLayout:
    """Groups for the organisation, teams (with sub-teams), roles, management/staff and team x role.

    teams/roles: value dicts of the organisation; team_ids/role_ids: those the assessment selected;
    cells: the (team id, role id) pairs that have submitted responses.
    """
    team_by_id = {t["id"]: t for t in teams}
    children: defaultdict[int | None, list[TeamRow]] = defaultdict(list)
    for team in teams:
        children[team["parent_id"]].append(team)

    def chain(team_id: int | None) -> list[TeamRow]:
        """The team and its ancestors (guarding against a cycle in bad data)."""
        result: list[TeamRow] = []
        seen: set[int | None] = set()
        while team_id in team_by_id and team_id not in seen:
            seen.add(team_id)
            result.append(team_by_id[team_id])
            team_id = team_by_id[team_id]["parent_id"]
        return result

    used_team_ids = {t for t, _r in cells if t in team_by_id}
    shown_team_ids = {t["id"] for tid in (set(team_ids) & set(team_by_id)) | used_team_ids for t in chain(tid)}
    role_by_id: dict[int | None, RoleRow] = {r["id"]: r for r in roles}
    used_role_ids = {r for _t, r in cells if r in role_by_id}
    shown_roles = [r for r in roles if r["id"] in set(role_ids) | used_role_ids]
    has_management = any(r["is_management"] for r in shown_roles) and not all(r["is_management"] for r in shown_roles)

    refs = {
        ORGANISATION: GroupRef(
            kind="organisation", key=ORGANISATION, name_en=organisation_name, name_nl=organisation_name
        )
    }
    layout = GroupLayout(refs=refs, cells=defaultdict(set), partitions=[], has_management=has_management)

    def walk(parent_id: int | None, parent_key: str | None, depth: int) -> None:
        for team in sorted(children[parent_id], key=lambda t: t["name"].lower()):
            if team["id"] not in shown_team_ids:
                continue
            key = team_key(team["public_id"])
            refs[key] = GroupRef(
                kind="team",
                key=key,
                name_en=team["name"],
                name_nl=team["name"],
                team_id=team["public_id"],
                parent_key=parent_key,
                depth=depth,
            )
            layout.team_keys.append(key)
            walk(team["id"], key, depth + 1)

    walk(None, None, 0)
    role: RoleRow | None  # below also a cell's role, None for a response without one
    for role in shown_roles:
        key = role_key(role["public_id"])
        refs[key] = GroupRef(
            kind="role", key=key, name_en=role["name_en"], name_nl=role["name_nl"], role_id=role["public_id"]
        )
        layout.role_keys.append(key)
    if has_management:
        refs[MANAGEMENT] = GroupRef(kind="management", key=MANAGEMENT, name_en="Management", name_nl="Management")
        refs[STAFF] = GroupRef(kind="staff", key=STAFF, name_en="Staff", name_nl="Medewerkers")

    team_role_children: defaultdict[tuple[int | None, int], set[str]] = defaultdict(set)
    for team_id, role_id in cells:
        layout.cells[ORGANISATION].add((team_id, role_id))
        teams_of_cell = [t for t in chain(team_id) if t["id"] in shown_team_ids]
        for team in teams_of_cell:
            layout.cells[team_key(team["public_id"])].add((team_id, role_id))
        role = role_by_id.get(role_id)
        if role is None or role_key(role["public_id"]) not in refs:
            continue
        layout.cells[role_key(role["public_id"])].add((team_id, role_id))
        if has_management:
            layout.cells[MANAGEMENT if role["is_management"] else STAFF].add((team_id, role_id))
        for team in teams_of_cell:
            key = team_role_key(team["public_id"], role["public_id"])
            layout.cells[key].add((team_id, role_id))
            team_role_children[(team["parent_id"], role["id"])].add(key)
            if key not in refs:
                refs[key] = GroupRef(
                    kind="team_role",
                    key=key,
                    name_en=f"{team['name']} · {role['name_en']}",
                    name_nl=f"{team['name']} · {role['name_nl']}",
                    team_id=team["public_id"],
                    role_id=role["public_id"],
                    parent_key=team_key(team["public_id"]),
                    depth=refs[team_key(team["public_id"])].depth,
                )

    # Team x role cells in the same order as the teams, then the roles.
    role_order = {key: i for i, key in enumerate(layout.role_keys)}
    team_order = {key: i for i, key in enumerate(layout.team_keys)}
    layout.team_role_keys = sorted(
        (k for k, ref in refs.items() if ref.kind == "team_role"),
        key=lambda k: (team_order[team_key(refs[k].team_id)], role_order[role_key(refs[k].role_id)]),
    )
    # refs in display order too: what follows refs (the lenses) must not follow the order cells came in.
    team_roles = {k: refs.pop(k) for k in layout.team_role_keys}
    refs.update(team_roles)

    # Partitions for the differencing check: a parent and disjoint parts of it.
    parts_of: defaultdict[str, list[str]] = defaultdict(list)
    for key in layout.team_keys:
        parts_of[refs[key].parent_key or ORGANISATION].append(key)
    partitions = [(parent, parts) for parent, parts in parts_of.items()]
    partitions.append((ORGANISATION, list(layout.role_keys)))
    if has_management:
        partitions.append((ORGANISATION, [MANAGEMENT, STAFF]))
        for group, flag in ((MANAGEMENT, True), (STAFF, False)):
            partitions.append((group, [role_key(r["public_id"]) for r in shown_roles if r["is_management"] is flag]))
    for key in layout.team_keys:
        # A team split by role.
        partitions.append((key, [k for k in layout.team_role_keys if team_key(refs[k].team_id) == key]))
    for rkey in layout.role_keys:
        # A role split by top-level team.
        partitions.append(
            (rkey, [k for k in layout.team_role_keys if role_key(refs[k].role_id) == rkey and refs[k].depth == 0])
        )
    for (parent_id, role_id), keys in team_role_children.items():
        if parent_id is None:
            continue
        parent_key = team_role_key(team_by_id[parent_id]["public_id"], role_by_id[role_id]["public_id"])
        partitions.append((parent_key, sorted(keys)))
    layout.partitions = partitions
    _nesting(layout)
    return layout


def _nesting(layout: GroupLayout) -> None:
    """Nested and identical groups, from their cells (a few hundred groups at most)."""
    members = {key: frozenset(layout.cells.get(key, ())) for key in layout.refs}
    by_cells: defaultdict[frozenset[Cell], set[str]] = defaultdict(set)
    for key, cells in members.items():
        if cells:
            by_cells[cells].add(key)
    layout.identical = [keys for keys in by_cells.values() if len(keys) > 1]
    containing: defaultdict[Cell, list[frozenset[Cell]]] = defaultdict(list)  # cell -> distinct cell sets with it
    for cells in by_cells:
        for cell in cells:
            containing[cell].append(cells)
    for smaller in by_cells:
        for larger in containing[next(iter(smaller))]:
            if smaller < larger:
                for big in by_cells[larger]:
                    for small in by_cells[smaller]:
                        layout.nested.append((big, small))
