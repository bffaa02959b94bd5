"""The database reads behind scoring: a fixed handful of queries, whatever the number of respondents."""

from django.db import connection
from django.db.models import Count, Q

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Comment, Invitation, Response, ResponseFactorSums
from assessments.questionnaire.sums import COLUMNS
from models_9plus.models import Advice, Factor, FactorLevelText, Level, ScaleOption, Statement


def model_content(*, version):
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
    positions = []
    seen = {}
    statements = []
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


def _submitted(assessment):
    # Responses a manager excluded (a suspicious open-link response) never count.
    return Response.objects.filter(assessment=assessment, submitted_at__isnull=False, excluded_at__isnull=True)


# Only identifiers of our own models are formatted in; the assessment id stays a query parameter.
_SUMS_SQL = (
    "SELECT s.response_id, s.factor_id, s.audience, "  # noqa: S608
    + ", ".join(f"s.{column}" for column in COLUMNS)
    + f" FROM {ResponseFactorSums._meta.db_table} s JOIN {Response._meta.db_table} r ON r.id = s.response_id"
    " WHERE r.assessment_id = %s AND r.submitted_at IS NOT NULL AND r.excluded_at IS NULL"
)


def respondent_sums(*, assessment):
    """The stored sums (ResponseFactorSums) of the submitted, not excluded responses, as plain tuples:
    (response id, factor id or None, audience, *questionnaire.sums.COLUMNS).

    A few rows per respondent (one per factor, one of totals for the lenses), written at submit, so this
    reads 7 rows for a respondent where the answers were 35. This is the one query whose rows grow with
    the respondents, so it runs on a plain cursor: tuples without Django's per-value converters (every
    column is already an int, a float or NULL).
    """
    with connection.cursor() as cursor:
        cursor.execute(_SUMS_SQL, [assessment.pk])
        return cursor.fetchall()


def _base(scale_max):
    return scale_max + 1


def item_values(packed, *, position, scale_max):
    """The scored answers at `position` of each packed `items` value (see questionnaire.sums.statement_infos):
    the j-th statement of a factor is digit j in base scale_max + 1 (a scored answer is below the base)."""
    base = _base(scale_max)
    place = base**position
    return [packed_value // place % base for packed_value in packed]


def respondent_cells(*, assessment):
    """{response id: (team id, role id)} of the submitted responses, including those without answers."""
    return {pk: (team, role) for pk, team, role in _submitted(assessment).values_list("id", "team_id", "role_id")}


def organisation_structure(*, assessment):
    """All teams and roles of the organisation, and the ids the assessment itself selected: four queries."""
    teams = list(
        Team.objects.filter(organisation_id=assessment.organisation_id).values("id", "public_id", "name", "parent_id")
    )
    roles = list(
        Role.objects.filter(organisation_id=assessment.organisation_id)
        .order_by("order", "name_en")
        .values("id", "public_id", "name_en", "name_nl", "is_management")
    )
    team_ids = set(assessment.teams.values_list("id", flat=True))
    role_ids = set(assessment.roles.values_list("id", flat=True))
    return teams, roles, team_ids, role_ids


def comment_texts(*, assessment):
    """(factor id, text) of submitted responses, alphabetical so the order reveals nobody."""
    return list(
        Comment.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .exclude(text="")
        .order_by("factor_id", "text")
        .values_list("factor_id", "text")
    )


def invitation_counts(*, assessment):
    return Invitation.objects.filter(assessment=assessment).aggregate(
        invited=Count("id"), completed=Count("id", filter=Q(completed_on__isnull=False))
    )


def factor_level_texts(*, version):
    """{factor id: [(level code, text_en, text_nl), ...]} in level order (per-factor model files)."""
    texts = {}
    for factor_id, code, text_en, text_nl in (
        FactorLevelText.objects.filter(factor__version=version)
        .order_by("level__order")
        .values_list("factor_id", "level__code", "text_en", "text_nl")
    ):
        texts.setdefault(factor_id, []).append((code, text_en, text_nl))
    return texts
