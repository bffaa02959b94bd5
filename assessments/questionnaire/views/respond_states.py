"""The calm pages for every state a respondent can run into (invalid link, not open, closed, done, unreadable
post) and `respondent_page`, which stops a respondent page at those states."""

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.respondent import (
    Availability,
    availability,
)
from assessments.questionnaire.views import respondent_session as support
from assessments.questionnaire.views import save_cookie
from assessments.questionnaire.views.respondent_session import Respondent

P = ParamSpec("P")
# A link on a message page: (URL, label).
Action = tuple[str, str] | None


def message_page(
    request: HttpRequest,
    respondent: Respondent | None,
    *,
    title: str | Promise,
    message: str | Promise,
    status: int,
    icon: str = "bi-info-circle",
    action: Action = None,
) -> HttpResponse:
    """A calm full page for every state a respondent can run into (invalid link, closed, done...)."""
    context = support.page_context(respondent, title=title, message=message, icon=icon, action=action)
    return render(request, "respond/message.html", context, status=status)


def invalid_link(request: HttpRequest, respondent: Respondent | None = None) -> HttpResponse:
    return message_page(
        request,
        respondent,
        title=_("This link does not work"),
        message=_(
            "We could not find a survey for this link. It may be incomplete, or it was replaced by a newer link "
            "or withdrawn by the person who invited you. Open the complete link from your most recent email, or "
            "ask the person who invited you."
        ),
        status=404,
        icon="bi-link-45deg",
    )


def no_link(request: HttpRequest) -> HttpResponse:
    return message_page(
        request,
        None,
        title=_("Please open your survey link"),
        message=_(
            "We don't know which survey you want to answer. Open the link from your invitation again; "
            "your answers so far are kept."
        ),
        status=404,
        icon="bi-envelope-open",
    )


def _summary_action(assessment: Assessment) -> Action:
    """The way to the published results summary (actions domain), by URL name only."""
    if assessment.summary_published_at is None:
        return None
    return (reverse("respondent_summary"), _("Read the results summary"))


def unavailable(request: HttpRequest, respondent: Respondent, state: str) -> HttpResponse:
    if state == Availability.CLOSED:
        return message_page(
            request,
            respondent,
            title=_("This survey has closed"),
            message=_("Answers can no longer be given or changed. Thank you for your interest."),
            status=410,
            icon="bi-calendar-x",
            action=_summary_action(respondent.assessment),
        )
    opens_at = respondent.assessment.opens_at
    return message_page(
        request,
        respondent,
        title=_("This survey is not open yet"),
        message=(
            _("You can answer from %(date)s. Please open the link again then.") % {"date": format_date(opens_at)}
            if opens_at
            else _("The survey has not been opened yet. Please try your link again later.")
        ),
        # 403: the link is valid, answering is just not allowed at this moment.
        status=403,
        icon="bi-hourglass-split",
    )


def format_date(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def done_page(request: HttpRequest, respondent: Respondent, *, just_submitted: bool = False) -> HttpResponse:
    support.mark_done(request, respondent=respondent)
    reply = render(
        request,
        "respond/done.html",
        support.page_context(respondent, just_submitted=just_submitted),
    )
    save_cookie.forget(reply)
    return reply


def respondent_page(
    view: Callable[Concatenate[HttpRequest, Respondent, P], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Resolves the respondent, switches to their language and stops at closed, done or not-open states."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        respondent = support.current_respondent(request)
        if respondent is None:
            return no_link(request)
        support.activate_language(request, language=respondent.language)
        if respondent.done or (respondent.response and respondent.response.submitted_at):
            return done_page(request, respondent)
        state = availability(assessment=respondent.assessment)
        if state != Availability.OPEN:
            return unavailable(request, respondent, state)
        reply = view(request, respondent, *args, **kwargs)
        # Every page (and the start that created the response) renews the cookie background saves use.
        response = respondent.response
        if response is not None and response.submitted_at is None:
            save_cookie.issue(reply, response=response, team_link=respondent.team_link)
        return reply

    return wrapped


def json_error(message: str | Promise, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message, **extra}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Respondent pages' 400: oversized or over-long posts usually fail in middleware, before a view.

    This is the site's handler400: paths outside r/ and t/ get Django's plain 400 page.
    """
    if not request.path.startswith(("/r/", "/t/")):
        return defaults.bad_request(request, exception)
    too_big = isinstance(exception, RequestDataTooBig)
    if request.path == reverse("respond_save") or request.content_type == "application/json":
        message = _("That is more text than we can save. Please shorten your comment.") if too_big else None
        return json_error(
            message or _("The answers could not be read. Please reload the page."), 413 if too_big else 400
        )
    respondent = support.current_respondent(request)
    if respondent is not None:
        support.activate_language(request, language=respondent.language)
    return message_page(
        request,
        respondent,
        title=_("That was too much to send at once") if too_big else _("Your answers could not be read"),
        message=_(
            "Nothing was changed: the answers you saved earlier are kept. Please go back, shorten your comment "
            "if it is very long, and try again."
        ),
        status=413 if too_big else 400,
        icon="bi-exclamation-circle",
        action=(reverse("respond_resume"), _("Back to the survey")) if respondent else None,
    )


def link_full(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    return message_page(
        request,
        respondent,
        title=_("This team link is full"),
        message=_(
            "The team link has already received as many answers as the survey's organiser allows, so no more "
            "questionnaires can be sent through it. If you have not answered yet, please ask the organiser "
            "for a personal invitation."
        ),
        status=403,
        icon="bi-people",
    )


def too_many_submits(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    return message_page(
        request,
        respondent,
        title=_("Too many questionnaires sent from here"),
        message=_(
            "Many questionnaires were just sent from your network, so we paused sending for a while. Your "
            "answers are saved: please try again in about ten minutes."
        ),
        status=429,
        icon="bi-hourglass-split",
        action=(reverse("respond_review"), _("Back to the survey")),
    )


def client_share_used(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    """This device sent its share of the team link's cap today: one person cannot fill a team alone."""
    return message_page(
        request,
        respondent,
        title=_("This device has sent its share of answers"),
        message=_(
            "Several questionnaires were already sent through this team link from this device today, as many "
            "as one device may send. Your answers are saved: please send them from your own device, try again "
            "tomorrow, or ask the organiser for a personal invitation."
        ),
        status=429,
        icon="bi-hourglass-split",
        action=(reverse("respond_review"), _("Back to the survey")),
    )
