"""Reads for the e-mails page: the saved texts, who a send would reach (per language, with or without a new
link) and the sends planned for later."""

import datetime
from collections import Counter
from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet

from assessments.questionnaire.models import Assessment, EmailKind, EmailText, Invitation, ScheduledEmail

# A second click on "send reminders" within this time sends nothing new.
REMINDER_COOLDOWN = datetime.timedelta(minutes=10)


def saved_texts(*, assessment: Assessment) -> dict[tuple[str, str], EmailText]:
    """The manager's own texts by (kind, language)."""
    return {(t.kind, t.language): t for t in EmailText.objects.filter(assessment=assessment)}


def offered_languages(*, assessment: Assessment) -> list[str]:
    return list(assessment.languages or [assessment.organisation.default_language])


def remindable_invitations(*, assessment: Assessment, now: datetime.datetime) -> QuerySet[Invitation]:
    """Everyone emailed who has not completed and was not emailed in the last minutes."""
    recent = now - REMINDER_COOLDOWN
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=True, sent_at__isnull=False)
        .exclude(email="")
        .exclude(reminded_at__gt=recent)
        .exclude(sent_at__gt=recent)
    )


def unsent_invitations(*, assessment: Assessment) -> QuerySet[Invitation]:
    return Invitation.objects.filter(assessment=assessment, sent_at__isnull=True).exclude(email="")


@dataclass(frozen=True)
class AudienceRow:
    """How many people get this kind of e-mail in one language, and which text."""

    language: str
    new_link: int  # get a new personal link: their old one stops working
    keep_link: int  # started already: keep their link, no new one
    own_text: bool
    subject: str

    @property
    def total(self) -> int:
        return self.new_link + self.keep_link


def audience(*, assessment: Assessment, kind: str, now: datetime.datetime) -> list[AudienceRow]:
    """Who a send of `kind` would reach now, per language (in the assessment's order): one grouped query."""
    from assessments.questionnaire.emails import standard_text

    offered = offered_languages(assessment=assessment)
    people = (
        remindable_invitations(assessment=assessment, now=now)
        if kind == EmailKind.REMINDER
        else unsent_invitations(assessment=assessment)
    )
    counts: Counter[tuple[str, bool]] = Counter()
    for language, started in people.values_list("language", "started"):
        counts[(language if language in offered else offered[0], kind == EmailKind.REMINDER and started)] += 1
    saved = saved_texts(assessment=assessment)
    rows = []
    for language in offered:
        own = saved.get((kind, language))
        rows.append(
            AudienceRow(
                language=language,
                new_link=counts[(language, False)],
                keep_link=counts[(language, True)],
                own_text=own is not None,
                subject=own.subject if own else standard_text(kind=kind, language=language)[0],
            )
        )
    return [row for row in rows if row.total]


def scheduled_emails(*, assessment: Assessment) -> QuerySet[ScheduledEmail]:
    """Planned sends still to come, first one first."""
    return ScheduledEmail.objects.filter(assessment=assessment, done_at__isnull=True, cancelled_at__isnull=True)


def due_scheduled_emails(*, now: datetime.datetime) -> QuerySet[ScheduledEmail]:
    return ScheduledEmail.objects.filter(send_at__lte=now, done_at__isnull=True, cancelled_at__isnull=True)


def scheduled_email(*, assessment: Assessment, public_id: UUID | str) -> ScheduledEmail | None:
    return ScheduledEmail.objects.filter(assessment=assessment, public_id=public_id).first()
