"""The pulse's pages. Each is a member page of the organisation (team leaders admitted: an ambassador may
lead a team) that then admits only the people it is for, and answers 404 to everyone else:

- my pulse (`pulse/`): a participant answers this month's three questions and sees their own trend;
- switching off or on (`pulse/switch/`): the participant only;
- the sponsor's view (`pulse/sponsor/`): the trend per participant and the two-month drop signal;
- the settings (`pulse/settings/`): managers and consultants start the pulse and choose who takes part,
  and never see an answer there.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.pulse import selectors, services
from assessments.pulse.charts import pulse_svg
from assessments.pulse.forms import AnswerForm, ProgrammeForm
from assessments.pulse.models import PulseParticipant, PulseProgramme
from assessments.pulse.selectors import Point


def _labels() -> dict[str, str]:
    return {"energy": _("Energy"), "sponsor_support": _("Sponsor support"), "priority": _("Priority")}


def _chart(points: list[Point], name: str) -> str:
    title = _("Energy pulse of %(name)s per month") % {"name": name}
    return pulse_svg(points, labels=_labels(), drop_label=_("Energy dropped two months running"), title=title)


def _short_labels() -> dict[str, str]:
    """The table's column heads on a phone."""
    return {
        "energy": pgettext("pulse column on a phone", "Energy"),
        "sponsor_support": pgettext("pulse column on a phone", "Support"),
        "priority": pgettext("pulse column on a phone", "Priority"),
    }


def _base(organisation: Organisation, membership: Membership, **extra: Any) -> dict[str, Any]:
    context = {"organisation": organisation, "membership": membership, "labels": _labels()}
    return {**context, "short_labels": _short_labels(), **extra}


def _participant(organisation: Organisation, membership: Membership) -> tuple[PulseProgramme, PulseParticipant]:
    programme = selectors.programme_of(organisation=organisation)
    participant = selectors.participant_of(programme=programme, membership=membership)
    if programme is None or participant is None:
        raise Http404
    participant.programme = programme
    return programme, participant


@organisation_page(leaders=True)
@require_http_methods(["GET", "POST"])
def my_pulse(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    programme, participant = _participant(organisation, membership)
    today = timezone.localdate()
    current = selectors.answer_for(participant=participant, month=today)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_pulse(
                    participant=participant, today=today, language=get_language(), **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. Your answers for this month are saved."))
                return redirect("pulse_mine", org=organisation.public_id)
        status = 400
    else:
        initial = {}
        if current is not None:
            initial = {f: getattr(current, f) for f in ("energy", "sponsor_support", "priority", "note")}
        form = AnswerForm(initial=initial)
    points, signal = selectors.trend_of(selectors.own_answers(participant=participant))
    context = _base(
        organisation,
        membership,
        programme=programme,
        participant=participant,
        sponsor=selectors.person_name(programme.sponsor) if programme.sponsor else "",
        running=selectors.is_running(programme=programme, today=today),
        month=today.replace(day=1),
        current=current,
        form=form,
        points=list(reversed(points)),
        signal=signal,
        chart=_chart(points, selectors.person_name(membership)) if len(points) > 1 else "",
    )
    return render(request, "pulse/mine.html", context, status=status)


@organisation_page(leaders=True)
@require_POST
def switch(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    _programme, participant = _participant(organisation, membership)
    choice = request.POST.get("pulse", "")
    if choice not in ("on", "off"):
        return HttpResponse(_("Switch the pulse on or off."), status=400, content_type="text/plain; charset=utf-8")
    services.switch_pulse(participant=participant, on=choice == "on")
    if choice == "on":
        messages.success(request, _("The pulse is on again: your sponsor sees your answers."))
    else:
        messages.success(request, _("The pulse is off: no reminders, and your sponsor no longer sees your answers."))
    return redirect("pulse_mine", org=organisation.public_id)


@organisation_page(leaders=True)
@require_GET
def sponsor_view(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    programme = selectors.programme_of(organisation=organisation)
    if programme is None or not selectors.is_sponsor(programme=programme, membership=membership):
        raise Http404
    trends = selectors.sponsor_trends(programme=programme)
    people = [
        {"trend": trend, "chart": _chart(trend.points, trend.name), "rows": list(reversed(trend.points))}
        for trend in trends
    ]
    context = _base(
        organisation,
        membership,
        programme=programme,
        people=people,
        signals=[trend.name for trend in trends if trend.signal],
        running=selectors.is_running(programme=programme, today=timezone.localdate()),
    )
    return render(request, "pulse/sponsor.html", context)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def programme_settings(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    programme = selectors.programme_of(organisation=organisation)
    participants = selectors.participants_of(programme=programme) if programme else []
    members = selectors.members_of(organisation=organisation)
    status = 200
    if request.method == "POST":
        form = ProgrammeForm(request.POST, members=members)
        if form.is_valid():
            try:
                services.save_programme(organisation=organisation, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved. Participants get the three questions once a month."))
                return redirect("pulse_settings", org=organisation.public_id)
        status = 400
    else:
        initial: dict[str, Any] = {"started_on": timezone.localdate()}
        if programme is not None:
            lead = next((p.membership for p in participants if p.kind == PulseParticipant.Kind.LEAD), None)
            initial = {
                "started_on": programme.started_on,
                "ends_on": programme.ends_on,
                "sponsor": programme.sponsor,
                "lead": lead,
                "ambassadors": [p.membership for p in participants if p.kind == PulseParticipant.Kind.AMBASSADOR],
            }
        form = ProgrammeForm(initial=initial, members=members)
    context = _base(
        organisation,
        membership,
        tab="settings",
        programme=programme,
        participants=[(p, selectors.person_name(p.membership)) for p in participants],
        form=form,
        is_sponsor=selectors.is_sponsor(programme=programme, membership=membership),
        takes_part=any(p.membership_id == membership.pk for p in participants),
    )
    return render(request, "pulse/settings.html", context, status=status)
