"""The measures on the plan page (beside the maturity index of each wave, from the trend) and on an action's
page; registered into `actions.sections` by `AssessmentsConfig.ready`."""

from collections.abc import Sequence
from typing import Any

from assessments.actions.models import PlanAction
from assessments.actions.selectors.trend import organisation_trend
from assessments.journeys.measures.presenters import row_context
from assessments.journeys.measures.selectors import measure_rows
from assessments.organisations.models import Membership, Organisation
from assessments.outside_in import display


def _index_by_round(organisation: Organisation, language: str) -> dict[int, str]:
    trend = organisation_trend(organisation=organisation, language=language)
    return {r.assessment.pk: display.number(r.index) for r in trend["rounds"] if r.index is not None}


def plan_section(
    *, organisation: Organisation, membership: Membership, actions: Sequence[PlanAction], language: str
) -> dict[str, Any] | None:
    if membership.is_team_leader:
        return None  # customers' figures are for the organisation's members, as on the journey pages
    rows = measure_rows(organisation=organisation, action_ids=[a.pk for a in actions])
    if not rows:
        return None
    index = _index_by_round(organisation, language)
    return {
        "template": "journeys/measures/_plan_section.html",
        "rows": [row_context(row, index=index) for row in rows],
        "organisation": organisation,
    }


def action_section(*, action: PlanAction, membership: Membership, language: str) -> dict[str, Any] | None:
    if membership.is_team_leader:
        return None  # the measure's figures are the organisation's customers: for its members, not one owner
    rows = measure_rows(organisation=action.organisation, action_ids=[action.pk])
    return {
        "template": "journeys/measures/_action_section.html",
        "row": row_context(rows[0], index=_index_by_round(action.organisation, language)) if rows else None,
        "action": action,
        "can_manage": membership.can_manage and action.assessment_id is not None,
    }
