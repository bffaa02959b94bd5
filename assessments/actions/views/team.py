"""Team pages: a team's "top three" per round (its weakest statements with the library's actions), to discuss
with the team. A team leader reaches the pages of their own teams only (README "Team leaders")."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.actions.selectors.team_pages import has_sub_teams, team_for_page, team_pages
from assessments.actions.selectors.top_three import TOP, top_three
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from assessments.scoring.groups import team_key
from models_9plus.i18n import content_language


@organisation_page(leaders=True)
@require_GET
def team_page_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "team_pages",
        "teams": team_pages(organisation=organisation, membership=membership),
    }
    return render(request, "actions/team_pages.html", context)


@assessment_page(leaders=True)
@require_GET
def team_top_three(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, team: str
) -> HttpResponse:
    chosen = team_for_page(assessment=assessment, public_id=team, membership=membership)
    if chosen is None:
        raise Http404
    language = content_language(get_language())
    result = score_assessment(assessment=assessment)
    context = {
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "team_pages",
        "assessment": assessment,
        "team": chosen,
        "sub_teams": has_sub_teams(team=chosen),
        "result": result,
        "top_count": TOP,
        "page": top_three(
            assessment=assessment, result=result, group_key=team_key(chosen.public_id), language=language
        ),
    }
    return render(request, "actions/team_top_three.html", context)
