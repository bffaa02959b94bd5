"""Withdrawing an invitation and correcting a mistyped address, both logged.

A withdrawn invitation is deleted: its link finds nothing and the respondent gets the "link does not
work" page. A corrected address gets a fresh personal link by email; the old link dies at once. People
who completed cannot be withdrawn or corrected: their answers stay anonymous and in the results.
"""

from uuid import UUID

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.services.invitations.common import InvitationError, _placeholder_hash
from assessments.questionnaire.services.invitations.importing import _lock_sendable, schedule_unsent


def masked(email: str) -> str:
    """ "anna.jansen@example.org" -> "a…@example.org": enough to recognise in the log, not a contact list."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else "…"


def _locked_invitation(*, assessment: Assessment, public_id: UUID | str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("team")
        .filter(assessment=assessment, public_id=public_id)
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation no longer exists."))
    if invitation.completed_on is not None:
        raise InvitationError(_("This person has already answered; their invitation can no longer be changed."))
    if not invitation.email:
        raise InvitationError(_("This address has been erased; the invitation can no longer be changed."))
    return invitation


@transaction.atomic
def withdraw_invitation(*, assessment: Assessment, actor: User, public_id: UUID | str) -> str:
    """Deletes a not-completed invitation; its link stops working. Returns the address it had."""
    assessment = _lock_sendable(assessment)
    invitation = _locked_invitation(assessment=assessment, public_id=public_id)
    email, team = invitation.email, invitation.team.name
    invitation.delete()
    bump_data_version(assessment_ids=[assessment.pk])  # the response rate counts invitations
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="invitation_withdrawn",
        obj=assessment,
        detail=f"{masked(email)}, {team}",
    )
    return email


@transaction.atomic
def correct_invitation(*, assessment: Assessment, actor: User, public_id: UUID | str, email: str) -> Invitation:
    """Replaces a mistyped address: the old link dies and (in an open assessment) a new one is emailed."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError(_("“%(email)s” is not a valid email address.") % {"email": email}) from None
    assessment = _lock_sendable(assessment)
    invitation = _locked_invitation(assessment=assessment, public_id=public_id)
    if email == invitation.email.casefold():
        return invitation  # a repeated submit changes nothing
    if Invitation.objects.filter(assessment=assessment, email__iexact=email).exists():
        raise InvitationError(_("%(email)s is already invited to this assessment.") % {"email": email})
    old = invitation.email
    invitation.email = email
    # A throw-away hash: the old link stops working now; the send job mints and emails the new one.
    invitation.token_hash = _placeholder_hash()
    invitation.sent_at = None
    invitation.reminded_at = None
    invitation.started = False
    invitation.save(update_fields=["email", "token_hash", "sent_at", "reminded_at", "started"])
    bump_data_version(assessment_ids=[assessment.pk])
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="invitation_corrected",
        obj=assessment,
        detail=f"{masked(old)} → {masked(email)}",
    )
    if assessment.status == Assessment.Status.OPEN:
        schedule_unsent(assessment=assessment)
    return invitation
