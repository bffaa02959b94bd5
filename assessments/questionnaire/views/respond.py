"""The respondent's pages: link entry, start, one page per factor, review, submit, thank you.

Respondents have no account: a link (personal invitation or shared team link) puts them in the
session, and every page works out who is answering from there (see respondent_session). The pages
work without JavaScript; static/js/respond.js adds background saving through `autosave.save`.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.core.client_ip import client_ip
from assessments.core.network import network_hash
from assessments.core.ratelimits import (
    count_link_client,
    count_link_submit,
    link_client_blocked,
    link_submit_blocked,
    token_page_limit,
)
from assessments.organisations.logos import logo_response
from assessments.questionnaire import review_extras
from assessments.questionnaire.forms.respond import FactorAnswersForm, StartForm
from assessments.questionnaire.selectors.assessments import roles_of
from assessments.questionnaire.selectors.respondent import (
    Availability,
    Questionnaire,
    availability,
    find_invitation,
    find_team_link,
    questionnaire_for,
    respondent_texts,
    review_summary,
)
from assessments.questionnaire.services import responses as response_service
from assessments.questionnaire.views import respondent_session as support
from assessments.questionnaire.views import save_cookie
from assessments.questionnaire.views.factor_forms import (
    answer_rows,
    factor_ambition_group,
    factor_form,
    initial_answers,
)
from assessments.questionnaire.views.respond_states import (
    bad_request,
    client_share_used,
    invalid_link,
    link_full,
    message_page,
    no_link,
    respondent_page,
    too_many_submits,
    unavailable,
)
from assessments.questionnaire.views.respondent_session import Respondent
from assessments.questionnaire.views.resume_link import resume_context
from models_9plus.selectors import factor_level_texts

NAVIGATION = ("next", "back", "review")
R = TypeVar("R", bound=HttpResponse)


def _no_referrer(response: R) -> R:
    response["Referrer-Policy"] = "no-referrer"
    return response


def _enter(request: HttpRequest, found: object, remember: Callable[[HttpResponse], None]) -> HttpResponse:
    """A link's first page: `remember(response)` who is answering, then on to resume.

    The token leaves the address bar at once: no history, logs or referrers keep it.
    """
    if found is None:
        return _no_referrer(invalid_link(request))
    response = _no_referrer(redirect("respond_resume"))
    remember(response)
    save_cookie.forget(response)  # another respondent's saves must not go on from this browser
    return response


@require_GET
@never_cache
@token_page_limit
def enter_invitation(request: HttpRequest, token: str) -> HttpResponse:
    return _enter(
        request, find_invitation(token=token), lambda _response: support.remember_invitation(request, token=token)
    )


@require_GET
@never_cache
@token_page_limit
def enter_team_link(request: HttpRequest, token: str) -> HttpResponse:
    link = find_team_link(token=token)

    def remember(response: HttpResponse) -> None:
        assert link is not None  # _enter remembers only a link it found
        support.set_team_cookie(response, link=link, secret=support.remember_team_link(request, link=link))

    return _enter(request, link, remember)


@require_GET
@respondent_page
def resume(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    if response.last_step >= questionnaire.review_step:
        return redirect("respond_review")
    return redirect("respond_step", step=max(1, response.last_step))


@require_http_methods(["GET", "POST"])
@respondent_page
def start(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    roles = roles_of(assessment=respondent.assessment)
    asks_role = respondent.fixed_role is None and bool(questionnaire.roles)
    initial = {"role": respondent.response.role.public_id} if respondent.response and respondent.response.role else {}
    try:
        data = request.POST if request.method == "POST" else None
    except (RequestDataTooBig, TooManyFieldsSent) as exc:
        return bad_request(request, exc)
    form = StartForm(data, roles=roles, initial=initial) if asks_role else None
    status = 200
    if request.method == "POST":
        if form is None or form.is_valid():
            role = form.cleaned_data["role"] if form is not None else respondent.fixed_role
            try:
                response, _created = response_service.start_or_resume(
                    assessment=respondent.assessment,
                    access_key_hash=respondent.access_key_hash,
                    team=respondent.team,
                    role=role,
                    language=respondent.language,
                    invitation=respondent.invitation,
                    team_link=respondent.team_link,
                )
            except response_service.SurveyClosed:
                return unavailable(request, respondent, availability(assessment=respondent.assessment))
            except response_service.LinkFull:
                return link_full(request, respondent)
            respondent.response = response  # respondent_page sets the save cookie for it
            return redirect("respond_step", step=max(1, min(response.last_step, questionnaire.review_step - 1)))
        status = 400
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        form=form,
        threshold=respondent.assessment.threshold_scores,
        comment_threshold=respondent.assessment.threshold_comments,
        texts=respondent_texts(assessment=respondent.assessment, language=respondent.language),
        via_team_link=respondent.team_link is not None,
    )
    return render(request, "respond/start.html", context, status=status)


def _render_step(
    request: HttpRequest,
    respondent: Respondent,
    questionnaire: Questionnaire,
    step: int,
    form: FactorAnswersForm,
    *,
    status: int = 200,
    notice: str = "",
) -> HttpResponse:
    rows, options, dont_know = answer_rows(form, questionnaire, respondent)
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        step=step,
        factor=questionnaire.factor_for_step(step),
        form=form,
        rows=rows,
        factor_ambition=factor_ambition_group(form),
        level_texts=factor_level_texts(factor=form.factor),
        options=options,
        dont_know=dont_know,
        progress=round(100 * step / questionnaire.step_count),
        is_last_factor=step == questionnaire.review_step - 1,
        notice=notice,
        save_url=reverse("respond_save"),
        **resume_context(request, respondent, step=step),
    )
    return render(request, "respond/step.html", context, status=status)


def _destination(action: str | None, step: int, questionnaire: Questionnaire) -> int:
    if action == "back":
        return step - 1
    if action == "review":
        return questionnaire.review_step
    return step + 1


def _redirect_to_step(step: int, questionnaire: Questionnaire) -> HttpResponseRedirect:
    if step <= 0:
        return redirect("respond_start")
    if step >= questionnaire.review_step:
        return redirect("respond_review")
    return redirect("respond_step", step=step)


def _unknown_step(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    return message_page(
        request,
        respondent,
        title=_("This page of the survey does not exist"),
        message=_("Use the link below to go back to where you were; your answers are kept."),
        status=404,
        icon="bi-signpost-split",
        action=(reverse("respond_resume"), _("Continue the survey")),
    )


@require_http_methods(["GET", "POST"])
@respondent_page
def step(request: HttpRequest, respondent: Respondent, step: int) -> HttpResponse:
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    factor = questionnaire.factor_for_step(step)
    if factor is None:
        return _unknown_step(request, respondent)
    if request.method == "GET":
        form = factor_form(
            questionnaire,
            factor,
            initial=initial_answers(response, factor, questionnaire=questionnaire),
            response=response,
        )
        return _render_step(request, respondent, questionnaire, step, form)

    try:
        form = factor_form(questionnaire, factor, data=request.POST, response=response)
    except (RequestDataTooBig, TooManyFieldsSent) as exc:
        return bad_request(request, exc)
    if not form.is_valid():
        return _render_step(request, respondent, questionnaire, step, form, status=400)
    action = request.POST.get("nav", "next")
    destination = _destination(action if action in NAVIGATION else "next", step, questionnaire)
    try:
        response_service.save_answers(
            response=response,
            step=step,
            answers=form.answers(),
            comments=form.comments(),
            factor_ambitions=form.factor_ambitions(),
            base_version=form.cleaned_data["version"],
            resume_step=min(max(destination, 1), questionnaire.review_step),
        )
    except response_service.VersionConflict:
        response.refresh_from_db()
        fresh = factor_form(
            questionnaire,
            factor,
            initial=initial_answers(response, factor, questionnaire=questionnaire),
            response=response,
        )
        notice = _(
            "Your answers were changed in another window in the meantime. This page now shows the newest "
            "answers; please check them and continue."
        )
        return _render_step(request, respondent, questionnaire, step, fresh, status=409, notice=notice)
    except response_service.AlreadySubmitted:
        return redirect("respond_resume")
    except response_service.SurveyClosed:
        return unavailable(request, respondent, Availability.CLOSED)
    return _redirect_to_step(destination, questionnaire)


@require_GET
@respondent_page
def review(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    response_service.remember_step(response=response, step=questionnaire.review_step)
    return _render_review(request, respondent, questionnaire)


def _render_review(
    request: HttpRequest, respondent: Respondent, questionnaire: Questionnaire, *, status: int = 200, error: str = ""
) -> HttpResponse:
    assert respondent.response is not None  # the review page is reached with a started response
    rows = review_summary(response=respondent.response, questionnaire=questionnaire)
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        rows=rows,
        step=questionnaire.review_step,
        progress=100,
        unanswered=sum(r.unanswered for r in rows),
        error=error,
        extras=review_extras.fragments(request, respondent),
        **resume_context(request, respondent, step=questionnaire.review_step),
    )
    return render(request, "respond/review.html", context, status=status)


@require_POST
@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    respondent = support.current_respondent(request)
    if respondent is None:
        return no_link(request)
    support.activate_language(request, language=respondent.language)
    if respondent.done:
        return redirect("respond_thanks")
    if respondent.response is None:
        return redirect("respond_start")
    link = respondent.team_link
    if link is not None and link_submit_blocked(request):
        return too_many_submits(request, respondent)
    if link is not None and link_client_blocked(request, link_id=link.pk, cap=link.response_cap):
        return client_share_used(request, respondent)
    # What was typed in the review page's own sections (the estimate about our customers) is stored first;
    # a refused value stops the send and shows the page again with what was typed, so nothing is lost.
    refused = review_extras.store_on_send(request, respondent)
    if refused:
        questionnaire = questionnaire_for(assessment=respondent.assessment)
        return _render_review(request, respondent, questionnaire, status=400, error=" ".join(refused))
    try:
        _response, newly = response_service.submit(
            response=respondent.response,
            invitation=respondent.invitation,
            team_link=link,
            network_hash=network_hash(client_ip(request), scope=respondent.assessment.pk) if link else "",
        )
    except response_service.SurveyClosed:
        return unavailable(request, respondent, availability(assessment=respondent.assessment))
    except response_service.LinkFull:
        return link_full(request, respondent)
    except response_service.NothingAnswered:
        questionnaire = questionnaire_for(assessment=respondent.assessment)
        return _render_review(
            request,
            respondent,
            questionnaire,
            status=400,
            error=_("Please answer at least one statement before you send your answers."),
        )
    if link is not None and newly:
        count_link_submit(request)
        count_link_client(request, link_id=link.pk)
    support.mark_done(request, respondent=respondent)
    reply = redirect("respond_thanks")
    save_cookie.forget(reply)
    return reply


@require_GET
@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    respondent = support.current_respondent(request)
    if respondent is None:
        return no_link(request)
    if not respondent.done:
        return redirect("respond_resume")
    support.activate_language(request, language=respondent.language)
    return render(request, "respond/done.html", support.page_context(respondent, just_submitted=True))


@require_GET
def logo(request: HttpRequest) -> FileResponse:
    """The respondent's organisation logo (the members' logo URL needs an account)."""
    respondent = support.current_respondent(request)
    organisation = respondent.organisation if respondent else None
    return logo_response(organisation)


@require_POST
@never_cache
def change_language(request: HttpRequest) -> HttpResponse:
    respondent = support.current_respondent(request)
    if respondent is None:
        return no_link(request)
    language = request.POST.get("language", "")
    if language in respondent.languages:
        support.remember_language(request, language=language)
        if respondent.response is not None and respondent.response.submitted_at is None:
            response_service.change_language(response=respondent.response, language=language)
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    if not (safe and target.startswith("/r/")):
        target = reverse("respond_resume")
    return redirect(target)
