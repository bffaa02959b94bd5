"""Open team links: one shareable link per team, revoked by deactivating it."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.core.tokens import new_token
from assessments.organisations.models import Team
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment, TeamLink
from assessments.questionnaire.services.invitations.common import (
    InvitationError,
)
from assessments.questionnaire.services.invitations.importing import _lock_sendable


@transaction.atomic
def create_team_link(*, assessment: Assessment, team: Team, actor: User) -> TeamLink:
    """Activates the team's open link with a fresh token (an earlier, deactivated URL stays dead)."""
    assessment = _lock_sendable(assessment)
    if not assessment.teams.filter(pk=team.pk).exists():
        raise InvitationError(_("Choose a team of this assessment."))
    link, created = TeamLink.objects.get_or_create(
        assessment=assessment, team=team, defaults={"token": new_token(), "active": True}
    )
    if not created and not link.active:
        link.token = new_token()
        link.active = True
        link.save(update_fields=["token", "active"])
    activity.record(
        organisation=assessment.organisation, actor=actor, verb="created", obj=f"{assessment} · {team} (open link)"
    )
    return link


@transaction.atomic
def deactivate_team_link(*, assessment: Assessment, team: Team, actor: User) -> bool:
    changed = TeamLink.objects.filter(assessment=assessment, team=team, active=True).update(active=False)
    if changed:
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="deactivated",
            obj=f"{assessment} · {team} (open link)",
        )
    return bool(changed)
