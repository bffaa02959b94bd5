"""Results shared back with respondents: the note on the thank-you page and the published summary."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.core.http import AnyUser
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment


@transaction.atomic
def set_sharing_note(*, assessment: Assessment, actor: AnyUser, note: str) -> Assessment:
    note = (note or "").strip()
    if note == assessment.results_sharing_note:
        return assessment
    Assessment.objects.filter(pk=assessment.pk).update(results_sharing_note=note)
    assessment.results_sharing_note = note
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="updated",
        obj=assessment,
        detail=_("sharing of results"),
    )
    return assessment


@transaction.atomic
def publish_summary(*, assessment: Assessment, actor: AnyUser, now: datetime.datetime | None = None) -> Assessment:
    """Makes the respondent summary readable through the respondents' own links; publishing twice is harmless."""
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if assessment.status != Assessment.Status.CLOSED:
        raise ValidationError(_("Close the assessment before you share its results with respondents."))
    if assessment.summary_published_at is None:
        assessment.summary_published_at = now or timezone.now()
        assessment.save(update_fields=["summary_published_at"])
        activity.record(organisation=assessment.organisation, actor=actor, verb="published", obj=assessment)
    return assessment


@transaction.atomic
def unpublish_summary(*, assessment: Assessment, actor: AnyUser) -> Assessment:
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if assessment.summary_published_at is not None:
        assessment.summary_published_at = None
        assessment.save(update_fields=["summary_published_at"])
        activity.record(organisation=assessment.organisation, actor=actor, verb="unpublished", obj=assessment)
    return assessment
