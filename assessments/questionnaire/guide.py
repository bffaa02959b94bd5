"""The first-run guide as a section of the organisation's home page (registered in AssessmentsConfig.ready)."""

from typing import Any

from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.selectors.guide import first_run_guide


def guide_section(*, organisation: Organisation, membership: Membership, language: str) -> dict[str, Any] | None:
    """Shown to the people who manage the organisation until every step is done."""
    if not membership.can_manage:
        return None
    steps = first_run_guide(organisation=organisation)
    if all(step.done for step in steps):
        return None
    next_step = next((step for step in steps if not step.done and step.url), None)
    return {
        "template": "manage/_first_run_guide.html",
        "steps": steps,
        "next_step": next_step,
        "done_count": sum(1 for step in steps if step.done),
    }
