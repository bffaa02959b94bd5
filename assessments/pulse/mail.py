"""The pulse's scheduled e-mails, each idempotent per month through a log row written in the same
transaction as the send (a failed send leaves no row, so the next run tries again):

- `send_pulse_reminders`: once a month, from 09:00, a participant who has not answered this month gets a
  link to the three questions (a signed-in page), in the language they last answered in;
- `send_pulse_signals`: the sponsor hears once when a participant's energy dropped two months running.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from assessments.pulse import selectors
from assessments.pulse.models import PulseParticipant, PulseProgramme, PulseReminder, PulseSignal
from assessments.pulse.months import month_of

logger = logging.getLogger(__name__)

REMINDER_HOUR = 9  # local time: nobody gets a reminder at night


def _url(name: str, programme: PulseProgramme) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"org": programme.organisation.public_id})


def _reminder(participant: PulseParticipant, month: datetime.date) -> EmailMultiAlternatives:
    programme = participant.programme
    language = participant.language or programme.organisation.default_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "organisation": programme.organisation,
            "name": participant.membership.user.first_name,
            "month": month,
            "url": _url("pulse_mine", programme),
            "sponsor": selectors.person_name(programme.sponsor) if programme.sponsor else "",
        }
        subject = render_to_string("pulse/email/reminder_subject.txt", context).strip()
        text = render_to_string("pulse/email/reminder.txt", context)
    return EmailMultiAlternatives(subject=subject, body=text, to=[participant.membership.user.email])


def send_pulse_reminders(*, now: datetime.datetime | None = None) -> int:
    """Reminds this month's participants who have not answered; returns how many e-mails went out."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < REMINDER_HOUR:
        return 0
    month, sent = month_of(local.date()), 0
    for participant in selectors.due_reminders(today=local.date()):
        try:
            with transaction.atomic():
                PulseReminder.objects.create(participant=participant, month=month)
                _reminder(participant, month).send()
        except IntegrityError:
            continue  # another run reminded them this month
        except OSError:
            logger.warning("Pulse reminder for participant %s could not be sent", participant.pk, exc_info=True)
            continue
        sent += 1
    return sent


def _signal(programme: PulseProgramme, name: str) -> EmailMultiAlternatives:
    assert programme.sponsor is not None  # only programmes with a sponsor are signalled
    organisation = programme.organisation
    with translation.override(organisation.default_language or settings.LANGUAGE_CODE):
        context = {"organisation": organisation, "name": name, "url": _url("pulse_sponsor", programme)}
        subject = render_to_string("pulse/email/signal_subject.txt", context).strip()
        text = render_to_string("pulse/email/signal.txt", context)
    return EmailMultiAlternatives(subject=subject, body=text, to=[programme.sponsor.user.email])


def send_pulse_signals(*, now: datetime.datetime | None = None) -> int:
    """Tells each sponsor once per drop (the month it was seen) whose energy fell two months running."""
    today = timezone.localdate(now or timezone.now())
    programmes = PulseProgramme.objects.filter(
        started_on__lte=today, ends_on__gt=today, sponsor__isnull=False
    ).select_related("organisation", "sponsor__user")
    sent = 0
    for programme in programmes.exclude(sponsor__user__email=""):
        for trend in selectors.sponsor_trends(programme=programme):
            if not trend.signal:
                continue
            try:
                with transaction.atomic():
                    PulseSignal.objects.create(participant=trend.participant, month=trend.points[-1].month)
                    _signal(programme, trend.name).send()
            except IntegrityError:
                continue
            except OSError:
                logger.warning("Pulse signal for programme %s could not be sent", programme.pk, exc_info=True)
                continue
            sent += 1
    return sent
