"""Sections that domains above this one add to the plan page and to an action's page (the customer success
measures of journeys), without being imported here. `AssessmentsConfig.ready` registers them.

A plan provider is `provider(*, organisation, membership, actions, language) -> {"template": ..., **context}
| None` (`actions`: the actions the page lists, so a team leader sees their own only); an action provider is
`provider(*, action, membership, language) -> {...} | None`. Each must read in a fixed number of queries.
"""

from collections.abc import Callable, Sequence
from typing import Any

from assessments.actions.models import PlanAction
from assessments.organisations.models import Membership, Organisation

Section = Callable[..., dict[str, Any] | None]
_plan: list[Section] = []
_action: list[Section] = []


def register_plan_section(provider: Section) -> Section:
    if provider not in _plan:
        _plan.append(provider)
    return provider


def register_action_section(provider: Section) -> Section:
    if provider not in _action:
        _action.append(provider)
    return provider


def plan_sections(
    *, organisation: Organisation, membership: Membership, actions: Sequence[PlanAction], language: str
) -> list[dict[str, Any]]:
    found = (p(organisation=organisation, membership=membership, actions=actions, language=language) for p in _plan)
    return [section for section in found if section]


def action_sections(*, action: PlanAction, membership: Membership, language: str) -> list[dict[str, Any]]:
    found = (p(action=action, membership=membership, language=language) for p in _action)
    return [section for section in found if section]
