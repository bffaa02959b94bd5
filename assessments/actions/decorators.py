"""`@action_page(manage=...)`: /o/<org>/plan/<action>/… views get (request, action, membership)."""

from collections.abc import Callable

from assessments.actions.access import get_action_in
from assessments.organisations.decorators import View, _in_organisation, member_page


def action_page(*, manage: bool = False, leaders: bool = False) -> Callable[[View], View]:
    """leaders: team leaders may open the page for the actions they own (other actions answer 404)."""
    return member_page(_in_organisation(get_action_in, "action"), manage=manage, leaders=leaders)
