"""The Outside-in tab of an assessment: set up the customer check, its links and imports, and see the
figures next to the internal view. Managers change things; viewers only look."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.core.downloads import download
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.organisations.services import activity
from assessments.outside_in import exports, services
from assessments.outside_in.csv_import import parse_figures_csv
from assessments.outside_in.forms import CheckForm, FiguresUploadForm, LinkForm
from assessments.outside_in.models import CustomerCheck
from assessments.outside_in.presenters import section_context, summary_json
from assessments.outside_in.selectors import customer_check_for, link_of, links_for, outside_in_summary
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from models_9plus.i18n import content_language


def _page(
    request: HttpRequest, assessment: Assessment, membership: Membership, *, status: int = 200, **forms: Any
) -> HttpResponse:
    check = customer_check_for(assessment=assessment)
    context: dict[str, Any] = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "outside_in",
        "check": check,
    }
    if check is not None:
        links = links_for(check=check)
        summary = outside_in_summary(assessment=assessment, check=check)
        context.update(section_context(summary=summary, language=content_language(get_language())))
        context.update(
            links=[
                {"link": link, "url": services.customer_link_url(link.token), "figures": figures}
                for link, figures in zip(links, summary.links, strict=True)
            ],
            check_form=forms.get("check_form") or CheckForm(initial={"min_responses": check.min_responses}),
            link_form=forms.get("link_form") or LinkForm(check=check),
            upload_form=forms.get("upload_form") or FiguresUploadForm(),
            import_errors=forms.get("import_errors", []),
        )
    return render(request, "outside_in/page.html", context, status=status)


def _check_or_404(assessment: Assessment) -> CustomerCheck:
    check = customer_check_for(assessment=assessment)
    if check is None:
        raise Http404
    return check


@assessment_page()
@require_GET
def outside_in_page(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    return _page(request, assessment, membership)


@assessment_page(manage=True)
@require_POST
def enable_check(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    services.enable_check(assessment=assessment, actor=request.user)
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def check_settings(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    check = _check_or_404(assessment)
    form = CheckForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, membership, status=400, check_form=form)
    services.update_check(check=check, actor=request.user, min_responses=form.cleaned_data["min_responses"])
    messages.success(request, _("Saved."))
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def add_link(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    check = _check_or_404(assessment)
    form = LinkForm(request.POST, check=check)
    if not form.is_valid():
        return _page(request, assessment, membership, status=400, link_form=form)
    services.create_link(
        check=check,
        actor=request.user,
        label=form.cleaned_data["label"],
        max_responses=form.cleaned_data["max_responses"],
    )
    messages.success(request, _("The customer link is ready. Copy it below and share it with your customers."))
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def toggle_link(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, link: str
) -> HttpResponse:
    check = _check_or_404(assessment)
    found = link_of(check=check, public_id=link)
    if found is None:
        raise Http404
    services.set_link_active(link=found, actor=request.user, active=request.POST.get("active") == "1")
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def import_figures(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    check = _check_or_404(assessment)
    form = FiguresUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, assessment, membership, status=400, upload_form=form)
    rows, errors = parse_figures_csv(form.cleaned_data["file"])
    if errors:
        return _page(request, assessment, membership, status=400, upload_form=form, import_errors=errors)
    count = services.import_figures(check=check, actor=request.user, rows=rows, filename=form.cleaned_data["file"].name)
    messages.success(request, _("%(count)s rows of customer figures imported.") % {"count": count})
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def delete_imported(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    check = _check_or_404(assessment)
    services.delete_imported(check=check, actor=request.user)
    messages.success(request, _("The imported customer figures were removed."))
    return redirect("outside_in", assessment=assessment.public_id)


@assessment_page()
@require_GET
def summary_json_view(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    check = _check_or_404(assessment)
    summary = outside_in_summary(assessment=assessment, check=check)
    response = JsonResponse(summary_json(summary))
    response["Cache-Control"] = "private, no-store"
    return response


@assessment_page()
@require_GET
def export(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, kind: str, fmt: str
) -> HttpResponseBase:
    check = _check_or_404(assessment)
    if kind not in exports.KINDS or fmt not in exports.FORMATS:
        raise Http404
    language = content_language(get_language())
    filename, content_type, content = exports.export(
        assessment=assessment, check=check, kind=kind, fmt=fmt, language=language
    )
    activity.record(
        organisation=assessment.organisation, actor=request.user, verb="exported", obj=assessment, detail=filename
    )
    return download(filename=filename, content_type=content_type, content=content)
