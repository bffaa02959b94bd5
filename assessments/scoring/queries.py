"""The database reads behind scoring: a fixed handful of queries, whatever the number of respondents."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypedDict
from uuid import UUID

from django.db import connection
from django.db.models import Count, QuerySet

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Assessment, Comment, Invitation, Response, ResponseFactorSums
from assessments.questionnaire.sums import GAPS, scale_bounds
from models_9plus.models import Factor, Level, ModelVersion, ScaleOption, Statement

# The rows these reads return: value dicts (typed as Django's `.values()` gives them) and plain tuples.
# A stored-sums row (see respondent_sums): ints, floats and NULLs straight from the cursor.
SumsRow = tuple[Any, ...]
# A (team id, role id) cell of respondents; in respondent_cells_of an (assessment id, role id) one.
Cell = tuple[int | None, int | None]


class ScaleRow(TypedDict):
    value: int
    label_en: str
    label_nl: str


class LevelRow(TypedDict):
    code: str
    order: int
    min_score: Decimal
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str


class FactorCount(TypedDict):
    """What every factor row carries: enough to fold respondents' sums into factor scores."""

    id: int
    code: str
    statement_count: int


class FactorRow(FactorCount):
    order: int
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str


class VersionFactorRow(FactorCount):
    version_id: int


class AdviceRow(TypedDict):
    factor__code: str
    level__code: str
    actions_en: list[str]
    actions_nl: list[str]


class StatementAudience(TypedDict):
    factor_id: int
    audience: tuple[str, ...]  # the role kinds asked; empty: everyone


class StatementRow(StatementAudience):
    id: int
    tag: str
    gap: str


class VersionContent(TypedDict):
    scale: tuple[int, int]
    factors: list[VersionFactorRow]
    statements: list[StatementRow]


class RoleKind(TypedDict):
    id: int
    is_management: bool


class RoleRow(RoleKind):
    public_id: UUID
    name_en: str
    name_nl: str


class TeamRow(TypedDict):
    id: int
    public_id: UUID
    name: str
    parent_id: int | None


def _submitted(assessment: Assessment) -> QuerySet[Response]:
    # Responses a manager excluded (a suspicious open-link response) never count.
    return Response.objects.filter(assessment=assessment, submitted_at__isnull=False, excluded_at__isnull=True)


def _mean(prefix: str) -> str:
    # The same IEEE division Python would do on the two sums; NULL when nothing (or zero weight) counted.
    return f"s.{prefix}weighted_sum / NULLIF(s.{prefix}weight_total, 0)"


def _lens_mean(name: str) -> str:
    return f"s.{name}_wsum / NULLIF(s.{name}_wtotal, 0)"


def _per_row(factor_column: str, totals_column: str) -> str:
    """A column of a factor row, or, in the same position, one of the totals row (factor NULL)."""
    return f"CASE WHEN s.factor_id IS NULL THEN {totals_column} ELSE {factor_column} END"


# Only identifiers of our own models are formatted in; the assessment id stays a query parameter. Each
# response contributes its rows for its current role kind (see models/sums.py), the rows of factors
# everyone is asked (role_kind 3) whatever its role.
_SUMS_SQL = (
    "SELECT s.response_id, s.factor_id, "  # noqa: S608
    + ", ".join(
        [
            _per_row("s.n_valid", "s.knowledge_n"),
            _per_row("s.n_dont_know", "s.standards_n"),
            _per_row("s.a_valid", "s.delivery_n"),
            _per_row("s.items", "s.communication_n"),
            "s.factor_ambition",
            "s.basis_n",
            "s.nine_plus_n",
            _per_row(_mean(""), _lens_mean("knowledge")),
            _per_row(_mean("a_"), _lens_mean("standards")),
            _lens_mean("basis"),
            _lens_mean("nine_plus"),
            _lens_mean("delivery"),
            _lens_mean("communication"),
        ]
    )
    + f" FROM {ResponseFactorSums._meta.db_table} s"
    f" JOIN {Response._meta.db_table} r ON r.id = s.response_id"
    f" LEFT JOIN {Role._meta.db_table} ro ON ro.id = r.role_id"
    " WHERE r.assessment_id IN ({ids}) AND r.submitted_at IS NOT NULL AND r.excluded_at IS NULL"
    " AND (s.role_kind = 3 OR s.role_kind = CASE WHEN ro.id IS NULL THEN 0 WHEN ro.is_management THEN 1 ELSE 2 END)"
)


def respondent_sums(*, assessment: Assessment) -> list[SumsRow]:
    """Each submitted, not excluded response's stored sums (ResponseFactorSums) as plain tuples, one per
    factor: (response id, factor id, n_valid, n_dont_know, a_valid, items, factor_ambition, basis_n,
    nine_plus_n, mean, ambition mean, basis mean, nine_plus mean, NULL, NULL); and one of lens totals:
    (response id, None, knowledge_n, standards_n, delivery_n, communication_n, NULL, basis_n, nine_plus_n,
    knowledge mean, standards mean, basis mean, nine_plus mean, delivery mean, communication mean).
    A mean is NULL where nothing counted.

    Written at submit, these are 8 rows for a respondent whose answers were 35 rows. This is the one
    query whose rows grow with the respondents, so it runs on a plain cursor: tuples without Django's
    per-value converters (every column is already an int, a float or NULL), and the means are divided
    out by the database, so fewer columns travel.
    """
    return respondent_sums_of(assessment_ids=[assessment.pk])


def respondent_sums_of(*, assessment_ids: Iterable[int], team_ids: Iterable[int | None] | None = None) -> list[SumsRow]:
    """respondent_sums of several assessments in one query (the rows carry response ids, not assessments);
    team_ids: only the responses of these teams (None in it: responses without a team)."""
    ids = list(assessment_ids)
    if not ids:
        return []
    sql, params = _SUMS_SQL.replace("{ids}", ", ".join(["%s"] * len(ids))), list(ids)
    if team_ids is not None:
        wanted = list(team_ids)
        teams = [t for t in wanted if t is not None]
        either = [f"r.team_id IN ({', '.join(['%s'] * len(teams))})"] if teams else []
        if None in wanted:
            either.append("r.team_id IS NULL")
        sql += f" AND ({' OR '.join(either) or '1 = 0'})"
        params += teams
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[SumsRow] = cursor.fetchall()
        return rows


def _base(scale_max: int) -> int:
    return scale_max + 1


def item_values(packed: Iterable[int], *, position: int, scale_max: int) -> list[int]:
    """The scored answers at `position` of each packed `items` value (see questionnaire.sums.statement_infos):
    the j-th statement of a factor is digit j in base scale_max + 1 (a scored answer is below the base)."""
    base = _base(scale_max)
    place = base**position
    return [packed_value // place % base for packed_value in packed]


def respondent_cells(*, assessment: Assessment) -> dict[int, Cell]:
    """{response id: (team id, role id)} of the submitted responses, including those without answers."""
    return {pk: (team, role) for pk, team, role in _submitted(assessment).values_list("id", "team_id", "role_id")}


def cell_counts(*, assessment: Assessment) -> dict[Cell, int]:
    """{(team id, role id): submitted responses, with or without answers}: one GROUP BY, whatever the count."""
    return {
        (team, role): n
        for team, role, n in _submitted(assessment)
        .order_by()
        .values_list("team_id", "role_id")
        .annotate(n=Count("id"))
        .values_list("team_id", "role_id", "n")
    }


def respondent_cells_of(*, assessment_ids: Iterable[int]) -> dict[int, tuple[int, int | None]]:
    """{response id: (assessment id, role id)} of the submitted responses of several assessments."""
    return {
        pk: (assessment, role)
        for pk, assessment, role in Response.objects.filter(
            assessment_id__in=assessment_ids, submitted_at__isnull=False, excluded_at__isnull=True
        ).values_list("id", "assessment_id", "role_id")
    }


def organisation_roles(*, organisation_ids: Iterable[int]) -> list[RoleKind]:
    """The roles of several organisations (id, is_management): who is management for the audience rule."""
    return list(Role.objects.filter(organisation_id__in=organisation_ids).values("id", "is_management"))


def versions_content(*, version_ids: Iterable[int]) -> dict[int, VersionContent]:
    """{version id: {"scale": (min, max), "factors": [...], "statements": [...]}}: what organisation-level
    factor scores need of each model version, in three queries for any number of versions. Factors are
    value dicts as in model_content (id, code, statement_count), in model order; statements carry
    (id, factor_id, tag, gap, audience), ordered as in model_content."""
    values: defaultdict[int, list[int]] = defaultdict(list)
    for version_id, value in ScaleOption.objects.filter(version_id__in=version_ids).values_list("version_id", "value"):
        values[version_id].append(value)
    content: dict[int, VersionContent] = {
        v: {"scale": scale_bounds(values[v]), "factors": [], "statements": []} for v in version_ids
    }
    for factor in (
        Factor.objects.filter(version_id__in=version_ids)
        .order_by("order")
        .annotate(statement_count=Count("statements"))
        .values("id", "code", "version_id", "statement_count")
    ):
        content[factor["version_id"]]["factors"].append(factor)
    for version_id, statement_id, factor_id, tag, gap, audience in (
        Statement.objects.filter(factor__version_id__in=version_ids)
        .order_by("factor_id", "order", "id")
        .values_list("factor__version_id", "id", "factor_id", "tag", "servqual_gap", "audience")
    ):
        content[version_id]["statements"].append(
            {"id": statement_id, "factor_id": factor_id, "tag": tag, "gap": gap, "audience": tuple(audience or ())}
        )
    return content


# The reads every cold scoring makes, whatever the organisation's size, in plain SQL: building these through
# the ORM took two to three times as long as running them (0.3-0.8 ms each), which at 1,000 respondents was a
# tenth of the whole scoring (issue 26). Both databases run the same text; tests compare each with the ORM's.
def table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)  # SQLite keeps a UUID as its 32 hex digits


def rows_of(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def organisation_structure(*, assessment: Assessment) -> tuple[list[TeamRow], list[RoleRow], set[int], set[int]]:
    """All teams and roles of the organisation, and the ids the assessment itself selected: two queries."""
    teams_picked, roles_picked = Assessment.teams.through, Assessment.roles.through
    team_rows = rows_of(
        f"SELECT t.id, t.public_id, t.name, t.parent_id, p.id IS NOT NULL FROM {table(Team)} t "  # noqa: S608
        f"LEFT JOIN {table(teams_picked)} p ON p.team_id = t.id AND p.assessment_id = %s "
        "WHERE t.organisation_id = %s",
        [assessment.pk, assessment.organisation_id],
    )
    role_rows = rows_of(
        f"SELECT r.id, r.public_id, r.name_en, r.name_nl, r.is_management, p.id IS NOT NULL "  # noqa: S608
        f"FROM {table(Role)} r LEFT JOIN {table(roles_picked)} p ON p.role_id = r.id AND p.assessment_id = %s "
        'WHERE r.organisation_id = %s ORDER BY r."order", r.name_en',
        [assessment.pk, assessment.organisation_id],
    )
    teams: list[TeamRow] = [
        {"id": pk, "public_id": _uuid(public_id), "name": name, "parent_id": parent_id}
        for pk, public_id, name, parent_id, _picked in team_rows
    ]
    roles: list[RoleRow] = [
        {
            "id": pk,
            "public_id": _uuid(public_id),
            "name_en": name_en,
            "name_nl": name_nl,
            "is_management": bool(is_management),  # SQLite gives 0 or 1
        }
        for pk, public_id, name_en, name_nl, is_management, _picked in role_rows
    ]
    team_ids = {row[0] for row in team_rows if row[4]}
    role_ids = {row[0] for row in role_rows if row[5]}
    return teams, roles, team_ids, role_ids


def counted_cells(*, assessment: Assessment) -> list[tuple[int | None, int | None, int, int, str]]:
    """Per (team, role) cell of counted responses (submitted, not excluded): how many, the sum of their ids and
    their last change (as the database writes it: a cell's fingerprint, see scoring/cells.py). One GROUP BY."""
    return [
        (team, role, n, int(ids), str(last))
        for team, role, n, ids, last in rows_of(
            "SELECT team_id, role_id, COUNT(*), SUM(id), MAX(updated_at) "  # noqa: S608
            f"FROM {table(Response)} WHERE assessment_id = %s AND submitted_at IS NOT NULL "
            "AND excluded_at IS NULL GROUP BY team_id, role_id",
            [assessment.pk],
        )
    ]


def comment_texts(*, assessment: Assessment) -> list[tuple[int, str]]:
    """(factor id, text) of submitted responses, alphabetical so the order reveals nobody."""
    return [
        (factor_id, text)
        for factor_id, text in rows_of(
            f"SELECT c.factor_id, c.text FROM {table(Comment)} c "  # noqa: S608
            f"JOIN {table(Response)} r ON r.id = c.response_id WHERE r.assessment_id = %s "
            "AND r.submitted_at IS NOT NULL AND r.excluded_at IS NULL AND c.text <> '' ORDER BY c.factor_id, c.text",
            [assessment.pk],
        )
    ]


def invitation_counts(*, assessment: Assessment) -> dict[str, int]:
    """{"invited": invitations, "completed": those whose respondent finished}."""
    ((invited, completed),) = rows_of(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN completed_on IS NOT NULL THEN 1 ELSE 0 END), 0) "  # noqa: S608
        f"FROM {table(Invitation)} WHERE assessment_id = %s",
        [assessment.pk],
    )
    return {"invited": int(invited), "completed": int(completed)}


def servqual_link_counts(*, version: ModelVersion) -> list[tuple[str, int]]:
    """(SERVQUAL link, statements that carry it) for each of the four links, in the chain's order, from
    the model version's data (the method page's table); all zero for a model without links."""
    counts = dict(
        Statement.objects.filter(factor__version=version)
        .exclude(servqual_gap="")
        .values("servqual_gap")
        .annotate(n=Count("id"))
        .values_list("servqual_gap", "n")
    )
    return [(gap, counts.get(gap, 0)) for gap in GAPS]


def level_pairs(*, version_ids: Iterable[int]) -> dict[int, list[tuple[str, float]]]:
    """{version id: [(level code, min_score)]}, lowest first: one query for any number of versions."""
    pairs: defaultdict[int, list[tuple[str, float]]] = defaultdict(list)
    for version_id, code, min_score in (
        Level.objects.filter(version_id__in=version_ids)
        .order_by("min_score")
        .values_list("version_id", "code", "min_score")
    ):
        pairs[version_id].append((code, float(min_score)))
    return dict(pairs)
