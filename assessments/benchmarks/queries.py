"""The benchmark's one grouped query: every opted-in organisation's latest closed assessment, scored per factor.

Scored the way the dashboard scores an organisation: each respondent's weighted mean per factor (reverse
statements flipped, "don't know" left out, counted only with valid answers to at least half the factor's
statements), averaged over respondents. A factor of an assessment is kept only when at least its own
score threshold of respondents count for it, so nothing the organisation itself would hide is used.
"""

from django.db import connection
from django.db.models import Case, Count, F, FloatField, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Cast

from assessments.questionnaire.models import Answer, Assessment
from assessments.questionnaire.selectors.assessments import newest_rounds_first
from models_9plus.models import Statement

_OUTER = (
    "SELECT assessment_ref, org_ref, sector, size_band, factor_code, COUNT(*), AVG(mean) "
    "FROM ({inner}) per_respondent "
    "GROUP BY assessment_ref, org_ref, sector, size_band, threshold, factor_code "
    "HAVING COUNT(*) >= threshold"
)


def latest_closed_assessments(*, model_version_id: int):
    """Each opted-in organisation's most recently closed assessment on this model version."""
    # The latest by the round's dates (closed_at would put an old round entered and closed late first).
    latest = newest_rounds_first(
        Assessment.objects.filter(
            organisation=OuterRef("organisation"), status=Assessment.Status.CLOSED, model_version_id=model_version_id
        )
    ).values("pk")[:1]
    return Assessment.objects.filter(
        status=Assessment.Status.CLOSED,
        model_version_id=model_version_id,
        organisation__benchmark_opt_in=True,
        pk=Subquery(latest),
    )


def _per_respondent(*, assessments, scale_min, scale_max):
    weight = Cast("statement__weight", FloatField())
    scored = Case(
        When(statement__reverse=True, then=Value(scale_min + scale_max) - F("current")),
        default=F("current"),
        output_field=FloatField(),
    )
    statement_count = (
        Statement.objects.filter(factor=OuterRef("statement__factor"))
        .order_by()
        .values("factor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Answer.objects.filter(
            response__assessment__in=assessments,
            response__submitted_at__isnull=False,
            current__gte=scale_min,
            current__lte=scale_max,
        )
        .annotate(
            assessment_ref=F("response__assessment_id"),
            org_ref=F("response__assessment__organisation_id"),
            sector=F("response__assessment__organisation__sector"),
            size_band=F("response__assessment__organisation__size_band"),
            threshold=F("response__assessment__threshold_scores"),
            factor_code=F("statement__factor__code"),
            statements=Subquery(statement_count, output_field=IntegerField()),
        )
        .values(
            "response_id",
            "statement__factor_id",
            "assessment_ref",
            "org_ref",
            "sector",
            "size_band",
            "threshold",
            "factor_code",
            "statements",
        )
        .annotate(
            doubled=Count("pk") * 2,
            mean=Sum(weight * scored, output_field=FloatField()) / Sum(weight, output_field=FloatField()),
        )
        .filter(doubled__gte=F("statements"))
        .order_by()
        .values_list("assessment_ref", "org_ref", "sector", "size_band", "threshold", "factor_code", "mean")
    )


def factor_means(*, assessments, scale_min: int, scale_max: int) -> list[tuple]:
    """(assessment id, organisation id, sector, size band, factor code, respondents, mean answer) for every
    assessment of the queryset and factor that meets the assessment's own score threshold: one grouped
    query over the per-respondent means."""
    inner = _per_respondent(assessments=assessments, scale_min=scale_min, scale_max=scale_max)
    sql, params = inner.query.sql_with_params()
    # Django cannot aggregate over an aggregate; the outer GROUP BY runs over the inner query as a table.
    outer = _OUTER.replace("{inner}", sql)  # the inner SQL is Django's; its parameters stay parameters
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()
