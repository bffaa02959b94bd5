"""Celery tasks of personal-data handling: each one only loads by id and calls a service."""

from celery import shared_task


@shared_task(name="assessments.apply_retention")
def apply_retention():
    """Erase invitation emails past the retention period (scheduled daily)."""
    from assessments.privacy.services import apply_invitation_retention

    return apply_invitation_retention()
