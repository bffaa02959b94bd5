"""Automatic reminders: the scheduled job that follows each open assessment's reminder plan."""

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.reminders import due_invitations
from assessments.questionnaire.services.invitations.sending import send_reminders


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Sends every reminder the plans say is due; returns how many went out. Running it again sends none.

    Runs in the worker (Celery beat) or in cron (manage.py run_scheduled), so it emails directly.
    A person counts as reminded for a round once an email from us reached them after its moment.
    """
    now = now or timezone.now()
    total = 0
    open_assessments = Assessment.objects.filter(status=Assessment.Status.OPEN, opens_at__isnull=False).select_related(
        "organisation"
    )
    for assessment in open_assessments:
        ids = list(due_invitations(assessment=assessment, now=now).values_list("pk", flat=True))
        if not ids:
            continue
        sent = send_reminders(invitation_ids=ids, now=now)
        if sent:
            with transaction.atomic():
                activity.record(
                    organisation=assessment.organisation,
                    actor=None,
                    verb="reminded",
                    obj=assessment,
                    detail=_("automatic reminder, %(n)s people") % {"n": sent},
                )
        total += sent
    return total


@transaction.atomic
def update_reminder_plan(*, assessment: Assessment, actor: User, days: list[int], before_close: bool) -> Assessment:
    """Stores the reminder plan; a repeated submit changes nothing and logs nothing."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    days = sorted(set(days))
    if assessment.reminder_days == days and assessment.remind_before_close == before_close:
        return assessment
    assessment.reminder_days = days
    assessment.remind_before_close = before_close
    assessment.save(update_fields=["reminder_days", "remind_before_close"])
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="updated",
        obj=assessment,
        detail=_("reminder plan"),
    )
    return assessment
