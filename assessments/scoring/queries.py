"""The database reads behind scoring: a fixed handful of grouped queries, whatever the number of respondents."""

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, F, FloatField, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Cast

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import DONT_KNOW, Answer, Comment, Invitation, Response
from models_9plus.models import Advice, Factor, Level, ScaleOption, Statement


def model_content(*, version):
    """Scale, levels, factors (with statement counts), advice and item positions of a model version.

    positions[j] lists the ids of the statements that come j-th in their factor (five queries in all).
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
    for statement_id, factor_id in (
        Statement.objects.filter(factor__version=version)
        .order_by("factor_id", "order", "id")
        .values_list("id", "factor_id")
    ):
        j = seen[factor_id] = seen.get(factor_id, -1) + 1
        if j == len(positions):
            positions.append([])
        positions[j].append(statement_id)
    return scale, levels, factors, advice, positions


def _submitted(assessment):
    # Responses a manager excluded (a suspicious open-link response) never count.
    return Response.objects.filter(assessment=assessment, submitted_at__isnull=False, excluded_at__isnull=True)


def respondent_factor_rows(*, assessment, scale_min, scale_max, ambition, positions=()):
    """One row per submitted respondent x factor with weighted sums, computed by the database.

    Row: (response id, factor id, n_valid, n_dont_know, weighted_sum, weight_total, a_valid,
    a_weighted_sum, a_weight_total, items): `items` packs the respondent's (flipped) answers to the
    factor's statements into one integer, the j-th statement (see model_content's positions) being digit j
    in base scale_max + 1 (see `item_values`); Cronbach's alpha needs them for complete cases. It is None
    without `positions`.

    Reverse-scored statements are flipped (min + max - value); "don't know" (0) and values outside the
    scale are left out of every sum. Weights are cast to float so SQLite and PostgreSQL agree.
    """
    weight = Cast("statement__weight", FloatField())
    flip = Value(scale_min + scale_max)

    def scored(column):
        return Case(
            When(statement__reverse=True, then=flip - F(column)),
            default=F(column),
            output_field=FloatField(),
        )

    valid = Q(current__gte=scale_min, current__lte=scale_max)
    aggregates = {
        "n_valid": Count("id", filter=valid),
        "n_dont_know": Count("id", filter=Q(current=DONT_KNOW)),
        "weighted_sum": Sum(weight * scored("current"), filter=valid, output_field=FloatField()),
        "weight_total": Sum(weight, filter=valid, output_field=FloatField()),
    }
    if ambition:
        valid_ambition = Q(ambition__gte=scale_min, ambition__lte=scale_max)
        aggregates.update(
            a_valid=Count("id", filter=valid_ambition),
            a_weighted_sum=Sum(weight * scored("ambition"), filter=valid_ambition, output_field=FloatField()),
            a_weight_total=Sum(weight, filter=valid_ambition, output_field=FloatField()),
        )
    else:
        none = Value(None, output_field=FloatField())
        aggregates.update(a_valid=Value(0, output_field=IntegerField()), a_weighted_sum=none, a_weight_total=none)
    if positions:
        # One SUM of answer x base**position instead of one MAX(CASE) per position: the per-answer work
        # of this, the largest query, drops by a third. Digits cannot carry: a respondent answers each
        # statement once (unique constraint) and a scored answer is below the base.
        place = Case(
            *[When(statement_id__in=ids, then=Value(_base(scale_max) ** j)) for j, ids in enumerate(positions)],
            default=Value(0),
            output_field=IntegerField(),
        )
        items = Sum(place * scored("current"), filter=valid, output_field=IntegerField())
        if _base(scale_max) ** len(positions) >= 2**31:
            # Long factors on a wide scale outgrow PostgreSQL's integer; its SUM of bigints is a numeric,
            # so the sum is cast back to keep plain ints on the cursor.
            place = Cast(place, BigIntegerField())
            items = Cast(Sum(place * scored("current"), filter=valid), BigIntegerField())
        aggregates["items"] = items
    else:
        aggregates["items"] = Value(None, output_field=IntegerField())
    # Grouped by respondent and factor only (team and role come from `respondent_cells`). This is the one
    # query whose rows grow with the respondents (n x factors), so its SQL runs on a plain cursor: tuples
    # without Django's per-value converters (every column is already an int or a float).
    queryset = (
        Answer.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .values("response_id", "statement__factor_id")
        .annotate(**aggregates)
        .order_by()
        .values_list("response_id", "statement__factor_id", *aggregates)
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _base(scale_max):
    return scale_max + 1


def item_values(packed, *, position, scale_max):
    """The scored answers at `position` of each packed `items` value (see respondent_factor_rows)."""
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
