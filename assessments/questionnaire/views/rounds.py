"""Start the next round from a closed (or running) assessment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.core.forms import add_service_errors
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.rounds import NextRoundForm
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.services import rounds as services


def _suggested_title(assessment):
    return _("%(title)s – next round") % {"title": assessment.title}


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_next_round(request, assessment, membership):
    form = NextRoundForm(request.POST or None, initial={"title": _suggested_title(assessment)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new = services.start_next_round(previous=assessment, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The next round was created as a draft with the same set-up."))
                return redirect("assessment_detail", assessment=new.public_id)
        status = 400
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "overview",
        "form": form,
        "invitees": services.copyable_invitees(previous=assessment),
        "teams": selectors.teams_of(assessment=assessment),
        "roles": list(selectors.roles_of(assessment=assessment)),
    }
    return render(request, "manage/next_round.html", context, status=status)
