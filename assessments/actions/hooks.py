"""How action plans show up on pages of lower domains: the organisation home and the PDF report."""

from django.utils import translation

from assessments.actions.selectors.plan import next_steps, plan_actions
from assessments.actions.selectors.summary import organisation_landing
from assessments.actions.selectors.trend import next_measurement, next_round_started, organisation_trend
from assessments.actions.views.trend import trend_chart
from assessments.results.selectors.key_message import PlanFacts


def landing_section(*, organisation, membership, language):
    landing = organisation_landing(organisation=organisation, language=language)
    if landing is None:
        return None
    landing["chart"] = trend_chart(landing["trend"]) if landing["trend"]["has_trend"] else ""
    return {"template": "actions/_landing.html", **landing}


def report_pages(*, assessment, result, language):
    """The next-steps page once there are scores or actions; the trend page from the second round with scores on.

    Without either, the page would hold nothing but notices: the summary already says no score is shown yet.
    """
    with translation.override(language):
        actions = next_steps(organisation=assessment.organisation)
        pages = []
        if actions or result.index is not None:
            pages.append(
                {
                    "template": "actions/report_next_steps.html",
                    "actions": actions,
                    "overdue": sum(1 for a in actions if a.overdue),
                    "next_measurement": next_measurement(assessment=assessment),
                    "next_round_started": next_round_started(assessment=assessment),
                    "language": language,
                }
            )
        trend = organisation_trend(organisation=assessment.organisation, language=language, until=assessment)
        # The trend up to this round: a report keeps telling the story of its own moment.
        if trend["has_trend"]:
            pages.append(
                {
                    "template": "actions/report_trend.html",
                    "trend": trend,
                    "chart": trend_chart(trend),
                    "language": language,
                }
            )
    return pages


def key_message_facts(*, assessment, result, language):
    """What the plan already holds per factor (dropped actions left out), for the key message's decisions."""
    by_factor: dict[str, dict[str, int]] = {}
    for action in plan_actions(organisation=assessment.organisation):
        if action.status == action.Status.DROPPED:
            continue
        counts = by_factor.setdefault(action.factor_code, {})
        counts[action.status] = counts.get(action.status, 0) + 1
    return [PlanFacts(by_factor=by_factor)]
