"""Celery tasks of personal-data handling: each one only loads by id and calls a service."""

from celery import shared_task


@shared_task(name="assessments.apply_retention")  # type: ignore[untyped-decorator]  # celery ships no type hints
def apply_retention() -> int:
    """Erase invitation emails past the retention period (scheduled daily)."""
    from assessments.privacy.services import apply_invitation_retention

    return apply_invitation_retention()
