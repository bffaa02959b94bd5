"""The respondent's pages: link entry, start, one page per factor, review, submit, thank you.

Respondents have no account: a link (personal invitation or shared team link) puts them in the
session, and every page works out who is answering from there (see respond_support). The pages
work without JavaScript; static/js/respond.js adds background saving through `save`.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.core.ratelimits import token_page_limit
from assessments.organisations.logos import logo_response
from assessments.questionnaire.forms.respond import FactorAnswersForm, StartForm, ambition_name, current_name
from assessments.questionnaire.models import DONT_KNOW
from assessments.questionnaire.selectors.respondent import (
    Availability,
    answers_for,
    availability,
    find_invitation,
    find_team_link,
    questionnaire_for,
    review_summary,
    save_questionnaire_for,
)
from assessments.questionnaire.services import responses as response_service
from assessments.questionnaire.views import respondent_session as support

NAVIGATION = ("next", "back", "review")


def _message(request, respondent, *, title, message, status, icon="bi-info-circle", action=None):
    """A calm full page for every state a respondent can run into (invalid link, closed, done...)."""
    context = support.page_context(respondent, title=title, message=message, icon=icon, action=action)
    return render(request, "respond/message.html", context, status=status)


def _invalid_link(request, respondent=None):
    return _message(
        request,
        respondent,
        title=_("This link does not work"),
        message=_(
            "We could not find a survey for this link. Please check that you opened the complete link from "
            "your invitation, or ask the person who invited you for a new one."
        ),
        status=404,
        icon="bi-link-45deg",
    )


def _no_link(request):
    return _message(
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


def _summary_action(assessment):
    """The way to the published results summary (actions domain), by URL name only."""
    if assessment.summary_published_at is None:
        return None
    return (reverse("respondent_summary"), _("Read the results summary"))


def _unavailable(request, respondent, state):
    if state == Availability.CLOSED:
        return _message(
            request,
            respondent,
            title=_("This survey has closed"),
            message=_("Answers can no longer be given or changed. Thank you for your interest."),
            status=410,
            icon="bi-calendar-x",
            action=_summary_action(respondent.assessment),
        )
    opens_at = respondent.assessment.opens_at
    return _message(
        request,
        respondent,
        title=_("This survey is not open yet"),
        message=(
            _("You can answer from %(date)s. Please open the link again then.") % {"date": _format_date(opens_at)}
            if opens_at
            else _("The survey has not been opened yet. Please try your link again later.")
        ),
        # 403: the link is valid, answering is just not allowed at this moment.
        status=403,
        icon="bi-hourglass-split",
    )


def _format_date(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _done(request, respondent, *, just_submitted=False):
    support.mark_done(request, respondent=respondent)
    return render(
        request,
        "respond/done.html",
        support.page_context(respondent, just_submitted=just_submitted),
    )


def respondent_page(view):
    """Resolves the respondent, switches to their language and stops at closed, done or not-open states."""

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        respondent = support.current_respondent(request)
        if respondent is None:
            return _no_link(request)
        support.activate_language(request, language=respondent.language)
        if respondent.done or (respondent.response and respondent.response.submitted_at):
            return _done(request, respondent)
        state = availability(assessment=respondent.assessment)
        if state != Availability.OPEN:
            return _unavailable(request, respondent, state)
        return view(request, respondent, *args, **kwargs)

    return wrapped


def _no_referrer(response):
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@never_cache
@token_page_limit
def enter_invitation(request, token):
    invitation = find_invitation(token=token)
    if invitation is None:
        return _no_referrer(_invalid_link(request))
    support.remember_invitation(request, token=token)
    # The token leaves the address bar at once: no history, logs or referrers keep it.
    return _no_referrer(redirect("respond_resume"))


@require_GET
@never_cache
@token_page_limit
def enter_team_link(request, token):
    link = find_team_link(token=token)
    if link is None:
        return _no_referrer(_invalid_link(request))
    secret = support.remember_team_link(request, link=link)
    response = _no_referrer(redirect("respond_resume"))
    support.set_team_cookie(response, link=link, secret=secret)
    return response


@require_GET
@respondent_page
def resume(request, respondent):
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    if response.last_step >= questionnaire.review_step:
        return redirect("respond_review")
    return redirect("respond_step", step=max(1, response.last_step))


@require_http_methods(["GET", "POST"])
@respondent_page
def start(request, respondent):
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    roles = respondent.assessment.roles.order_by("order", "name_en")
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
                )
            except response_service.SurveyClosed:
                return _unavailable(request, respondent, availability(assessment=respondent.assessment))
            return redirect("respond_step", step=max(1, min(response.last_step, questionnaire.review_step - 1)))
        status = 400
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        form=form,
        threshold=respondent.assessment.threshold_scores,
        comment_threshold=respondent.assessment.threshold_comments,
    )
    return render(request, "respond/start.html", context, status=status)


def _scale(questionnaire, respondent):
    options = [(str(o.value), o.t("label"), o.t("description")) for o in questionnaire.scale_options]
    dont_know = (str(DONT_KNOW), respondent.assessment.model_version.t("dont_know_label"), "")
    return options, dont_know


def _rows(form, questionnaire, respondent):
    """Per statement: its text and one or two radio groups, with the bound value and errors."""
    options, dont_know = _scale(questionnaire, respondent)
    rows = []
    for statement in form.statements:
        groups = [("current", form[current_name(statement)])]
        if respondent.assessment.ask_ambition:
            groups.append(("ambition", form[ambition_name(statement)]))
        rows.append(
            {
                "statement": statement,
                "groups": [
                    {
                        "kind": kind,
                        "name": field.html_name,
                        "value": "" if field.value() is None else str(field.value()),
                        "errors": field.errors,
                    }
                    for kind, field in groups
                ],
            }
        )
    return rows, options, dont_know


def _initial(response, factor):
    answers, comment = answers_for(response=response, factor=factor)
    initial = {"version": response.version, "comment": comment}
    for statement in factor.statement_list:
        current, ambition = answers.get(statement.pk, (None, None))
        initial[current_name(statement)] = current
        initial[ambition_name(statement)] = ambition
    return initial


def _factor_form(questionnaire, factor, data=None, initial=None):
    return FactorAnswersForm(
        data,
        initial=initial,
        factor=factor,
        scale_values=[o.value for o in questionnaire.scale_options],
        ask_ambition=questionnaire.assessment.ask_ambition,
    )


def _render_step(request, respondent, questionnaire, step, form, *, status=200, notice=""):
    rows, options, dont_know = _rows(form, questionnaire, respondent)
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        step=step,
        factor=questionnaire.factor_for_step(step),
        form=form,
        rows=rows,
        options=options,
        dont_know=dont_know,
        progress=round(100 * step / questionnaire.step_count),
        is_last_factor=step == questionnaire.review_step - 1,
        notice=notice,
        save_url=reverse("respond_save"),
    )
    return render(request, "respond/step.html", context, status=status)


def _destination(action, step, questionnaire):
    if action == "back":
        return step - 1
    if action == "review":
        return questionnaire.review_step
    return step + 1


def _redirect_to_step(step, questionnaire):
    if step <= 0:
        return redirect("respond_start")
    if step >= questionnaire.review_step:
        return redirect("respond_review")
    return redirect("respond_step", step=step)


def _unknown_step(request, respondent):
    return _message(
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
def step(request, respondent, step):
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    factor = questionnaire.factor_for_step(step)
    if factor is None:
        return _unknown_step(request, respondent)
    if request.method == "GET":
        form = _factor_form(questionnaire, factor, initial=_initial(response, factor))
        return _render_step(request, respondent, questionnaire, step, form)

    try:
        form = _factor_form(questionnaire, factor, data=request.POST)
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
            base_version=form.cleaned_data["version"],
            resume_step=min(max(destination, 1), questionnaire.review_step),
        )
    except response_service.VersionConflict:
        response.refresh_from_db()
        fresh = _factor_form(questionnaire, factor, initial=_initial(response, factor))
        notice = _(
            "Your answers were changed in another window in the meantime. This page now shows the newest "
            "answers; please check them and continue."
        )
        return _render_step(request, respondent, questionnaire, step, fresh, status=409, notice=notice)
    except response_service.AlreadySubmitted:
        return redirect("respond_resume")
    except response_service.SurveyClosed:
        return _unavailable(request, respondent, Availability.CLOSED)
    return _redirect_to_step(destination, questionnaire)


@require_GET
@respondent_page
def review(request, respondent):
    response = respondent.response
    if response is None:
        return redirect("respond_start")
    questionnaire = questionnaire_for(assessment=respondent.assessment)
    response_service.remember_step(response=response, step=questionnaire.review_step)
    return _render_review(request, respondent, questionnaire)


def _render_review(request, respondent, questionnaire, *, status=200, error=""):
    rows = review_summary(response=respondent.response, questionnaire=questionnaire)
    context = support.page_context(
        respondent,
        questionnaire=questionnaire,
        rows=rows,
        step=questionnaire.review_step,
        progress=100,
        unanswered=sum(r.unanswered for r in rows),
        error=error,
    )
    return render(request, "respond/review.html", context, status=status)


@require_POST
@never_cache
def submit(request):
    respondent = support.current_respondent(request)
    if respondent is None:
        return _no_link(request)
    support.activate_language(request, language=respondent.language)
    if respondent.done:
        return redirect("respond_thanks")
    if respondent.response is None:
        return redirect("respond_start")
    try:
        response_service.submit(response=respondent.response, invitation=respondent.invitation)
    except response_service.SurveyClosed:
        return _unavailable(request, respondent, availability(assessment=respondent.assessment))
    except response_service.NothingAnswered:
        questionnaire = questionnaire_for(assessment=respondent.assessment)
        return _render_review(
            request,
            respondent,
            questionnaire,
            status=400,
            error=_("Please answer at least one statement before you send your answers."),
        )
    support.mark_done(request, respondent=respondent)
    return redirect("respond_thanks")


@require_GET
@never_cache
def thanks(request):
    respondent = support.current_respondent(request)
    if respondent is None:
        return _no_link(request)
    if not respondent.done:
        return redirect("respond_resume")
    support.activate_language(request, language=respondent.language)
    return render(request, "respond/done.html", support.page_context(respondent, just_submitted=True))


@require_GET
def logo(request):
    """The respondent's organisation logo (the members' logo URL needs an account)."""
    respondent = support.current_respondent(request)
    organisation = respondent.organisation if respondent else None
    return logo_response(organisation)


@require_POST
@never_cache
def change_language(request):
    respondent = support.current_respondent(request)
    if respondent is None:
        return _no_link(request)
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


# --- background saves (JSON) -------------------------------------------------------------------


def _json_error(message, status, **extra):
    return JsonResponse({"ok": False, "message": message, **extra}, status=status)


def _already_sent():
    message = _("Your answers have already been sent. Thank you!")
    return _json_error(message, 409, submitted=True, redirect=reverse("respond_resume"))


def _current_fields(response, questionnaire, factor):
    """The stored answers of one page as form field values, for a tab that was out of date."""
    initial = _initial(response, factor)
    fields = {}
    for statement in factor.statement_list:
        names = [current_name(statement)] + (
            [ambition_name(statement)] if questionnaire.assessment.ask_ambition else []
        )
        for name in names:
            fields[name] = "" if initial[name] is None else str(initial[name])
    return {"fields": fields, "comment": initial["comment"]}


def _parse_save(request):
    """(payload, None) or (None, error response): never lets bad input become a 500."""
    if request.content_type != "application/json":
        return None, _json_error(_("Send the answers as JSON."), 400)
    try:
        payload = json.loads(request.body or b"null")
    except RequestDataTooBig:
        return None, _json_error(_("That is more text than we can save. Please shorten your comment."), 413)
    except (ValueError, UnicodeDecodeError):
        return None, _json_error(_("The answers could not be read. Please reload the page."), 400)
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        return None, _json_error(_("The answers could not be read. Please reload the page."), 400)
    if not isinstance(payload.get("step"), int) or isinstance(payload.get("step"), bool):
        return None, _json_error(_("This page of the survey does not exist."), 400)
    return payload, None


@require_POST
@never_cache
def save(request):
    respondent = support.current_respondent(request)
    if respondent is None:
        return _json_error(_("Please open your survey link again."), 404)
    support.activate_language(request, language=respondent.language)
    payload, error = _parse_save(request)
    if error:
        return error
    response = respondent.response
    if respondent.done or (response and response.submitted_at):
        return _already_sent()
    if availability(assessment=respondent.assessment) == Availability.CLOSED:
        return _json_error(_("This survey has closed; answers can no longer be changed."), 410)
    if response is None:
        return _json_error(_("Please start the survey first."), 409, redirect=reverse("respond_start"))
    questionnaire = save_questionnaire_for(assessment=respondent.assessment)
    factor = questionnaire.factor_for_step(payload["step"])
    if factor is None:
        return _json_error(_("This page of the survey does not exist."), 400)
    data = {k: v for k, v in payload["fields"].items() if isinstance(v, str | int) and not isinstance(v, bool)}
    if len(data) != len(payload["fields"]):
        return _json_error(_("The answers could not be read. Please reload the page."), 400)
    data["version"] = payload.get("version")
    form = _factor_form(questionnaire, factor, data={k: str(v) for k, v in data.items() if v is not None})
    if not form.is_valid():
        return _json_error(_("Some answers could not be saved."), 400, errors=form.errors.get_json_data())
    try:
        saved = response_service.save_answers(
            response=response,
            step=payload["step"],
            answers=form.answers(),
            comments=form.comments(),
            base_version=form.cleaned_data["version"],
        )
    except response_service.VersionConflict as conflict:
        response.refresh_from_db()
        return _json_error(
            _("Your answers were updated in another window. This page now shows the newest answers."),
            409,
            conflict=True,
            version=conflict.current_version,
            **_current_fields(response, questionnaire, factor),
        )
    except response_service.AlreadySubmitted:
        return _already_sent()
    except response_service.SurveyClosed:
        return _json_error(_("This survey has closed; answers can no longer be changed."), 410)
    return JsonResponse({"ok": True, "version": saved.version})


def bad_request(request, exception=None):
    """Respondent pages' 400: oversized or over-long posts usually fail in middleware, before a view.

    This is the site's handler400: paths outside r/ and t/ get Django's plain 400 page.
    """
    if not request.path.startswith(("/r/", "/t/")):
        return defaults.bad_request(request, exception)
    too_big = isinstance(exception, RequestDataTooBig)
    if request.path == reverse("respond_save") or request.content_type == "application/json":
        message = _("That is more text than we can save. Please shorten your comment.") if too_big else None
        return _json_error(
            message or _("The answers could not be read. Please reload the page."), 413 if too_big else 400
        )
    respondent = support.current_respondent(request)
    if respondent is not None:
        support.activate_language(request, language=respondent.language)
    return _message(
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
