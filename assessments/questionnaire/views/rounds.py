"""Start the next round from a closed (or running) assessment."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.core.forms import form_page
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.rounds import NextRoundForm
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.services import rounds as services


def _suggested_title(assessment):
    """In the organisation's language, like the title it extends: respondents and the board read it,
    not only the manager whose interface happens to be in another language."""
    with translation.override(assessment.organisation.default_language or settings.LANGUAGE_CODE):
        return _("%(title)s – next round") % {"title": assessment.title}


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def assessment_next_round(request, assessment, membership):
    return form_page(
        request,
        NextRoundForm(request.POST or None, initial={"title": _suggested_title(assessment)}),
        save=lambda data: services.start_next_round(previous=assessment, actor=request.user, **data),
        success=_("The next round was created as a draft with the same set-up."),
        done=lambda new: redirect("assessment_detail", assessment=new.public_id),
        template="manage/next_round.html",
        context=lambda: {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "membership": membership,
            "tab": "overview",
            "invitees": services.copyable_invitees(previous=assessment),
            "teams": selectors.teams_of(assessment=assessment),
            "roles": list(selectors.roles_of(assessment=assessment)),
        },
    )
