"""The personal resume link of team-link respondents: opening it (any device) and emailing it to oneself."""

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments.core.ratelimits import resume_email_limit, token_page_limit
from assessments.questionnaire.forms.resume import ResumeEmailForm
from assessments.questionnaire.selectors.respondent import find_resumable, respondent_texts
from assessments.questionnaire.services import resume_links
from assessments.questionnaire.views import respondent_session as support
from assessments.questionnaire.views import save_cookie
from assessments.questionnaire.views.respond_states import bad_request, invalid_link, no_link


def resume_context(request: HttpRequest, respondent: support.Respondent, *, step: int) -> dict[str, Any]:
    """The resume box of a factor or review page: only for team links, from the second page on."""
    if respondent.team_link is None or not respondent.secret or step < 2:
        return {}
    return {
        "resume_url": resume_links.resume_url(respondent.secret),
        "resume_form": ResumeEmailForm(),
        "resume_open": step == 2,
        "resume_next": request.get_full_path(),
    }


@require_GET
@never_cache
@token_page_limit
def enter_resume_link(request: HttpRequest, token: str) -> HttpResponse:
    found = find_resumable(token=token)
    if found is None:
        response = invalid_link(request)
    else:
        _response, link = found
        support.remember_resume(request, link=link, secret=token)
        response = redirect("respond_resume")
        # From now on the team link itself also brings this browser back to the same answers.
        support.set_team_cookie(response, link=link, secret=token)
        save_cookie.forget(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    own_page = re.fullmatch(r"/r/(step/[0-9]{1,3}|review)/", target)
    return redirect(target if own_page else "respond_resume")


@require_POST
@never_cache
@resume_email_limit
def email_resume_link(request: HttpRequest) -> HttpResponse:
    respondent = support.current_respondent(request)
    if respondent is None or respondent.team_link is None or respondent.response is None:
        return no_link(request)
    support.activate_language(request, language=respondent.language)
    try:
        form = ResumeEmailForm(request.POST)
        valid = form.is_valid()
    except (RequestDataTooBig, TooManyFieldsSent) as exc:
        return bad_request(request, exc)
    if getattr(request, "limited", False):
        messages.error(request, _("We sent this link several times already. Please copy it instead."))
    elif not valid:
        messages.error(request, str(form.errors["email"][0]))
    else:
        texts = respondent_texts(assessment=respondent.assessment, language=respondent.language)
        resume_links.email_resume_link(
            email=form.cleaned_data["email"],
            url=resume_links.resume_url(respondent.secret),
            assessment=respondent.assessment,
            title=texts["title"],
            language=respondent.language,
        )
        messages.success(request, _("The link is on its way. We did not store your email address."))
    return _back(request)
