"""Which assessments the benchmark compares: every opted-in organisation's latest closed assessment.

They are scored by scoring's own path (`assessments.scoring.organisations`), so a peer's value is the score
on its own dashboard, audiences, excluded responses and thresholds included.
"""

from django.db.models import F, OuterRef, Subquery

from assessments.questionnaire.models import Assessment


def latest_closed_assessments(*, model_version_id: int):
    """Each opted-in organisation's most recently closed assessment on this model version."""
    latest = (
        Assessment.objects.filter(
            organisation=OuterRef("organisation"), status=Assessment.Status.CLOSED, model_version_id=model_version_id
        )
        .order_by(F("closed_at").desc(nulls_last=True), "-pk")
        .values("pk")[:1]
    )
    return Assessment.objects.select_related("organisation").filter(
        status=Assessment.Status.CLOSED,
        model_version_id=model_version_id,
        organisation__benchmark_opt_in=True,
        pk=Subquery(latest),
    )
