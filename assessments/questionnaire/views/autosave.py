"""Background saves from static/js/respond.js: JSON in, JSON out, never a 500.

A save carries the version the page was loaded with; a stale tab gets 409 with the newest answers to merge.
Who is saving comes from a signed cookie (save_cookie), not the session: a save is two queries on PostgreSQL.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments.questionnaire.models import Response
from assessments.questionnaire.selectors.respondent import (
    Availability,
    Questionnaire,
    QuestionnaireFactor,
    availability,
    cached_questionnaire_for,
)
from assessments.questionnaire.selectors.save_read import find_saving_response
from assessments.questionnaire.services import responses as response_service
from assessments.questionnaire.views import respondent_session as support
from assessments.questionnaire.views import save_cookie
from assessments.questionnaire.views.factor_forms import factor_form, initial_answers
from assessments.questionnaire.views.respond_states import json_error


def _already_sent() -> JsonResponse:
    message = _("Your answers have already been sent. Thank you!")
    return json_error(message, 409, submitted=True, redirect=reverse("respond_resume"))


def _current_fields(response: Response, questionnaire: Questionnaire, factor: QuestionnaireFactor) -> dict[str, Any]:
    """The stored answers of one page as form field values, for a tab that was out of date."""
    initial = initial_answers(response, factor, questionnaire=questionnaire)
    form = factor_form(questionnaire, factor, response=response)
    fields = {name: "" if initial.get(name) is None else str(initial[name]) for name in form.fields}
    for name in ("version", "comment"):
        fields.pop(name, None)
    return {"fields": fields, "comment": initial["comment"]}


def _encodable(fields: Mapping[str, Any]) -> bool:
    """False for text the database cannot store: JSON may carry lone surrogates such as "\\ud800"."""
    try:
        for key, value in fields.items():
            key.encode("utf-8")
            if isinstance(value, str):
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _parse_save(request: HttpRequest) -> tuple[dict[str, Any] | None, JsonResponse | None]:
    """(payload, None) or (None, error response): never lets bad input become a 500."""
    if request.content_type != "application/json":
        return None, json_error(_("Send the answers as JSON."), 400)
    try:
        payload = json.loads(request.body or b"null")
    except RequestDataTooBig:
        return None, json_error(_("That is more text than we can save. Please shorten your comment."), 413)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: a body nested thousands of levels deep, which the JSON parser gives up on.
        return None, json_error(_("The answers could not be read. Please reload the page."), 400)
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        return None, json_error(_("The answers could not be read. Please reload the page."), 400)
    if not _encodable(payload["fields"]):
        return None, json_error(_("The answers could not be read. Please reload the page."), 400)
    if not isinstance(payload.get("step"), int) or isinstance(payload.get("step"), bool):
        return None, json_error(_("This page of the survey does not exist."), 400)
    return payload, None


def _saving_respondent(request: HttpRequest) -> tuple[support.Respondent | None, bool, JsonResponse | None]:
    """(respondent, from_session, None), or (None, False, error reply).

    The signed save cookie names the response, read in one query; the session is never touched then,
    so SessionMiddleware neither reads nor writes it. Without the cookie (a browser that had the page
    open before the cookie existed) the session decides, as on every other respondent page, and the
    reply sets the cookie for the next save.
    """
    state = save_cookie.read(request)
    if state is save_cookie.INVALID:
        # Not signed by us: refused and deleted, so the script's retry falls back to the session.
        return (
            None,
            False,
            _forgetting(
                json_error(
                    _("Your survey could not be recognised. Please open your survey link again."),
                    403,
                    redirect=reverse("respond_resume"),
                )
            ),
        )
    if state is None:
        respondent = support.current_respondent(request)
        if respondent is None:
            return None, False, json_error(_("Please open your survey link again."), 404)
        return respondent, True, None
    response = find_saving_response(public_id=state.response_public_id, team_link_id=state.team_link_id)
    if response is None or not save_cookie.matches(state, response) or not getattr(response, "link_active", True):
        return None, False, _forgetting(json_error(_("Please open your survey link again."), 404))
    return support.Respondent(assessment=response.assessment, response=response), False, None


def _forgetting(reply: JsonResponse) -> JsonResponse:
    save_cookie.forget(reply)
    return reply


@require_POST
@never_cache
def save(request: HttpRequest) -> JsonResponse:
    respondent, from_session, refused = _saving_respondent(request)
    if refused is not None:
        return refused
    assert respondent is not None  # no refusal: a respondent
    reply = _save(request, respondent)
    response = respondent.response
    if from_session and response is not None and response.submitted_at is None and not respondent.done:
        save_cookie.issue(reply, response=response, team_link=respondent.team_link)
    return reply


def _save(request: HttpRequest, respondent: support.Respondent) -> JsonResponse:
    support.activate_language(request, language=respondent.language)
    payload, error = _parse_save(request)
    if error:
        return error
    assert payload is not None  # no error: the payload
    response = respondent.response
    if respondent.done or (response and response.submitted_at):
        return _already_sent()
    if availability(assessment=respondent.assessment) == Availability.CLOSED:
        return json_error(_("This survey has closed; answers can no longer be changed."), 410)
    if response is None:
        return json_error(_("Please start the survey first."), 409, redirect=reverse("respond_start"))
    questionnaire = cached_questionnaire_for(assessment=respondent.assessment)
    factor = questionnaire.factor_for_step(payload["step"])
    if factor is None:
        return json_error(_("This page of the survey does not exist."), 400)
    data: dict[str, Any] = {
        k: v for k, v in payload["fields"].items() if isinstance(v, str | int) and not isinstance(v, bool)
    }
    if len(data) != len(payload["fields"]):
        return json_error(_("The answers could not be read. Please reload the page."), 400)
    data["version"] = payload.get("version")
    form = factor_form(
        questionnaire,
        factor,
        data={k: str(v) for k, v in data.items() if v is not None},
        response=response,
        validate_only=True,
    )
    if not form.is_valid():
        return json_error(_("Some answers could not be saved."), 400, errors=form.errors.get_json_data())
    try:
        saved = response_service.save_answers(
            response=response,
            step=payload["step"],
            answers=form.answers(),
            comments=form.comments(),
            factor_ambitions=form.factor_ambitions(),
            base_version=form.cleaned_data["version"],
        )
    except response_service.VersionConflict as conflict:
        response.refresh_from_db()
        return json_error(
            _("Your answers were updated in another window. This page now shows the newest answers."),
            409,
            conflict=True,
            version=conflict.current_version,
            **_current_fields(response, questionnaire, factor),
        )
    except response_service.AlreadySubmitted:
        return _already_sent()
    except response_service.SurveyClosed:
        return json_error(_("This survey has closed; answers can no longer be changed."), 410)
    return JsonResponse({"ok": True, "version": saved.version})
