"""Assessment list, create, detail, edit and the status actions (open, close, reopen)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from assessments.core.forms import form_page
from assessments.organisations.decorators import organisation_page
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.manage import AssessmentForm
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.selectors.respondent import estimated_minutes_for
from assessments.questionnaire.services import assessments as services


@organisation_page()
def assessment_list(request, organisation, membership):
    assessments = list(selectors.assessments_for(organisation=organisation))
    latest = None if assessments else selectors.latest_version()
    return render(
        request,
        "manage/assessment_list.html",
        {
            "organisation": organisation,
            "membership": membership,
            "tab": "assessments",
            "assessments": assessments,
            # The empty list promises the time of a new assessment on the newest model (ambition asked).
            "minutes": estimated_minutes_for(model_version=latest) if latest else None,
        },
    )


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_create(request, organisation, membership):
    return form_page(
        request,
        AssessmentForm(request.POST or None, organisation=organisation),
        save=lambda data: services.create_assessment(organisation=organisation, actor=request.user, data=data),
        success=_("The assessment was created as a draft. Invite people next."),
        done=_to_detail,
        template="manage/assessment_form.html",
        context=lambda: {
            "organisation": organisation,
            "membership": membership,
            "tab": "assessments",
            "base_template": "organisations/_org_base.html",
            **selectors.creation_prerequisites(organisation=organisation),
        },
    )


def _to_detail(assessment):
    return redirect("assessment_detail", assessment=assessment.public_id)


@assessment_page()
def assessment_detail(request, assessment, membership):
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "overview",
        "teams": selectors.teams_of(assessment=assessment),
        "roles": list(selectors.roles_of(assessment=assessment)),
        "summary": selectors.invitation_summary(assessment=assessment),
        "progress": selectors.progress_for(assessment=assessment)["totals"],
        "can_reopen": services.can_reopen(assessment),
    }
    return render(request, "manage/assessment_detail.html", context)


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_edit(request, assessment, membership):
    organisation = assessment.organisation

    def save(data):
        services.update_assessment(assessment=assessment, actor=request.user, data=data)
        return assessment

    return form_page(
        request,
        AssessmentForm(request.POST or None, organisation=organisation, assessment=assessment),
        save=save,
        success=_("Your changes were saved."),
        done=_to_detail,
        template="manage/assessment_form.html",
        context=lambda: {
            "assessment": assessment,
            "organisation": organisation,
            "membership": membership,
            "tab": "overview",
            "base_template": "manage/_assessment_base.html",
            "has_model": True,
            "has_teams": True,
        },
    )


_ACTIONS = {
    "open": {
        "service": services.open_assessment,
        "title": gettext_lazy("Open this assessment?"),
        "button": gettext_lazy("Open the assessment"),
        "done": gettext_lazy("The assessment is open. Invitations go out now."),
    },
    "close": {
        "service": services.close_assessment,
        "title": gettext_lazy("Close this assessment?"),
        "button": gettext_lazy("Close the assessment"),
        "done": gettext_lazy("The assessment is closed. You can reopen it for %(days)s days."),
    },
    "reopen": {
        "service": services.reopen_assessment,
        "title": gettext_lazy("Reopen this assessment?"),
        "button": gettext_lazy("Reopen the assessment"),
        "done": gettext_lazy("The assessment is open again."),
    },
}


def _status_action(request, assessment, membership, action):
    spec = _ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            spec["service"](assessment=assessment, actor=request.user)
        except services.LifecycleError as exc:
            error = str(exc)
        else:
            messages.success(request, str(spec["done"]) % {"days": services.REOPEN_DAYS})
            return redirect("assessment_detail", assessment=assessment.public_id)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "overview",
        "action": action,
        "title": spec["title"],
        "button": spec["button"],
        "error": error,
        "summary": selectors.invitation_summary(assessment=assessment),
        "reopen_days": services.REOPEN_DAYS,
    }
    return render(request, "manage/assessment_confirm.html", context, status=409 if error else 200)


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_open(request, assessment, membership):
    return _status_action(request, assessment, membership, "open")


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_close(request, assessment, membership):
    return _status_action(request, assessment, membership, "close")


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_reopen(request, assessment, membership):
    return _status_action(request, assessment, membership, "reopen")
