"""The manager's setting of an open team link's response cap (the links section of the invitations page)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.manage import LinkCapForm
from assessments.questionnaire.selectors.assessments import team_link_of
from assessments.questionnaire.services import guard


@assessment_page(manage=True)
@require_POST
def team_link_cap(request, assessment, membership):
    form = LinkCapForm(request.POST, assessment=assessment)
    back = redirect("assessment_invitations", assessment=assessment.public_id)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of at least 1 for a team of this assessment."))
        return back
    link = team_link_of(assessment=assessment, team=form.cleaned_data["team"])
    if link is None:
        messages.error(request, _("This team has no open link yet."))
        return back
    guard.update_response_cap(team_link=link, response_cap=form.cleaned_data["response_cap"], actor=request.user)
    messages.success(
        request,
        _("The open link for %(team)s accepts at most %(n)s responses.")
        % {"team": link.team.name, "n": form.cleaned_data["response_cap"]},
    )
    return back
