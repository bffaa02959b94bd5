"""The progress page and its JSON twin (refreshed by static/js/manage.js)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.access import get_assessment_for
from assessments.selectors import assessments as selectors
from assessments.views.manage._common import remember_organisation


@login_required
@require_GET
def assessment_progress(request, assessment):
    assessment, membership = get_assessment_for(user=request.user, public_id=assessment)
    remember_organisation(request, assessment.organisation)
    context = {
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
    return render(request, "manage/progress.html", context)


@login_required
@require_GET
@never_cache
def assessment_progress_json(request, assessment):
    assessment, _membership = get_assessment_for(user=request.user, public_id=assessment)
    progress = selectors.progress_for(assessment=assessment)
    return JsonResponse({"status": assessment.status, **progress})
