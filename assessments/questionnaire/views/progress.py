"""The progress page and its JSON twin (refreshed by static/js/manage.js)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.selectors import assessments as selectors


@assessment_page()
@require_GET
def assessment_progress(request, assessment, membership):
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


@assessment_page()
@require_GET
@never_cache
def assessment_progress_json(request, assessment, _membership):
    progress = selectors.progress_for(assessment=assessment)
    return JsonResponse({"status": assessment.status, **progress})
