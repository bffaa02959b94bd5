"""What other domains keep about a team, role or organisation, counted for its delete confirmation.

The domains above this one register a counter when the app is ready (`AssessmentsConfig.ready`), so this
package can show "deleting this team removes 12 invitations" without importing the questionnaire.
"""

from collections.abc import Callable

from assessments.organisations.models import Organisation, Role

DependentCounter = Callable[..., dict[str, int]]
_counters: list[DependentCounter] = []


def register(counter: DependentCounter) -> DependentCounter:
    """Register `counter(*, team_ids, role, organisation) -> {label: count}`; exactly one argument is set."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


def count_dependents(
    *, team_ids: list[int] | None = None, role: Role | None = None, organisation: Organisation | None = None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for counter in _counters:
        counts.update(counter(team_ids=team_ids, role=role, organisation=organisation))
    return counts
