"""Minting personal links and sending invitation and reminder emails (runs in the worker)."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.respondent import estimated_minutes_of
from assessments.questionnaire.services.invitations.common import (
    REMINDER_COOLDOWN,
    InvitationError,
    invitation_url,
    issue_token,
)


def _render_email(*, invitation: Invitation, url: str | None, kind: str) -> tuple[str, str]:
    """Subject and body in every language the assessment offers, its first language first."""
    assessment = invitation.assessment
    languages = assessment.languages or [assessment.organisation.default_language]
    subjects: list[str] = []
    bodies: list[str] = []
    for language in languages:
        with translation.override(language):
            context = {
                "assessment": assessment,
                "organisation": assessment.organisation,
                "model_name": assessment.model_version.t("name", language),
                "url": url,
                "kind": kind,
                "closes_at": assessment.closes_at,
                "minutes": estimated_minutes_of(assessment=assessment),
            }
            subjects.append(render_to_string("manage/email/invitation_subject.txt", context).strip())
            bodies.append(render_to_string("manage/email/invitation.txt", context).strip())
    return subjects[0], "\n\n---------------------------------------------\n\n".join(bodies) + "\n"


def _send(*, invitation: Invitation, url: str | None, kind: str, connection: BaseEmailBackend) -> None:
    subject, body = _render_email(invitation=invitation, url=url, kind=kind)
    mail.EmailMessage(subject, body, to=[invitation.email], connection=connection).send()


def _invitations_to_send(ids: Iterable[int]) -> QuerySet[Invitation]:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("assessment__organisation", "assessment__model_version")
        .filter(pk__in=ids)
        .exclude(email="")
    )


def send_invitations(*, invitation_ids: Iterable[int], now: datetime | None = None) -> int:
    """Mints each unsent invitation's link and emails it. Safe to run twice: sent ones are skipped.

    Each invitation commits on its own, with the email sent inside its transaction: a failing mail
    server rolls the new token back, so a retry sends again instead of leaving a dead link.
    """
    sent = 0
    with mail.get_connection() as connection:
        for invitation_id in invitation_ids:
            with transaction.atomic():
                invitation = _invitations_to_send([invitation_id]).filter(sent_at__isnull=True).first()
                if invitation is None or invitation.assessment.status != Assessment.Status.OPEN:
                    continue
                token = issue_token(invitation=invitation)
                invitation.sent_at = now or timezone.now()
                invitation.save(update_fields=["token_hash", "sent_at"])
                _send(invitation=invitation, url=invitation_url(token), kind="invitation", connection=connection)
                sent += 1
    return sent


@transaction.atomic
def schedule_reminders(*, assessment: Assessment, actor: User, now: datetime | None = None) -> int:
    """After commit, remind everyone invited who has not completed. Returns how many will be reminded."""
    from assessments.questionnaire import tasks

    now = now or timezone.now()
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.OPEN:
        raise InvitationError(_("Reminders can only be sent while the assessment is open."))
    ids = list(_remindable(assessment=assessment, now=now).values_list("pk", flat=True))
    if ids:
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="reminded",
            obj=assessment,
            detail=_("%(n)s people") % {"n": len(ids)},
        )
        transaction.on_commit(lambda: tasks.send_reminder_emails.delay(ids), robust=True)
    return len(ids)


def _remindable(*, assessment: Assessment, now: datetime) -> QuerySet[Invitation]:
    recent = now - REMINDER_COOLDOWN
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=True, sent_at__isnull=False)
        .exclude(email="")
        .exclude(reminded_at__gt=recent)
        .exclude(sent_at__gt=recent)
    )


def send_reminders(*, invitation_ids: Iterable[int], now: datetime | None = None) -> int:
    """Reminds each invitation that is still not completed; skips ones reminded moments ago."""
    now = now or timezone.now()
    sent = 0
    with mail.get_connection() as connection:
        for invitation_id in invitation_ids:
            with transaction.atomic():
                invitation = (
                    _invitations_to_send([invitation_id])
                    .filter(completed_on__isnull=True)
                    .exclude(reminded_at__gt=now - REMINDER_COOLDOWN)
                    .first()
                )
                if invitation is None or invitation.assessment.status != Assessment.Status.OPEN:
                    continue
                if invitation.started:
                    # Their link is also the key to the answers they saved: keep it, don't replace it.
                    url, kind, fields = None, "continue", ["reminded_at"]
                else:
                    url, kind, fields = (
                        invitation_url(issue_token(invitation=invitation)),
                        "reminder",
                        [
                            "token_hash",
                            "reminded_at",
                        ],
                    )
                invitation.reminded_at = now
                invitation.save(update_fields=fields)
                _send(invitation=invitation, url=url, kind=kind, connection=connection)
                sent += 1
    return sent
