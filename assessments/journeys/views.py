"""Journeys and moments of an organisation (managers change them, viewers read), a moment's customer links
with their printable QR code, and the moments-that-matter view of a journey in one round."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.core.downloads import download
from assessments.core.http import AuthenticatedRequest
from assessments.journeys import exports, selectors, services
from assessments.journeys.forms import JourneyForm, MomentForm, MomentLinkForm
from assessments.journeys.models import Journey, Moment
from assessments.journeys.presenters import view_context
from assessments.journeys.qr import qr_svg
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.outside_in.services import customer_link_url
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from models_9plus.i18n import content_language


def _journey(organisation: Organisation, public_id: str) -> Journey:
    journey = selectors.journey_in(organisation=organisation, public_id=public_id)
    if journey is None:
        raise Http404
    return journey


def _moment(journey: Journey, public_id: str) -> Moment:
    moment = selectors.moment_in(journey=journey, public_id=public_id)
    if moment is None:
        raise Http404
    return moment


def _base(organisation: Organisation, membership: Membership, **extra: Any) -> dict[str, Any]:
    return {"organisation": organisation, "membership": membership, "tab": "journeys", **extra}


@organisation_page()
@require_GET
def journey_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    context = _base(organisation, membership, journeys=selectors.journeys_of(organisation=organisation))
    return render(request, "journeys/journey_list.html", context)


def _journey_form_page(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: Journey | None
) -> HttpResponse:
    initial = {}
    if journey is not None:
        initial = {f: getattr(journey, f) for f in ("name_en", "name_nl", "description_en", "description_nl")}
    if request.method == "POST":
        form = JourneyForm(request.POST, organisation=organisation, journey=journey)
        if form.is_valid():
            if journey is None:
                journey = services.create_journey(organisation=organisation, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Journey added. Now add its moments in order."))
            else:
                services.update_journey(journey=journey, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Saved."))
            return redirect("journey_detail", org=organisation.public_id, journey=journey.public_id)
        status = 400
    else:
        form, status = JourneyForm(initial=initial, organisation=organisation, journey=journey), 200
    context = _base(organisation, membership, form=form, journey=journey)
    return render(request, "journeys/journey_form.html", context, status=status)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def journey_create(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    return _journey_form_page(request, organisation, membership, None)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def journey_edit(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    return _journey_form_page(request, organisation, membership, _journey(organisation, journey))


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def journey_delete(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    found = _journey(organisation, journey)
    if request.method == "POST":
        services.delete_journey(journey=found, actor=request.user)
        messages.success(request, _("The journey was deleted."))
        return redirect("journey_list", org=organisation.public_id)
    context = _base(organisation, membership, journey=found, moments=selectors.moments_of(journey=found))
    return render(request, "journeys/journey_delete.html", context)


@organisation_page()
@require_GET
def journey_detail(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    """The journey as a row of moments; with a round chosen (?round=, else the newest with a customer
    check), each moment's customers against its target beside its team's own basics and 9+ scores."""
    found = _journey(organisation, journey)
    rounds = selectors.rounds_with_check(organisation=organisation)
    wanted = request.GET.get("round", "")
    chosen = next((a for a in rounds if str(a.public_id) == wanted), None)
    if wanted and chosen is None:
        raise Http404
    chosen = chosen or (rounds[0] if rounds else None)
    view = selectors.journey_view(journey=found, assessment=chosen)
    context = _base(
        organisation, membership, journey=found, rounds=rounds, chosen=chosen, description=found.t("description")
    )
    context.update(view_context(view=view, language=content_language(get_language())))
    return render(request, "journeys/journey_detail.html", context)


def _moment_form_page(
    request: AuthenticatedRequest,
    organisation: Organisation,
    membership: Membership,
    journey: Journey,
    moment: Moment | None,
) -> HttpResponse:
    if request.method == "POST":
        form = MomentForm(request.POST, journey=journey, moment=moment)
        if form.is_valid():
            data = form.cleaned_data
            fields = {k: data[k] for k in ("name_en", "name_nl", "team", "target")}
            if moment is None:
                services.create_moment(journey=journey, actor=request.user, **fields)
                messages.success(request, _("Moment added at the end of the journey."))
            else:
                services.update_moment(moment=moment, actor=request.user, **fields)
                messages.success(request, _("Saved."))
            return redirect("journey_detail", org=organisation.public_id, journey=journey.public_id)
        status = 400
    else:
        initial: dict[str, Any] = {"target": Moment.Target.BASICS}
        if moment is not None:
            initial = {
                "name_en": moment.name_en,
                "name_nl": moment.name_nl,
                "team": moment.team,
                "target": moment.target,
            }
        form, status = MomentForm(initial=initial, journey=journey, moment=moment), 200
    context = _base(organisation, membership, form=form, journey=journey, moment=moment)
    return render(request, "journeys/moment_form.html", context, status=status)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def moment_create(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    return _moment_form_page(request, organisation, membership, _journey(organisation, journey), None)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def moment_edit(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str, moment: str
) -> HttpResponse:
    found = _journey(organisation, journey)
    return _moment_form_page(request, organisation, membership, found, _moment(found, moment))


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def moment_delete(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str, moment: str
) -> HttpResponse:
    found = _journey(organisation, journey)
    item = _moment(found, moment)
    if request.method == "POST":
        services.delete_moment(moment=item, actor=request.user)
        messages.success(request, _("The moment was deleted; its customer links stay in their rounds."))
        return redirect("journey_detail", org=organisation.public_id, journey=found.public_id)
    context = _base(organisation, membership, journey=found, moment=item, links=selectors.moment_links(moment=item))
    return render(request, "journeys/moment_delete.html", context)


@organisation_page(manage=True)
@require_POST
def moment_move(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str, moment: str
) -> HttpResponse:
    found = _journey(organisation, journey)
    item = _moment(found, moment)
    direction = request.POST.get("direction", "")
    if direction not in (services.UP, services.DOWN):
        return HttpResponse(_("Move a moment up or down."), status=400, content_type="text/plain; charset=utf-8")
    services.move_moment(moment=item, actor=request.user, direction=direction)
    return redirect("journey_detail", org=organisation.public_id, journey=found.public_id)


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def moment_links(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str, moment: str
) -> HttpResponse:
    """The moment's customer links (with their QR codes) and a form to add one in a round's customer check."""
    found = _journey(organisation, journey)
    item = _moment(found, moment)
    rounds = selectors.rounds_with_check(organisation=organisation)
    status = 200
    if request.method == "POST":
        form = MomentLinkForm(request.POST, rounds=rounds)
        if form.is_valid():
            check = selectors.check_of_round(organisation=organisation, public_id=form.cleaned_data["round"].public_id)
            if check is None:
                raise Http404
            link = services.add_moment_link(
                moment=item,
                check=check,
                actor=request.user,
                label=form.cleaned_data["label"],
                max_responses=form.cleaned_data["max_responses"],
            )
            messages.success(request, _("The customer link is tied to this moment. Print its QR code below."))
            return redirect(
                "moment_qr",
                org=organisation.public_id,
                journey=found.public_id,
                moment=item.public_id,
                link=link.public_id,
            )
        status = 400
    else:
        label = f"{found.t('name')} · {item.t('name')}"[:100]
        form = MomentLinkForm(initial={"label": label}, rounds=rounds)
    links = [{"link": link, "url": customer_link_url(link.token)} for link in selectors.moment_links(moment=item)]
    context = _base(organisation, membership, journey=found, moment=item, form=form, links=links, rounds=rounds)
    return render(request, "journeys/moment_links.html", context, status=status)


@organisation_page(manage=True)
@require_GET
def moment_qr(
    request: AuthenticatedRequest,
    organisation: Organisation,
    membership: Membership,
    journey: str,
    moment: str,
    link: str,
) -> HttpResponse:
    """A printable page: the moment's name, the QR code of its customer link and the address in words."""
    found = _journey(organisation, journey)
    item = _moment(found, moment)
    customer_link = selectors.moment_link_in(moment=item, public_id=link)
    if customer_link is None:
        raise Http404
    url = customer_link_url(customer_link.token)
    context = _base(organisation, membership, journey=found, moment=item, link=customer_link, url=url, svg=qr_svg(url))
    response = render(request, "journeys/moment_qr.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@assessment_page()
@require_GET
def moments_export(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, kind: str, fmt: str
) -> HttpResponseBase:
    """The round's moments (customers per moment) and the customer success measures, as CSV or Excel."""
    if kind not in exports.KINDS or fmt not in exports.FORMATS:
        raise Http404
    filename, content_type, content = exports.export(
        assessment=assessment, kind=kind, fmt=fmt, language=content_language(get_language())
    )
    services.record_export(assessment=assessment, actor=request.user, filename=filename)
    return download(filename=filename, content_type=content_type, content=content)
