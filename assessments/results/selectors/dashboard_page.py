"""Everything the dashboard page shows for one assessment: the member's page and the read-only board link
(actions/views/board.py) read the same figures from here."""

from typing import Any

from assessments.questionnaire.models import Assessment
from assessments.results import contributions
from assessments.results.selectors.dashboard import dashboard_context
from assessments.results.selectors.key_message import key_message
from assessments.scoring import score_assessment
from assessments.scoring.cache import result_cache_key
from assessments.scoring.result import AssessmentResult


def dashboard_page_context(*, assessment: Assessment, language: str) -> dict[str, Any]:
    result = score_assessment(assessment=assessment)
    context = dashboard_context(result=result, language=language, cache_key=result_cache_key(assessment=assessment))
    context.update(assessment=assessment, organisation=assessment.organisation)
    context["key_message"] = key_message(assessment=assessment, result=result, language=language)
    _add_contributed_overlays(context, assessment=assessment, result=result, language=language)
    return context


def _add_contributed_overlays(
    context: dict[str, Any], *, assessment: Assessment, result: AssessmentResult, language: str
) -> None:
    """Overlays of the domains above results (see results/contributions.py), next to the built-in ones."""
    extra = contributions.radar_overlays(assessment=assessment, result=result, language=language)
    if not extra:
        return
    radar = context["radar_data"]
    context["radar_data"] = {**radar, "overlays": {**radar["overlays"], **{o.name: o.traces for o in extra}}}
    context["overlays"] = [*context["overlays"], *({"name": o.name, "label": o.label} for o in extra)]
