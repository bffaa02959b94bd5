"""An action's customer success measure: set or change it, remove it, record a counted figure per wave.
Managers only (the plan's permissions: `action_page(manage=True)`); the figures show on the plan page."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.actions.decorators import action_page
from assessments.actions.models import PlanAction
from assessments.core.forms import form_page
from assessments.core.http import AuthenticatedRequest
from assessments.journeys.measures import selectors, services
from assessments.journeys.measures.forms import MeasureForm, RecordForm
from assessments.journeys.models import MomentMeasure
from assessments.organisations.models import Membership


def _to_action(action: PlanAction) -> HttpResponseRedirect:
    return redirect("action_detail", org=action.organisation.public_id, action=action.public_id)


def _context(action: PlanAction, membership: Membership, **extra: Any) -> dict[str, Any]:
    return {"organisation": action.organisation, "membership": membership, "tab": "plan", "action": action, **extra}


@action_page(manage=True)
@require_http_methods(["GET", "POST"])
def measure_edit(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    organisation = action.organisation
    moments = selectors.moments_for_measures(organisation=organisation)
    waves = selectors.waves_of(organisation=organisation)
    measure = selectors.measure_of(action=action)
    initial: dict[str, Any] = {"metric": MomentMeasure.Metric.NINE_PLUS}
    if measure is not None:
        initial = {
            "moment": str(measure.moment.public_id),
            "metric": measure.metric,
            "description": measure.description,
            "target": measure.target,
            "baseline": str(measure.baseline.public_id) if measure.baseline else "",
        }
    form = MeasureForm(request.POST or None, initial=initial, moments=moments, waves=waves)

    def save(data: dict[str, Any]) -> PlanAction:
        services.set_measure(
            action=action,
            actor=request.user,
            moment=data["moment"],
            metric=data["metric"],
            target=data["target"],
            description=data.get("description") or "",
            baseline=data["baseline"],
        )
        return action

    return form_page(
        request,
        form,
        save=save,
        success=_("The customer success measure was saved."),
        done=_to_action,
        template="journeys/measures/measure_form.html",
        context=lambda: _context(action, membership, measure=measure, has_moments=bool(moments)),
    )


@action_page(manage=True)
@require_POST
def measure_remove(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    services.remove_measure(action=action, actor=request.user)
    messages.success(request, _("The customer success measure was removed."))
    return _to_action(action)


@action_page(manage=True)
@require_http_methods(["GET", "POST"])
def measure_record(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    """A recorded measure's figure in one wave (hits of cases counted); recording a wave again replaces it."""
    measure = selectors.measure_of(action=action)
    if measure is None or measure.metric != MomentMeasure.Metric.RECORDED:
        raise Http404
    waves = selectors.waves_of(organisation=action.organisation)
    return form_page(
        request,
        RecordForm(request.POST or None, waves=waves),
        save=lambda data: services.record_figure(
            measure=measure, actor=request.user, assessment=data["wave"], hits=data["hits"], count=data["count"]
        ),
        success=_("The figure was recorded."),
        done=lambda _record: _to_action(action),
        template="journeys/measures/record_form.html",
        context=lambda: _context(action, membership, measure=measure, records=selectors.records_of(measure=measure)),
    )
