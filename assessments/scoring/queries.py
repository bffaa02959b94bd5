"""The database reads behind scoring: a fixed handful of queries, whatever the number of respondents."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypedDict, cast
from uuid import UUID

from django.db import connection
from django.db.models import Count, Q, QuerySet

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Assessment, Comment, Invitation, Response, ResponseFactorSums
from assessments.questionnaire.sums import GAPS, scale_bounds
from models_9plus.models import Advice, Factor, FactorLevelText, Level, ModelVersion, ScaleOption, Statement

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


def model_content(
    *, version: ModelVersion
) -> tuple[list[ScaleRow], list[LevelRow], list[FactorRow], list[AdviceRow], list[list[int]], list[StatementRow]]:
    """Scale, levels, factors (with statement counts), advice, item positions and statements of a model version.

    positions[j] lists the ids of the statements that come j-th in their factor (five queries in all).
    statements: one dict per statement (id, factor_id, tag, gap, audience), read by the positions' query.
    """
    scale = list(ScaleOption.objects.filter(version=version).order_by("value").values("value", "label_en", "label_nl"))
    levels = list(
        Level.objects.filter(version=version)
        .order_by("order")
        .values("code", "order", "min_score", "name_en", "name_nl", "description_en", "description_nl")
    )
    factors = list(
        Factor.objects.filter(version=version)
        .order_by("order")
        .annotate(statement_count=Count("statements"))
        .values("id", "code", "order", "name_en", "name_nl", "description_en", "description_nl", "statement_count")
    )
    advice = list(
        Advice.objects.filter(factor__version=version).values("factor__code", "level__code", "actions_en", "actions_nl")
    )
    positions: list[list[int]] = []
    seen: dict[int, int] = {}
    statements: list[StatementRow] = []
    for statement_id, factor_id, tag, gap, audience in (
        Statement.objects.filter(factor__version=version)
        .order_by("factor_id", "order", "id")
        .values_list("id", "factor_id", "tag", "servqual_gap", "audience")
    ):
        j = seen[factor_id] = seen.get(factor_id, -1) + 1
        if j == len(positions):
            positions.append([])
        positions[j].append(statement_id)
        statements.append(
            {"id": statement_id, "factor_id": factor_id, "tag": tag, "gap": gap, "audience": tuple(audience or ())}
        )
    return scale, levels, factors, advice, positions, statements


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


def organisation_structure(*, assessment: Assessment) -> tuple[list[TeamRow], list[RoleRow], set[int], set[int]]:
    """All teams and roles of the organisation, and the ids the assessment itself selected: four queries."""
    # cast: django-stubs types values("parent_id") as int, though top-level teams have None there.
    teams = cast(
        "list[TeamRow]",
        list(
            Team.objects.filter(organisation_id=assessment.organisation_id).values(
                "id", "public_id", "name", "parent_id"
            )
        ),
    )
    roles = list(
        Role.objects.filter(organisation_id=assessment.organisation_id)
        .order_by("order", "name_en")
        .values("id", "public_id", "name_en", "name_nl", "is_management")
    )
    team_ids = set(assessment.teams.values_list("id", flat=True))
    role_ids = set(assessment.roles.values_list("id", flat=True))
    return teams, roles, team_ids, role_ids


def comment_texts(*, assessment: Assessment) -> list[tuple[int, str]]:
    """(factor id, text) of submitted responses, alphabetical so the order reveals nobody."""
    return list(
        Comment.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .exclude(text="")
        .order_by("factor_id", "text")
        .values_list("factor_id", "text")
    )


def invitation_counts(*, assessment: Assessment) -> dict[str, int]:
    return Invitation.objects.filter(assessment=assessment).aggregate(
        invited=Count("id"), completed=Count("id", filter=Q(completed_on__isnull=False))
    )


def factor_level_texts(*, version: ModelVersion) -> dict[int, list[tuple[str, str, str]]]:
    """{factor id: [(level code, text_en, text_nl), ...]} in level order (per-factor model files)."""
    texts: dict[int, list[tuple[str, str, str]]] = {}
    for factor_id, code, text_en, text_nl in (
        FactorLevelText.objects.filter(factor__version=version)
        .order_by("level__order")
        .values_list("factor_id", "level__code", "text_en", "text_nl")
    ):
        texts.setdefault(factor_id, []).append((code, text_en, text_nl))
    return texts


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
