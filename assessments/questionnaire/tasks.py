"""Celery tasks of the questionnaire: each one only loads by id and calls a service."""

from celery import shared_task


@shared_task(name="assessments.send_invitation_emails")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_invitation_emails(invitation_ids: list[int]) -> int:
    """Mint and email the personal links of these invitations (ids only: no token ever sits in the broker)."""
    from assessments.questionnaire.services.invitations import send_invitations

    return send_invitations(invitation_ids=invitation_ids)


@shared_task(name="assessments.send_reminder_emails")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_reminder_emails(invitation_ids: list[int]) -> int:
    from assessments.questionnaire.services.invitations import send_reminders

    return send_reminders(invitation_ids=invitation_ids)


@shared_task(name="assessments.send_due_reminders")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_due_reminders() -> int:
    """Follow every open assessment's reminder plan (scheduled by Celery beat)."""
    from assessments.questionnaire.services.invitations import send_due_reminders as send

    return send()


@shared_task(name="assessments.close_due_assessments")  # type: ignore[untyped-decorator]  # celery ships no type hints
def close_due_assessments() -> int:
    """Close open assessments whose planned closing date has passed (scheduled by Celery beat)."""
    from assessments.questionnaire.services.assessments import close_due_assessments as close

    return close()


@shared_task(name="assessments.send_scheduled_emails")  # type: ignore[untyped-decorator]  # celery ships no type hints
def send_scheduled_emails() -> int:
    """Send the invitations and reminders managers planned for a moment that has come (Celery beat)."""
    from assessments.questionnaire.services.invitations.emails import send_scheduled_emails as send

    return send()


@shared_task(name="assessments.import_invitation_file")  # type: ignore[untyped-decorator]  # celery ships no type hints
def import_invitation_file(import_id: int) -> int:
    """Import a large invitation file (services/invitations/large_import.py); returns the people invited."""
    from assessments.questionnaire.services.invitations.large_import import run_import

    return run_import(import_id=import_id).created
