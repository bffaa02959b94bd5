"""Writes of customer success measures, each in a transaction and in the organisation's activity log:
setting an action's measure (again: it is changed, never doubled), removing it, and recording a counted
figure for one wave. The checks that no form can be trusted with (the moment and the wave of the action's
own organisation, hits within the count) are repeated here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.actions.models import PlanAction
from assessments.core.http import AnyUser
from assessments.journeys.models import MeasureRecord, Moment, MomentMeasure
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment


def _check_round(action: PlanAction, wave: Assessment | None) -> None:
    if wave is None:
        return
    if wave.organisation_id != action.organisation_id or not hasattr(wave, "customer_check"):
        raise ValidationError({"baseline": _("Choose a round of this organisation with a customer check.")})


def set_measure(
    *,
    action: PlanAction,
    actor: AnyUser,
    moment: Moment,
    metric: str,
    target: float,
    description: str = "",
    baseline: Assessment | None = None,
) -> MomentMeasure:
    if moment.journey.organisation_id != action.organisation_id:
        raise ValidationError({"moment": _("Choose a moment of this organisation's journeys.")})
    if metric not in MomentMeasure.Metric.values:
        raise ValidationError({"metric": _("Choose one of the figures.")})
    if not 0 <= target <= 100:
        raise ValidationError({"target": _("A target share lies between 0 and 100 %.")})
    if metric == MomentMeasure.Metric.RECORDED and not description.strip():
        raise ValidationError(
            {"description": _("Say what you count, for example “called back within two working days”.")}
        )
    _check_round(action, baseline)
    with transaction.atomic():
        PlanAction.objects.select_for_update().filter(pk=action.pk).first()  # one measure per action
        measure, created = MomentMeasure.objects.update_or_create(
            action=action,
            defaults={
                "moment": moment,
                "metric": metric,
                "target": target,
                "description": description.strip() if metric == MomentMeasure.Metric.RECORDED else "",
                "baseline": baseline,
            },
        )
        activity.record(
            organisation=action.organisation,
            actor=actor,
            verb="created" if created else "updated",
            obj=measure,
            detail=action.title[:100],
        )
    return measure


def remove_measure(*, action: PlanAction, actor: AnyUser) -> None:
    """Removes the action's measure and its recorded figures (nothing happens without one)."""
    with transaction.atomic():
        deleted, _per_model = MomentMeasure.objects.filter(action=action).delete()
        if deleted:
            activity.record(
                organisation=action.organisation,
                actor=actor,
                verb="deleted",
                obj=_("customer success measure"),
                detail=action.title[:100],
            )


def record_figure(
    *, measure: MomentMeasure, actor: AnyUser, assessment: Assessment, hits: int, count: int
) -> MeasureRecord:
    """The wave's counted figure of a recorded measure; recording the same wave again replaces it."""
    if measure.metric != MomentMeasure.Metric.RECORDED:
        raise ValidationError(_("Only a measure you count yourselves takes recorded figures."))
    _check_round(measure.action, assessment)
    if hits < 0 or count <= 0 or hits > count:
        raise ValidationError({"hits": _("The cases that meet it cannot be more than the cases counted.")})
    with transaction.atomic():
        record, _created = MeasureRecord.objects.update_or_create(
            measure=measure, assessment=assessment, defaults={"hits": hits, "count": count}
        )
        activity.record(
            organisation=measure.action.organisation,
            actor=actor,
            verb="updated",
            obj=measure,
            detail=f"{assessment.title}: {hits}/{count}"[:100],
        )
    return record
