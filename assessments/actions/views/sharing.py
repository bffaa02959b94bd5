"""Results shared back: the manager's sharing page and the respondents' summary."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments.actions.forms import BoardLinkForm, GroupLinkForm, SharingNoteForm
from assessments.actions.selectors.board_links import board_links, group_names, shareable_groups
from assessments.actions.selectors.summary import respondent_summary
from assessments.actions.services import sharing as services
from assessments.actions.views.board_links import NEW_LINK_SESSION_KEY
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.views import respondent_session as support
from assessments.scoring import score_assessment
from models_9plus.i18n import content_language


def _post(request: AuthenticatedRequest, assessment: Assessment, form: SharingNoteForm) -> HttpResponseRedirect | None:
    action = request.POST.get("do")
    try:
        if action == "publish":
            services.publish_summary(assessment=assessment, actor=request.user)
            messages.success(request, _("The summary is published: respondents can open it with their own link."))
        elif action == "unpublish":
            services.unpublish_summary(assessment=assessment, actor=request.user)
            messages.success(request, _("The summary is no longer available to respondents."))
        elif form.is_valid():
            services.set_sharing_note(
                assessment=assessment, actor=request.user, note=form.cleaned_data["results_sharing_note"]
            )
            messages.success(request, _("Saved."))
        else:
            return None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("assessment_sharing", assessment=assessment.public_id)


@assessment_page()
@require_http_methods(["GET", "POST"])
def assessment_sharing(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = SharingNoteForm(request.POST or None, initial={"results_sharing_note": assessment.results_sharing_note})
    if request.method == "POST":
        if not membership.can_manage:
            raise PermissionDenied
        response = _post(request, assessment, form)
        if response is not None:
            return response
    language = content_language(get_language())
    result = score_assessment(assessment=assessment)
    links = board_links(assessment=assessment)
    names = group_names(result=result, language=language)
    for link in links:
        link.group_name = names.get(link.group_key, "")
    groups = shareable_groups(result=result, language=language)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "sharing",
        "form": form,
        "is_closed": assessment.status == Assessment.Status.CLOSED,
        "summary": respondent_summary(assessment=assessment, language=language),
        "board_links": [link for link in links if not link.group_key],
        "board_link_form": BoardLinkForm(),
        # Per team and role its "top three for you" page, handed out by link (seed 002: "the top three
        # actions for you"); only the groups the anonymity rules show are offered.
        "group_links": [link for link in links if link.group_key],
        "group_link_form": GroupLinkForm(groups=groups) if groups else None,
        # Shown once, right after it was made: only its hash is stored.
        "new_board_link": request.session.pop(NEW_LINK_SESSION_KEY, None) if membership.can_manage else None,
    }
    return render(request, "actions/sharing.html", context, status=400 if form.errors else 200)


@require_GET
@never_cache
def summary_for_respondent(request: HttpRequest) -> HttpResponse:
    """Opened from the respondent's own link: the session knows which assessment, nothing about who."""
    respondent = support.current_respondent(request)
    if respondent is None or respondent.assessment.summary_published_at is None:
        context = support.page_context(
            respondent,
            title=_("No results shared yet"),
            message=_(
                "The results summary is not available yet. Open the team link you answered through again, on this "
                "device and in this browser, once the organisation has shared it."
            )
            if respondent is not None and respondent.via_team_link
            else _(
                "The results summary is not available. Open the link from your invitation again once the "
                "organisation has shared it."
            ),
            icon="bi-hourglass-split",
            action=None,
        )
        return render(request, "respond/message.html", context, status=404)
    support.activate_language(request, language=respondent.language)
    assessment = respondent.assessment
    language = content_language(respondent.language)
    context = support.page_context(
        respondent, assessment=assessment, **respondent_summary(assessment=assessment, language=language)
    )
    response = render(request, "actions/respondent_summary.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response
