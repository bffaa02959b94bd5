"""Celery tasks of the questionnaire: each one only loads by id and calls a service."""

from celery import shared_task


@shared_task(name="assessments.send_invitation_emails")
def send_invitation_emails(invitation_ids):
    """Mint and email the personal links of these invitations (ids only: no token ever sits in the broker)."""
    from assessments.questionnaire.services.invitations import send_invitations

    return send_invitations(invitation_ids=invitation_ids)


@shared_task(name="assessments.send_reminder_emails")
def send_reminder_emails(invitation_ids):
    from assessments.questionnaire.services.invitations import send_reminders

    return send_reminders(invitation_ids=invitation_ids)


@shared_task(name="assessments.send_due_reminders")
def send_due_reminders():
    """Follow every open assessment's reminder plan (scheduled by Celery beat)."""
    from assessments.questionnaire.services.invitations import send_due_reminders as send

    return send()


@shared_task(name="assessments.close_due_assessments")
def close_due_assessments():
    """Close open assessments whose planned closing date has passed (scheduled by Celery beat)."""
    from assessments.questionnaire.services.assessments import close_due_assessments as close

    return close()
