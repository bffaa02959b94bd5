"""The scheduled jobs: each one runs from Celery beat and from `manage.py run_scheduled`, and twice is once."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

import assessments.actions.tasks
import assessments.privacy.tasks
import assessments.pulse.tasks
import assessments.questionnaire.tasks  # noqa: F401 (registers the tasks beat names)
from assessments import scheduling
from assessments.organisations.models import ActivityLog
from assessments.questionnaire.models import Assessment, Invitation
from cxmaturity.celery import app
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _scan(org, model_version, team, **extra):
    return factories.make_assessment(organisation=org, model_version=model_version, teams=[team], **extra)


def _invite(assessment, email, team, sent_at, **extra):
    return Invitation.objects.create(
        assessment=assessment, email=email, team=team, token_hash=f"{email:x<64}"[:64], sent_at=sent_at, **extra
    )


@pytest.fixture
def world(org_a, model_version):
    """One situation where every job has exactly one thing to do, relative to the real clock."""
    now = timezone.now()
    team = factories.make_team(organisation=org_a, name="Sales")
    reminding = _scan(org_a, model_version, team, opens_at=now - 3 * DAY - datetime.timedelta(hours=1))
    _invite(reminding, "due@example.org", team, sent_at=reminding.opens_at)
    _invite(reminding, "done@example.org", team, sent_at=reminding.opens_at, completed_on=now.date())
    closing = _scan(org_a, model_version, team, opens_at=now - 10 * DAY, closes_at=now - datetime.timedelta(minutes=1))
    expired = _scan(org_a, model_version, team, status="closed", closed_at=now - 31 * DAY)
    _invite(expired, "old@example.org", team, sent_at=now - 40 * DAY)
    return {"reminding": reminding, "closing": closing, "expired": expired}


def _state(world, mailoutbox):
    closing = Assessment.objects.get(pk=world["closing"].pk)
    return {
        "emails": sorted(m.to[0] for m in mailoutbox),
        "closing": (closing.status, closing.closed_at),
        "retained": list(Invitation.objects.filter(assessment=world["expired"]).values_list("email", flat=True)),
        "log": sorted(ActivityLog.objects.values_list("verb", "object_repr")),
    }


def _run_from_beat():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.tasks[entry["task"]].apply().get()


def _run_from_cron():
    call_command("run_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_job_has_a_beat_entry_naming_its_task():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {job.task for job in scheduling.JOBS}
    assert {job.name for job in scheduling.JOBS} == {
        "close_due_assessments",
        "send_scheduled_emails",
        "send_due_reminders",
        "apply_retention",
        "send_action_digests",
        "send_pulse_reminders",
        "send_pulse_signals",
    }
    for job in scheduling.JOBS:
        assert job.task in app.tasks


@pytest.mark.parametrize("run", [_run_from_beat, _run_from_cron], ids=["beat", "run_scheduled"])
def test_each_job_does_its_work_once(run, world, mailoutbox):
    run()
    first = _state(world, mailoutbox)
    assert first["emails"] == ["due@example.org"]
    assert first["closing"][0] == "closed"
    assert first["retained"] == [""]
    assert [verb for verb, _text in first["log"]] == ["closed", "reminded"]
    run()
    assert _state(world, mailoutbox) == first  # twice changes nothing more


def test_run_scheduled_reports_each_job(world, mailoutbox, capsys):
    call_command("run_scheduled")
    assert capsys.readouterr().out.splitlines() == [
        "close_due_assessments: 1",
        "send_scheduled_emails: 0",
        "send_due_reminders: 1",
        "apply_retention: 1",
        "send_action_digests: 0",
        "send_pulse_reminders: 0",
        "send_pulse_signals: 0",
    ]


def test_a_failing_job_does_not_stop_the_others(world, mailoutbox, monkeypatch):
    def broken(*, now):
        raise RuntimeError("boom")

    jobs = [scheduling.Job("broken", "x", broken), *scheduling.JOBS]
    monkeypatch.setattr(scheduling, "JOBS", jobs)
    results = scheduling.run_due_jobs()
    assert results == {
        "broken": -1,
        "close_due_assessments": 1,
        "send_scheduled_emails": 0,
        "send_due_reminders": 1,
        "apply_retention": 1,
        "send_action_digests": 0,
        "send_pulse_reminders": 0,
        "send_pulse_signals": 0,
    }


# --- the reminder plan over the life of an assessment ----------------------------------------------


def test_reminders_on_day_3_and_7_and_the_day_before_closing(org_a, model_version, mailoutbox):
    team = factories.make_team(organisation=org_a, name="Sales")
    opens = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
    scan = _scan(org_a, model_version, team, opens_at=opens, closes_at=opens + 14 * DAY)
    _invite(scan, "a@example.org", team, sent_at=opens)
    _invite(scan, "b@example.org", team, sent_at=opens, started=True)
    _invite(scan, "late@example.org", team, sent_at=opens + 2.9 * DAY)  # invited just before day 3

    def run(at):
        mailoutbox.clear()
        scheduling.run_due_jobs(now=opens + at)
        return sorted(m.to[0] for m in mailoutbox)

    assert run(2 * DAY) == []
    assert run(3 * DAY + datetime.timedelta(minutes=5)) == ["a@example.org", "b@example.org"]
    assert run(3 * DAY + datetime.timedelta(minutes=20)) == []
    # The late one waits a day after their invitation, then gets day 3's reminder.
    assert run(3.95 * DAY) == ["late@example.org"]
    assert run(6.9 * DAY) == []
    assert run(7 * DAY + datetime.timedelta(minutes=1)) == ["a@example.org", "b@example.org", "late@example.org"]
    assert run(7 * DAY + datetime.timedelta(hours=1)) == []
    assert run(13 * DAY + datetime.timedelta(minutes=1)) == ["a@example.org", "b@example.org", "late@example.org"]
    assert run(13.5 * DAY) == []
    assert run(14 * DAY) == []  # closing time: closed, nobody reminded
    scan.refresh_from_db()
    assert (scan.status, scan.closed_at) == ("closed", opens + 14 * DAY)
    log = list(ActivityLog.objects.order_by("pk").values_list("verb", "object_repr"))
    assert log[0] == ("reminded", f"{scan.title} (automatic reminder, 2 people)")
    assert log[-1] == ("closed", f"{scan.title} (planned closing date)")


def test_no_reminders_without_a_plan(org_a, model_version, mailoutbox):
    team = factories.make_team(organisation=org_a, name="Sales")
    opens = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
    scan = _scan(org_a, model_version, team, opens_at=opens, reminder_days=[], remind_before_close=False)
    _invite(scan, "a@example.org", team, sent_at=opens)
    for day in range(1, 30):
        scheduling.run_due_jobs(now=opens + day * DAY)
    assert mailoutbox == []
