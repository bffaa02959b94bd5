"""The monthly reminder and the sponsor's signal: once a month, only to who has not answered, only while
the programme runs, in the person's language; the signal once per drop."""

import datetime

import pytest
from django.utils import timezone

from assessments import scheduling
from assessments.pulse import services
from assessments.pulse.mail import send_pulse_reminders, send_pulse_signals
from assessments.pulse.models import PulseReminder, PulseSignal
from assessments.pulse.months import month_of
from tests.pulse.conftest import answer, membership_of, participant

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _sent(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox)


def test_reminds_who_has_not_answered_once_a_month(org_a, programme, people, mailoutbox):
    org_a.default_language = "en"  # nobody answered yet: the organisation's language
    org_a.save()
    today = timezone.localdate()
    answer(programme, people["ambassador"], month_of(today), 4)
    assert send_pulse_reminders(now=at(today)) == 1
    assert _sent(mailoutbox) == ["lead.a@example.org"]
    message = mailoutbox[0]
    assert f"/o/{programme.organisation.public_id}/pulse/" in message.body
    assert "Only you and your sponsor, Sponsor Test, see your answers." in message.body
    assert message.subject.startswith("Your energy pulse for ")
    assert send_pulse_reminders(now=at(today, 11)) == 0  # twice is once
    assert len(mailoutbox) == 1
    assert list(PulseReminder.objects.values_list("month", flat=True)) == [month_of(today)]


def test_no_reminder_before_nine_in_the_morning(programme, mailoutbox):
    assert send_pulse_reminders(now=at(timezone.localdate(), 8)) == 0
    assert mailoutbox == []


def test_next_month_reminds_again(programme, people, mailoutbox):
    start = programme.started_on
    assert send_pulse_reminders(now=at(start)) == 2
    second = (start + datetime.timedelta(days=32)).replace(day=1)
    assert send_pulse_reminders(now=at(second + datetime.timedelta(days=3))) == 2
    assert sorted(PulseReminder.objects.values_list("month", flat=True)) == [start, start, second, second]


def test_switched_off_people_get_no_reminder(programme, people, mailoutbox):
    services.switch_pulse(participant=participant(programme, people["lead"]), on=False)
    assert send_pulse_reminders(now=at(timezone.localdate())) == 1
    assert _sent(mailoutbox) == ["ambassador.a@example.org"]


def test_no_reminders_before_the_start_or_after_two_years(programme, mailoutbox):
    assert send_pulse_reminders(now=at(programme.started_on - datetime.timedelta(days=1))) == 0
    assert send_pulse_reminders(now=at(programme.ends_on - datetime.timedelta(days=1))) == 2  # the last month
    assert send_pulse_reminders(now=at(programme.ends_on)) == 0
    assert send_pulse_reminders(now=at(programme.ends_on + datetime.timedelta(days=40))) == 0
    assert len(mailoutbox) == 2


def test_reminder_in_the_language_last_answered_in(org_a, programme, people, mailoutbox):
    org_a.default_language = "en"
    org_a.save()
    lead = participant(programme, people["lead"])
    start = programme.started_on
    services.answer_pulse(participant=lead, today=start, energy=3, sponsor_support=3, priority=3, language="nl")
    today = timezone.localdate()
    send_pulse_reminders(now=at(today))
    by_person = {m.to[0]: m for m in mailoutbox}
    assert by_person["lead.a@example.org"].subject.startswith("Je energiecheck voor ")
    assert "Alleen jij en je sponsor, Sponsor Test, zien je antwoorden." in by_person["lead.a@example.org"].body
    assert by_person["ambassador.a@example.org"].subject.startswith("Your energy pulse for ")


def test_a_failing_mail_server_leaves_no_log_so_the_next_run_tries_again(programme, mailoutbox, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def broken(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    assert send_pulse_reminders(now=at(timezone.localdate())) == 0
    assert PulseReminder.objects.count() == 0
    monkeypatch.undo()
    assert send_pulse_reminders(now=at(timezone.localdate())) == 2


def test_the_sponsor_hears_of_a_drop_once(programme, people, answered, mailoutbox):
    assert send_pulse_signals() == 1
    assert _sent(mailoutbox) == ["sponsor.a@example.org"]
    assert "Lead Test" in mailoutbox[0].subject
    assert "lead note" not in mailoutbox[0].body  # the answers stay on the page, behind the sign-in
    assert send_pulse_signals() == 0
    assert list(PulseSignal.objects.values_list("month", flat=True)) == [answered[-1]]


def test_no_signal_without_a_sponsor(org_a, programme, people, answered, mailoutbox):
    membership_of(people["sponsor"], org_a).delete()
    assert send_pulse_signals() == 0
    assert mailoutbox == []


def test_the_jobs_are_in_the_registry(programme, mailoutbox):
    names = [job.name for job in scheduling.JOBS]
    assert names[-2:] == ["send_pulse_reminders", "send_pulse_signals"]
    results = scheduling.run_due_jobs(now=at(timezone.localdate()))
    assert (results["send_pulse_reminders"], results["send_pulse_signals"]) == (2, 0)
    assert scheduling.run_due_jobs(now=at(timezone.localdate()))["send_pulse_reminders"] == 0
