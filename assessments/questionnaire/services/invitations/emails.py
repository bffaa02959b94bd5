"""The e-mails page's writes: the manager's own texts, and sending invitations or reminders now or later.

Every send goes through a ScheduledEmail row keyed by the confirm form's one-time key, so a repeated submit
finds the row it made and sends nothing twice. "Now" runs at once (the worker sends after commit); a later
moment is picked up by the scheduled job `send_scheduled_emails` (assessments/scheduling.py).
"""

import datetime
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.core.languages import native_name
from assessments.organisations.services import activity
from assessments.questionnaire.emails import placeholder_problems, standard_text
from assessments.questionnaire.models import Assessment, EmailKind, EmailText, ScheduledEmail
from assessments.questionnaire.selectors.emails import (
    due_scheduled_emails,
    offered_languages,
    remindable_invitations,
    unsent_invitations,
)
from assessments.questionnaire.services.invitations.common import InvitationError
from assessments.questionnaire.services.invitations.importing import send_unsent
from assessments.questionnaire.services.invitations.sending import (
    schedule_reminders,
    send_invitations,
    send_reminders,
)

# A planned send lies at most this far ahead (an assessment runs for weeks, not years).
LATEST = datetime.timedelta(days=180)


def _check_text(*, subject: str, body: str) -> None:
    problems = {field: placeholder_problems(text) for field, text in (("subject", subject), ("body", body))}
    errors = {
        field: _("Unknown placeholder %(list)s. Use one of the placeholders listed beside the form.")
        % {"list": ", ".join(found)}
        for field, found in problems.items()
        if found
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_email_text(
    *, assessment: Assessment, actor: User, kind: str, language: str, subject: str, body: str
) -> EmailText | None:
    """Stores the manager's text; the standard text (or an empty one) removes it. Returns the saved text."""
    if kind not in EmailKind.values or language not in offered_languages(assessment=assessment):
        raise ValidationError(_("Choose an e-mail and a language of this assessment."))
    subject, body = " ".join(subject.split()), body.strip().replace("\r\n", "\n")
    _check_text(subject=subject, body=body)
    standard = standard_text(kind=kind, language=language)
    current = EmailText.objects.select_for_update().filter(assessment=assessment, kind=kind, language=language).first()
    if not subject or not body or (subject, body) == standard:
        if current is not None:
            current.delete()
            _log(assessment=assessment, actor=actor, kind=kind, language=language)
        return None
    if current is not None and (current.subject, current.body) == (subject, body):
        return current  # a repeated submit changes nothing and logs nothing
    text, _created = EmailText.objects.update_or_create(
        assessment=assessment, kind=kind, language=language, defaults={"subject": subject, "body": body}
    )
    _log(assessment=assessment, actor=actor, kind=kind, language=language)
    return text


def _log(*, assessment: Assessment, actor: User, kind: str, language: str) -> None:
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="updated",
        obj=assessment,
        detail=_("%(kind)s e-mail (%(language)s)") % {"kind": EmailKind(kind).label, "language": native_name(language)},
    )


def _send_now(*, assessment: Assessment, actor: User | None, kind: str, now: datetime.datetime) -> int:
    if kind == EmailKind.REMINDER:
        if actor is None:
            return 0
        return schedule_reminders(assessment=assessment, actor=actor, now=now)
    return send_unsent(assessment=assessment)


@transaction.atomic
def plan_emails(
    *,
    assessment: Assessment,
    actor: User,
    kind: str,
    key: uuid.UUID,
    send_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
) -> tuple[ScheduledEmail, bool]:
    """Sends `kind` now (send_at None) or plans it; returns the row and whether this call made it.

    The same key again returns the first call's row and sends nothing.
    """
    now = now or timezone.now()
    found = ScheduledEmail.objects.filter(key=key).first()
    if found is not None:
        if found.assessment_id != assessment.pk:
            raise InvitationError(_("This form was already used. Open the page again."))
        return found, False
    if kind not in EmailKind.values:
        raise InvitationError(_("Choose invitations or reminders."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == Assessment.Status.CLOSED:
        raise InvitationError(_("The assessment is closed: no more e-mails go out."))
    later = send_at is not None and send_at > now
    if send_at is not None and send_at > now + LATEST:
        raise InvitationError(_("Choose a moment within the next 180 days."))
    if later and assessment.closes_at is not None and send_at is not None and send_at >= assessment.closes_at:
        raise InvitationError(_("Choose a moment before the assessment closes."))
    if not later and assessment.status != Assessment.Status.OPEN:
        raise InvitationError(_("E-mails go out once the assessment is open. Open it first, or choose a later moment."))
    moment = send_at if later and send_at is not None else now
    try:
        with transaction.atomic():
            row = ScheduledEmail.objects.create(
                key=key, assessment=assessment, kind=kind, send_at=moment, created_by=actor
            )
    except IntegrityError:  # the same form sent twice at the same moment: the other request made the row
        return ScheduledEmail.objects.get(key=key), False
    if not later:
        row.sent = _send_now(assessment=assessment, actor=actor, kind=kind, now=now)
        row.done_at = now
        row.save(update_fields=["sent", "done_at"])
    else:
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="updated",
            obj=assessment,
            detail=_("%(kind)s e-mails planned for %(moment)s")
            % {"kind": EmailKind(kind).label, "moment": timezone.localtime(row.send_at).strftime("%Y-%m-%d %H:%M")},
        )
    return row, True


@transaction.atomic
def cancel_planned(*, scheduled: ScheduledEmail, actor: User, now: datetime.datetime | None = None) -> bool:
    """Cancels a planned send that has not gone yet; False when it already went (or was cancelled)."""
    row = ScheduledEmail.objects.select_for_update().get(pk=scheduled.pk)
    if row.done_at is not None or row.cancelled_at is not None:
        return False
    row.cancelled_at = now or timezone.now()
    row.save(update_fields=["cancelled_at"])
    activity.record(
        organisation=row.assessment.organisation,
        actor=actor,
        verb="updated",
        obj=row.assessment,
        detail=_("planned %(kind)s e-mails cancelled") % {"kind": EmailKind(row.kind).label},
    )
    return True


def send_scheduled_emails(*, now: datetime.datetime | None = None) -> int:
    """The scheduled job: sends every planned send whose moment has come; returns how many e-mails went.

    The e-mails go first, then the row is marked done: a crash in between sends nothing twice, because
    sending skips people already invited and people reminded in the last minutes.
    """
    now = now or timezone.now()
    total = 0
    for row in list(due_scheduled_emails(now=now).select_related("assessment__organisation")):
        assessment = row.assessment
        sent = 0
        if assessment.status == Assessment.Status.OPEN:
            if row.kind == EmailKind.REMINDER:
                ids = list(remindable_invitations(assessment=assessment, now=now).values_list("pk", flat=True))
                sent = send_reminders(invitation_ids=ids, now=now)
            else:
                ids = list(unsent_invitations(assessment=assessment).values_list("pk", flat=True))
                sent = send_invitations(invitation_ids=ids, now=now)
        with transaction.atomic():
            locked = ScheduledEmail.objects.select_for_update().get(pk=row.pk)
            if locked.done_at is None:
                locked.done_at, locked.sent = now, sent
                locked.save(update_fields=["done_at", "sent"])
                activity.record(
                    organisation=assessment.organisation,
                    actor=None,
                    verb="reminded" if row.kind == EmailKind.REMINDER else "invited",
                    obj=assessment,
                    detail=_("planned e-mails, %(n)s people") % {"n": sent},
                )
        total += sent
    return total
