"""Celery tasks: each one only calls a service."""

from celery import shared_task
from celery.signals import worker_init, worker_process_init, worker_process_shutdown, worker_shutdown

from assessments.services.privacy import apply_invitation_retention


@shared_task(name="assessments.apply_retention")
def apply_retention():
    """Daily from Celery beat: erase invitation emails past the retention period."""
    return apply_invitation_retention()


@shared_task(name="assessments.render_report")
def render_report_task(report_id):
    """Render one PDF report (the page polls its status)."""
    from assessments.services.reports import render_report

    render_report(report_id=report_id)


@shared_task(name="assessments.send_invitation_emails")
def send_invitation_emails(invitation_ids):
    """Mint and email the personal links of these invitations (ids only: no token ever sits in the broker)."""
    from assessments.services.invitations import send_invitations

    return send_invitations(invitation_ids=invitation_ids)


@shared_task(name="assessments.send_reminder_emails")
def send_reminder_emails(invitation_ids):
    from assessments.services.invitations import send_reminders

    return send_reminders(invitation_ids=invitation_ids)


@worker_process_init.connect
@worker_init.connect
def _keep_chart_browser_warm(**kwargs):
    # Workers live long: one Chromium for all reports instead of one per report.
    from assessments.services.chart_export import keep_warm

    keep_warm()


@worker_process_shutdown.connect
@worker_shutdown.connect
def _close_chart_browser(**kwargs):
    from assessments.services.chart_export import stop_warm

    stop_warm()
