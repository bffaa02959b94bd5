"""The scheduled jobs, in one registry: Celery beat runs each one's task, cron runs them all.

Each job is a plain function taking `now`. With a broker, CELERY_BEAT_SCHEDULE (settings) names each
job's task; without one, `manage.py run_scheduled` (every 15 minutes from cron) calls run_due_jobs.
Every job must be safe to run again at any time: a second run changes nothing more.
Other domains add their jobs to JOBS (and a beat entry for their task).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from assessments.actions.services.digests import send_action_digests
from assessments.privacy.services import apply_invitation_retention
from assessments.pulse.mail import send_pulse_reminders, send_pulse_signals
from assessments.questionnaire.services.assessments import close_due_assessments
from assessments.questionnaire.services.invitations import send_due_reminders
from assessments.questionnaire.services.invitations.emails import send_scheduled_emails

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # the Celery task name that beat schedules
    run: Callable[..., int]  # run(now=...) -> how many things it changed


JOBS: list[Job] = [
    # Close first: an assessment past its closing date gets no reminder any more.
    Job("close_due_assessments", "assessments.close_due_assessments", close_due_assessments),
    # The manager's planned sends before the plan's reminders: a person reminded by the one is not chased
    # again by the other the same day (both keep a minimum gap).
    Job("send_scheduled_emails", "assessments.send_scheduled_emails", send_scheduled_emails),
    Job("send_due_reminders", "assessments.send_due_reminders", send_due_reminders),
    Job("apply_retention", "assessments.apply_retention", apply_invitation_retention),
    Job("send_action_digests", "assessments.send_action_digests", lambda *, now: send_action_digests(today=now.date())),
    Job("send_pulse_reminders", "assessments.send_pulse_reminders", send_pulse_reminders),
    Job("send_pulse_signals", "assessments.send_pulse_signals", send_pulse_signals),
]


def run_due_jobs(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Runs every job once; a failing job is logged and does not stop the others."""
    now = now or timezone.now()
    results = {}
    for job in JOBS:
        try:
            results[job.name] = job.run(now=now)
        except Exception:
            logger.exception("Scheduled job %s failed", job.name)
            results[job.name] = -1
    return results
