"""What respondents and directors see: the respondent summary and the organisation's landing."""

from typing import Any

from assessments.actions.selectors.plan import headline_actions, plan_status
from assessments.actions.selectors.trend import latest_round, organisation_trend
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment


def respondent_summary(*, assessment: Assessment, language: str) -> dict[str, Any]:
    """Organisation-level figures only (the scoring result has applied the anonymity rules) and the plan's
    headlines without owners: nothing in it points at a team, a role or a person."""
    result = score_assessment(assessment=assessment)
    level = result.level(result.level_code) if result.level_code else None
    factors = [
        {"name": info.name(language), "score": result.organisation.factor(info.code).score} for info in result.factors
    ]
    return {
        "result": result,
        "index": result.index,
        "level_name": level.name(language) if level else "",
        "level_description": level.description(language) if level else "",
        "factors": factors,
        "respondents": result.respondents,
        "strongest": result.factor(result.strongest).name(language) if result.strongest else "",
        "weakest": result.factor(result.weakest).name(language) if result.weakest else "",
        "priorities": [result.factor(p.factor_code).name(language) for p in result.priorities],
        "plan": headline_actions(organisation=assessment.organisation),
    }


def organisation_landing(*, organisation: Organisation, language: str) -> dict[str, Any] | None:
    """The latest result first: index and level, the trend, priorities, the plan's status. None before any round."""
    latest = latest_round(organisation=organisation)
    if latest is None:
        return None
    result = score_assessment(assessment=latest)
    level = result.level(result.level_code) if result.level_code else None
    trend = organisation_trend(organisation=organisation, language=language)
    return {
        "latest": latest,
        "result": result,
        "level": level,
        "level_name": level.name(language) if level else "",
        "priorities": [
            {"name": result.factor(p.factor_code).name(language), "score": p.score} for p in result.priorities
        ],
        "trend": trend,
        "index_points": [(r.assessment.title, r.index) for r in trend["rounds"] if r.index is not None],
        "plan": plan_status(organisation=organisation),
    }
