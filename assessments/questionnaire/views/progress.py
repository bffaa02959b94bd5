"""The progress page and its JSON twin (refreshed by static/js/manage.js)."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.selectors.guard import flagged_responses
from assessments.questionnaire.services import guard


@assessment_page()
@require_GET
def assessment_progress(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    context: dict[str, Any] = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "progress",
        "progress": selectors.progress_for(assessment=assessment),
    }
    if membership.can_manage:
        completed = list(selectors.completed_invitations(assessment=assessment))
        context["completed"] = completed
        context["erased_completed"] = context["progress"]["totals"]["completed"] - len(completed)
        context["flagged"] = flagged_responses(assessment=assessment)
    return render(request, "manage/progress.html", context)


@assessment_page()
@require_GET
@never_cache
def assessment_progress_json(
    request: AuthenticatedRequest, assessment: Assessment, _membership: Membership
) -> HttpResponse:
    progress = selectors.progress_for(assessment=assessment)
    return JsonResponse({"status": assessment.status, **progress})


@assessment_page(manage=True)
@require_POST
def response_exclusion(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, response: UUID
) -> HttpResponse:
    """Excludes a flagged response from scoring, or restores it (the log records both)."""
    exclude = request.POST.get("action") != "include"
    change = guard.exclude_response if exclude else guard.include_response
    try:
        change(assessment=assessment, response_id=response, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("assessment_progress", assessment=assessment.public_id)
    if exclude:
        messages.success(request, _("The response is excluded: scores and the response rate no longer count it."))
    else:
        messages.success(request, _("The response counts again in the scores and the response rate."))
    return redirect("assessment_progress", assessment=assessment.public_id)
