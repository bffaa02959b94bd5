"""Which assessments the benchmark compares: every opted-in organisation's latest closed assessment.

They are scored by scoring's own path (`assessments.scoring.organisations`), so a peer's value is the score
on its own dashboard, audiences, excluded responses and thresholds included.
"""

from django.db.models import OuterRef, QuerySet, Subquery

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import newest_rounds_first


def latest_closed_assessments(*, model_version_id: int) -> QuerySet[Assessment]:
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
