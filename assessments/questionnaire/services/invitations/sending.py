"""Minting personal links and sending invitation and reminder emails (runs in the worker)."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.emails import Person, RenderedEmail, language_of, render_email, texts_of
from assessments.questionnaire.models import Assessment, EmailKind, EmailText, Invitation
from assessments.questionnaire.selectors.emails import REMINDER_COOLDOWN, remindable_invitations, saved_texts
from assessments.questionnaire.selectors.respondent import estimated_minutes_of
from assessments.questionnaire.services.invitations.common import (
    InvitationError,
    invitation_url,
    issue_token,
)


class _Batch:
    """What every e-mail of one assessment shares, loaded once per send run: the texts and the minutes."""

    def __init__(self) -> None:
        self._by_assessment: dict[int, tuple[dict[tuple[str, str], EmailText], int]] = {}

    def render(self, *, invitation: Invitation, url: str | None, kind: str) -> RenderedEmail:
        assessment = invitation.assessment
        if assessment.pk not in self._by_assessment:
            self._by_assessment[assessment.pk] = (
                saved_texts(assessment=assessment),
                estimated_minutes_of(assessment=assessment),
            )
        saved, minutes = self._by_assessment[assessment.pk]
        language = language_of(invitation=invitation, assessment=assessment)
        subject, body = texts_of(assessment=assessment, kind=kind, language=language, saved=saved)
        return render_email(
            assessment=assessment,
            kind=kind,
            person=Person(language=language, url=url, name=invitation.name),
            subject=subject,
            body=body,
            minutes=minutes,
            model_name=assessment.model_version.t("name", language),
        )


def _send(*, invitation: Invitation, url: str | None, kind: str, connection: BaseEmailBackend, batch: _Batch) -> None:
    """One person's e-mail in their language: plain text with an HTML alternative."""
    rendered = batch.render(invitation=invitation, url=url, kind=kind)
    message = mail.EmailMultiAlternatives(rendered.subject, rendered.text, to=[invitation.email], connection=connection)
    message.attach_alternative(rendered.html, "text/html")
    message.extra_headers["Content-Language"] = rendered.language
    message.send()


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
    batch = _Batch()
    with mail.get_connection() as connection:
        for invitation_id in invitation_ids:
            with transaction.atomic():
                invitation = _invitations_to_send([invitation_id]).filter(sent_at__isnull=True).first()
                if invitation is None or invitation.assessment.status != Assessment.Status.OPEN:
                    continue
                token = issue_token(invitation=invitation)
                invitation.sent_at = now or timezone.now()
                invitation.save(update_fields=["token_hash", "sent_at"])
                _send(
                    invitation=invitation,
                    url=invitation_url(token),
                    kind=EmailKind.INVITATION,
                    connection=connection,
                    batch=batch,
                )
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
    ids = list(remindable_invitations(assessment=assessment, now=now).values_list("pk", flat=True))
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


def send_reminders(*, invitation_ids: Iterable[int], now: datetime | None = None) -> int:
    """Reminds each invitation that is still not completed; skips ones reminded moments ago."""
    now = now or timezone.now()
    sent = 0
    batch = _Batch()
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
                    url, fields = None, ["reminded_at"]
                else:
                    url, fields = invitation_url(issue_token(invitation=invitation)), ["token_hash", "reminded_at"]
                invitation.reminded_at = now
                invitation.save(update_fields=fields)
                _send(invitation=invitation, url=url, kind=EmailKind.REMINDER, connection=connection, batch=batch)
                sent += 1
    return sent
