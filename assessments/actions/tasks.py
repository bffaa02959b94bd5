"""Celery tasks of the action plans: each one only calls a service."""

import datetime

from celery import shared_task


@shared_task(name="assessments.send_action_digests")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_action_digests(today: str | None = None) -> int:
    """Daily: email owners their open actions (weekly per owner; a second run the same day sends nothing)."""
    from django.utils import timezone

    from assessments.actions.services.digests import send_action_digests as send

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return send(today=day)
