"""The service blueprint of a journey (issue 27, item 6): the page, its PDF to print and its PowerPoint file to
edit in the workshop. Readable by every member who may see the journey (viewers too), like the journey page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.core.http import AuthenticatedRequest
from assessments.journeys import selectors
from assessments.journeys.blueprint import LANES, Blueprint, blueprint_rounds, lane_hints, lane_names, service_blueprint
from assessments.journeys.blueprint_files import blueprint_filename, blueprint_pdf, blueprint_pptx
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment
from models_9plus.i18n import content_language

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _chosen(request: AuthenticatedRequest, organisation: Organisation) -> tuple[list[Assessment], Assessment | None]:
    rounds, default = blueprint_rounds(organisation=organisation)
    wanted = request.GET.get("round", "")
    if not wanted:
        return rounds, default
    chosen = next((a for a in rounds if str(a.public_id) == wanted), None)
    if chosen is None:
        raise Http404
    return rounds, chosen


def _blueprint(
    request: AuthenticatedRequest, organisation: Organisation, journey: str
) -> tuple[Blueprint, list[Assessment], str]:
    found = selectors.journey_in(organisation=organisation, public_id=journey)
    if found is None:
        raise Http404
    rounds, chosen = _chosen(request, organisation)
    language = content_language(get_language())
    return service_blueprint(journey=found, assessment=chosen, language=language), rounds, language


@organisation_page()
@require_GET
def journey_blueprint(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    blueprint, rounds, _language = _blueprint(request, organisation, journey)
    names, hints = lane_names(), lane_hints()
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "journeys",
        "journey_id": journey,
        "blueprint": blueprint,
        "rounds": rounds,
        "chosen": blueprint.assessment,
        "page": blueprint.columns,
        "lanes": [{"code": lane, "name": names[lane], "hint": hints[lane]} for lane in LANES],
        "query": f"?round={blueprint.assessment.public_id}" if blueprint.assessment else "",
    }
    return render(request, "journeys/blueprint.html", context)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organisation_page()
@require_GET
def journey_blueprint_pdf(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    blueprint, _rounds, language = _blueprint(request, organisation, journey)
    content = blueprint_pdf(blueprint=blueprint, organisation=organisation, language=language)
    return _download(
        content, content_type="application/pdf", filename=blueprint_filename(blueprint=blueprint, extension="pdf")
    )


@organisation_page()
@require_GET
def journey_blueprint_pptx(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, journey: str
) -> HttpResponse:
    blueprint, _rounds, language = _blueprint(request, organisation, journey)
    content = blueprint_pptx(blueprint=blueprint, organisation=organisation, language=language)
    return _download(content, content_type=PPTX, filename=blueprint_filename(blueprint=blueprint, extension="pptx"))
