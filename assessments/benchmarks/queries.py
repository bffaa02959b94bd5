"""Which assessments the benchmark compares: every opted-in organisation's latest closed assessment.

They are scored by scoring's own path (`assessments.scoring.organisations`), so a peer's value is the score
on its own dashboard, audiences, excluded responses and thresholds included.
"""

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import newest_round_ordering


def latest_closed_assessments(*, model_version_id: int) -> QuerySet[Assessment]:
    """Each opted-in organisation's most recently closed assessment on this model version."""
    # The latest by the round's dates (closed_at would put an old round entered and closed late first), numbered
    # per organisation by one window over the closed rounds: a subquery per round read a consultancy's 5,000
    # rounds once each (issue 26: the benchmark page took 2.5 times as long at 1,000 clients as at 10).
    ranked = Assessment.objects.filter(
        status=Assessment.Status.CLOSED, model_version_id=model_version_id, organisation__benchmark_opt_in=True
    ).annotate(newest=Window(RowNumber(), partition_by=F("organisation_id"), order_by=newest_round_ordering()))
    return ranked.filter(newest=1)
