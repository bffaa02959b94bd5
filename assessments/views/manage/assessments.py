"""Assessment list, create, detail, edit and the status actions (open, close, reopen)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from assessments.access import get_assessment_for, get_organisation_for
from assessments.forms.assessments import AssessmentForm
from assessments.selectors import assessments as selectors
from assessments.services import assessments as services
from assessments.views.manage._common import add_service_errors, remember_organisation


@login_required
def assessment_list(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org)
    remember_organisation(request, organisation)
    return render(
        request,
        "manage/assessment_list.html",
        {
            "organisation": organisation,
            "membership": membership,
            "tab": "assessments",
            "assessments": list(selectors.assessments_for(organisation=organisation)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
    remember_organisation(request, organisation)
    form = AssessmentForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.create_assessment(
                    organisation=organisation, actor=request.user, data=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The assessment was created as a draft. Invite people next."))
                return redirect("assessment_detail", assessment=assessment.public_id)
        status = 400
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "assessments",
        "base_template": "organisations/_org_base.html",
        "form": form,
        "has_model": form.fields["model_version"].queryset.exists(),
        "has_teams": form.fields["teams"].queryset.exists(),
    }
    return render(request, "manage/assessment_form.html", context, status=status)


@login_required
def assessment_detail(request, assessment):
    assessment, membership = get_assessment_for(user=request.user, public_id=assessment)
    remember_organisation(request, assessment.organisation)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "overview",
        "teams": list(assessment.teams.order_by("name")),
        "roles": list(assessment.roles.all()),
        "summary": selectors.invitation_summary(assessment=assessment),
        "progress": selectors.progress_for(assessment=assessment)["totals"],
        "can_reopen": services.can_reopen(assessment),
    }
    return render(request, "manage/assessment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, assessment):
    assessment, membership = get_assessment_for(user=request.user, public_id=assessment, manage=True)
    organisation = assessment.organisation
    remember_organisation(request, organisation)
    form = AssessmentForm(request.POST or None, organisation=organisation, assessment=assessment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_assessment(assessment=assessment, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect("assessment_detail", assessment=assessment.public_id)
        status = 400
    context = {
        "assessment": assessment,
        "organisation": organisation,
        "membership": membership,
        "tab": "overview",
        "base_template": "manage/_assessment_base.html",
        "form": form,
        "has_model": True,
        "has_teams": True,
    }
    return render(request, "manage/assessment_form.html", context, status=status)


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


def _status_action(request, public_id, action):
    assessment, membership = get_assessment_for(user=request.user, public_id=public_id, manage=True)
    remember_organisation(request, assessment.organisation)
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


@login_required
@require_http_methods(["GET", "POST"])
def assessment_open(request, assessment):
    return _status_action(request, assessment, "open")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_close(request, assessment):
    return _status_action(request, assessment, "close")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_reopen(request, assessment):
    return _status_action(request, assessment, "reopen")
