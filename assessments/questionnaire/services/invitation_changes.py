"""Invitations given as structured rows (the API) and withdrawing an invitation nobody has used yet."""

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Invitation
from assessments.questionnaire.services.invitations import (
    InvitationError,
    RowError,
    _check_rows,
    _lock_sendable,
    _Matcher,
)


def check_rows(*, assessment, rows) -> tuple[list, list[RowError]]:
    """rows: (email, Team, Role or None) already resolved to this assessment's teams and roles.

    The same checks as a pasted list (valid, not duplicated, not invited yet, at most MAX_ROWS).
    """
    raw = [(line, email, team, role) for line, (email, team, role) in enumerate(rows, start=1)]
    return _check_rows(raw_rows=raw, matcher=_Matcher(assessment))


@transaction.atomic
def withdraw_invitation(*, invitation, actor) -> None:
    """Deletes an invitation that has not been started; its link stops working at once."""
    assessment = _lock_sendable(invitation.assessment)
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return  # already withdrawn: a repeated request changes nothing
    if invitation.started or invitation.completed_on:
        raise InvitationError(_("This invitation has been used and can no longer be withdrawn."))
    email = invitation.email
    invitation.delete()
    bump_data_version(assessment_ids=[assessment.pk])  # the response rate counts invitations
    activity.record(organisation=assessment.organisation, actor=actor, verb="withdrawn", obj=assessment, detail=email)
