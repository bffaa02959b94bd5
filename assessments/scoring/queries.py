"""The database reads behind scoring: a fixed handful of grouped queries, whatever the number of respondents."""

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, F, FloatField, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Cast

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import DONT_KNOW, Answer, Comment, FactorAmbition, Invitation, Response
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


def _scored(column, *, scale_min, scale_max):
    """An answer column as scored: reverse-scored statements flipped (min + max - value)."""
    return Case(
        When(statement__reverse=True, then=Value(scale_min + scale_max) - F(column)),
        default=F(column),
        output_field=FloatField(),
    )


def not_asked(*, statements, management_role_ids, staff_role_ids):
    """A Q matching answers to statements the respondent's role was not asked (their audience), or None.

    Respondents without a role were asked everything (see questionnaire.selectors.respondent.statements_for).
    """
    skip = {
        kind: [s["id"] for s in statements if s["audience"] and kind not in s["audience"]]
        for kind in ("management", "staff")
    }
    parts = [
        Q(statement_id__in=skip[kind], response__role_id__in=role_ids)
        for kind, role_ids in (("management", management_role_ids), ("staff", staff_role_ids))
        if skip[kind] and role_ids
    ]
    if not parts:
        return None
    drop = parts[0]
    for part in parts[1:]:
        drop |= part
    return drop


def respondent_factor_rows(*, assessment, scale_min, scale_max, ambition, positions=(), exclude=None):
    """One row per submitted respondent x factor with weighted sums, computed by the database.

    Row: (response id, factor id, n_valid, n_dont_know, weighted_sum, weight_total, a_valid,
    a_weighted_sum, a_weight_total, items): `items` packs the respondent's (flipped) answers to the
    factor's statements into one integer, the j-th statement (see model_content's positions) being digit j
    in base scale_max + 1 (see `item_values`); Cronbach's alpha needs them for complete cases. It is None
    without `positions`.

    Reverse-scored statements are flipped (min + max - value); "don't know" (0) and values outside the
    scale are left out of every sum. Weights are cast to float so SQLite and PostgreSQL agree.
    exclude: a Q of answers to leave out (statements the respondent's role was not asked, see `not_asked`).
    """
    weight = Cast("statement__weight", FloatField())

    def scored(column):
        return _scored(column, scale_min=scale_min, scale_max=scale_max)

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
    answers = Answer.objects.filter(
        response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
    )
    if exclude is not None:
        answers = answers.exclude(exclude)
    queryset = (
        answers.values("response_id", "statement__factor_id")
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


def factor_ambition_rows(*, assessment, scale_min, scale_max):
    """(response id, factor id, value) of the per-factor ambitions (v2) of submitted responses, on the scale."""
    return list(
        FactorAmbition.objects.filter(
            response__assessment=assessment,
            response__submitted_at__isnull=False,
            response__excluded_at__isnull=True,
            value__gte=scale_min,
            value__lte=scale_max,
        ).values_list("response_id", "factor_id", "value")
    )


def lens_rows(*, assessment, scale_min, scale_max, exclude=None):
    """One row per submitted respondent x factor x tag x SERVQUAL gap: (response id, factor id, tag, gap,
    n_valid, weighted_sum, weight_total), the same sums as respondent_factor_rows over scale answers only."""
    weight = Cast("statement__weight", FloatField())
    valid = Q(current__gte=scale_min, current__lte=scale_max)
    scored = _scored("current", scale_min=scale_min, scale_max=scale_max)
    answers = Answer.objects.filter(
        response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
    ).filter(valid)
    if exclude is not None:
        answers = answers.exclude(exclude)
    return list(
        answers.values("response_id", "statement__factor_id", "statement__tag", "statement__servqual_gap")
        .annotate(
            n_valid=Count("id"),
            weighted_sum=Sum(weight * scored, output_field=FloatField()),
            weight_total=Sum(weight, output_field=FloatField()),
        )
        .order_by()
        .values_list(
            "response_id",
            "statement__factor_id",
            "statement__tag",
            "statement__servqual_gap",
            "n_valid",
            "weighted_sum",
            "weight_total",
        )
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
