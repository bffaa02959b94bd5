"""Celery tasks of the energy pulse: each one only calls the job."""

from celery import shared_task


@shared_task(name="assessments.send_pulse_reminders")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_pulse_reminders() -> int:
    from assessments.pulse.mail import send_pulse_reminders as send

    return send()


@shared_task(name="assessments.send_pulse_signals")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_pulse_signals() -> int:
    from assessments.pulse.mail import send_pulse_signals as send

    return send()
