"""The report page: choose a language, request the PDF or the slide deck, watch it being made, download it.

Managers, consultants and viewers (directors) of the organisation may all do
this: a report only contains what the results pages show them anyway. Both kinds follow one flow
(services.reports): a request queues a render, the page polls its status, the download serves the file.
"""

from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.core.http import AuthenticatedRequest
from assessments.core.ratelimits import pdf_limit
from assessments.organisations.models import Membership
from assessments.organisations.services import activity
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.results.forms import ReportRequestForm
from assessments.results.models import Report
from assessments.results.selectors.reports import current_report, current_reports, downloadable_report
from assessments.results.services.reports import (
    FILE_TYPES,
    fail_lost_render,
    report_filename,
    report_languages,
    request_report,
)

POLL_SECONDS = 3
KINDS = (Report.Kind.PDF, Report.Kind.DECK)


def _bad_language(request: HttpRequest) -> HttpResponse:
    message = _("Reports are available in Dutch (nl) and English (en). Go back and choose one of them.")
    return render(request, "errors/error.html", {"title": _("Unknown report language"), "message": message}, status=400)


def _page_language(request: HttpRequest, assessment: Assessment) -> str:
    """?language=, else the user's interface language, else the organisation's default."""
    language = request.GET.get("language")
    if language is not None:
        return language
    ui_language = (get_language() or "")[:2]
    return ui_language if ui_language in report_languages() else assessment.organisation.default_language


def _status_payload(*, assessment: Assessment, report: Report | None) -> dict[str, Any]:
    if report is None:
        return {"status": "none", "error": "", "download_url": ""}
    download_url = ""
    if report.status == Report.Status.DONE:
        download_url = reverse(
            "assessment_report_download", kwargs={"assessment": assessment.public_id, "report": report.public_id}
        )
    return {"status": report.status, "error": report.error, "download_url": download_url}


def _kind_state(*, assessment: Assessment, kind: str, report: Report | None, language: str) -> dict[str, Any]:
    """What the page shows of one kind: its report, status and where to poll it."""
    status = _status_payload(assessment=assessment, report=report)
    return {
        "kind": kind,
        "report": report,
        "status": status,
        "in_progress": status["status"] in (Report.Status.PENDING, Report.Status.RUNNING),
        "status_url": reverse("assessment_report_status", kwargs={"assessment": assessment.public_id})
        + f"?language={language}&kind={kind}",
    }


@assessment_page()
@never_cache
@require_http_methods(["GET", "POST"])
@pdf_limit
def assessment_report(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    if request.method == "POST":
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            if "kind" in form.errors:
                message = form.errors["kind"][0]
                return render(
                    request, "errors/error.html", {"title": _("Unknown report"), "message": message}, status=400
                )
            return _bad_language(request)
        language = form.cleaned_data["language"]
        request_report(assessment=assessment, language=language, kind=form.cleaned_data["kind"])
        # Post/redirect/get: reloading the progress page never queues another rendering.
        return redirect(
            f"{reverse('assessment_report', kwargs={'assessment': assessment.public_id})}?language={language}"
        )

    language = _page_language(request, assessment)
    if language not in report_languages():
        return _bad_language(request)
    reports = current_reports(assessment=assessment, language=language)
    kinds = {
        kind: _kind_state(
            assessment=assessment, kind=kind, report=fail_lost_render(report=reports.get(kind)), language=language
        )
        for kind in KINDS
    }
    pdf, deck = kinds[Report.Kind.PDF], kinds[Report.Kind.DECK]
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "form": ReportRequestForm(initial={"language": language}),
        "language": language,
        "language_name": get_language_info(language)["name_local"],
        "pdf": pdf,
        "deck": deck,
        # The PDF's names, as before the deck: the status box and its polling.
        "report": pdf["report"],
        "status": pdf["status"],
        "in_progress": pdf["in_progress"] or deck["in_progress"],
        # Kinds that can still be requested in this language (neither ready nor being made).
        "requestable": [k for k in kinds.values() if k["status"]["status"] in ("none", Report.Status.FAILED)],
        "poll_seconds": POLL_SECONDS,
        "status_url": pdf["status_url"],
    }
    return render(request, "reports/assessment_report.html", context)


@assessment_page()
@never_cache
@require_GET
def assessment_report_status(
    request: AuthenticatedRequest, assessment: Assessment, _membership: Membership
) -> JsonResponse:
    language = request.GET.get("language", "")
    if language not in report_languages():
        return JsonResponse({"error": "Unknown report language."}, status=400)
    kind = request.GET.get("kind") or Report.Kind.PDF
    if kind not in Report.Kind.values:
        return JsonResponse({"error": "Unknown report kind: pdf or deck."}, status=400)
    report = fail_lost_render(report=current_report(assessment=assessment, language=language, kind=kind))
    return JsonResponse(_status_payload(assessment=assessment, report=report))


@assessment_page()
@require_GET
def assessment_report_download(
    request: AuthenticatedRequest, assessment: Assessment, _membership: Membership, report: UUID
) -> HttpResponse:
    found = downloadable_report(assessment=assessment, public_id=report)
    if found is None:
        message = _("This report does not exist or is no longer current. Create it again from the report page.")
        return render(request, "errors/error.html", {"title": _("Report not found"), "message": message}, status=404)
    kind = Report.Kind(found.kind)
    with transaction.atomic():
        activity.record(
            organisation=assessment.organisation,
            actor=request.user,
            verb="deck_downloaded" if kind == Report.Kind.DECK else "report_downloaded",
            obj=assessment,
            detail=found.language.upper(),
        )
    assert found.content is not None  # a report is marked done in the same UPDATE that stores its file
    response = HttpResponse(bytes(found.content), content_type=FILE_TYPES[kind][1])
    filename = report_filename(assessment=assessment, language=found.language, kind=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
