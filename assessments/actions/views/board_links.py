"""The manager's side of the read-only board links: make one, revoke one (the list is on the sharing page)."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.actions.forms import BoardLinkForm, GroupLinkForm
from assessments.actions.models import BoardLink
from assessments.actions.selectors import board_links as selectors
from assessments.actions.services.board_links import create_board_link, revoke_board_link
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment

# The new link's address waits in the session for the one page view that shows it, then is gone.
NEW_LINK_SESSION_KEY = "cxm.board-link.new"


def _back(assessment: Assessment, anchor: str = "board-links") -> HttpResponseRedirect:
    return redirect(reverse("assessment_sharing", kwargs={"assessment": assessment.public_id}) + f"#{anchor}")


@assessment_page(manage=True)
@require_POST
def board_link_create(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = BoardLinkForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("The link was not made: fill in for whom it is, what it shows and how long it works.")
        )
        return _back(assessment)
    try:
        link, token = create_board_link(
            assessment=assessment,
            actor=request.user,
            label=form.cleaned_data["label"],
            shows=form.cleaned_data["shows"],
            days=form.cleaned_data["days"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(assessment)
    request.session[NEW_LINK_SESSION_KEY] = {
        "id": str(link.public_id),
        "url": request.build_absolute_uri(reverse("board_report", kwargs={"token": token})),
    }
    return _back(assessment)


@assessment_page(manage=True)
@require_POST
def group_link_create(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    """A link to one team's or role's "top three for you" page, handed out like a board link."""
    groups = selectors.shareable_groups(result=score_assessment(assessment=assessment), language=get_language())
    form = GroupLinkForm(request.POST, groups=groups)
    if not form.is_valid():
        messages.error(
            request,
            _("The link was not made: choose a team or role that can be shown, for whom it is and how long it works."),
        )
        return _back(assessment, "group-links")
    try:
        link, token = create_board_link(
            assessment=assessment,
            actor=request.user,
            label=form.cleaned_data["label"],
            shows=BoardLink.Shows.PAGE,
            days=form.cleaned_data["days"],
            group_key=form.cleaned_data["group"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(assessment, "group-links")
    request.session[NEW_LINK_SESSION_KEY] = {
        "id": str(link.public_id),
        "url": request.build_absolute_uri(reverse("board_report", kwargs={"token": token})),
        "group": True,
    }
    return _back(assessment, "group-links")


@assessment_page(manage=True)
@require_POST
def board_link_revoke(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, board_link: UUID
) -> HttpResponse:
    link = selectors.board_link(assessment=assessment, public_id=board_link)
    if link is None:
        raise Http404
    revoke_board_link(link=link, actor=request.user)
    messages.success(request, _("The link is withdrawn: it no longer opens the report."))
    return _back(assessment, "group-links" if link.group_key else "board-links")
