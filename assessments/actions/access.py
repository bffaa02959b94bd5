"""Who may open an action: its organisation's members (404 for everyone else, 403 for viewers who change)."""

from uuid import UUID

from django.http import Http404

from assessments.actions.models import PlanAction
from assessments.core.http import AnyUser
from assessments.organisations.access import check_membership, membership_for
from assessments.organisations.models import Membership


def get_action_in(
    *, user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool = False, leaders: bool = False
) -> tuple[PlanAction, Membership]:
    """An action; a team leader (on a page that admits them) reaches only the actions they own (else 404)."""
    action = (
        PlanAction.objects.select_related("organisation", "owner__user", "assessment__model_version")
        .filter(organisation__public_id=org, public_id=public_id)
        .first()
    )
    if action is None:
        raise Http404
    membership = check_membership(
        membership_for(user=user, organisation=action.organisation), manage=manage, leaders=leaders
    )
    if membership.is_team_leader and action.owner_id != membership.pk:
        raise Http404
    return action, membership
