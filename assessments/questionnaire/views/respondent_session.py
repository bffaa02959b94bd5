"""Who is answering: the respondent's link, kept in the session, and what their pages share.

The raw link token lives only in the session (never again in a URL). An invitation's response key
is derived from the token with another purpose than the invitation's own hash, so the database
alone cannot join a response to an invitation. A team link is shared by many people, so each
browser gets its own random secret (session plus a long-lived signed cookie).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from assessments.core.colours import accent_colours
from assessments.core.languages import language_codes, native_name
from assessments.core.tokens import hash_token, new_token
from assessments.organisations.models import Organisation, Role, Team
from assessments.questionnaire.models import Assessment, Invitation, Response, TeamLink
from assessments.questionnaire.selectors.respondent import (
    find_assessment,
    find_invitation,
    find_response,
    find_team_link_by_id,
)

SESSION_KEY = "cxm_respond"
LANGUAGE_SESSION_KEY = "cxm_respond_language"
TEAM_COOKIE_SALT = "cxmaturity.respond.team-link"
TEAM_COOKIE_MAX_AGE = 60 * 60 * 24 * 180

KIND_INVITATION = "invitation"
KIND_TEAM = "team"
KIND_DONE = "done"


@dataclass
class Respondent:
    assessment: Assessment
    team: Team | None = None
    fixed_role: Role | None = None
    invitation: Invitation | None = None
    access_key_hash: str = ""
    response: Response | None = None
    done: bool = False
    session_language: str = ""
    # Only for team links: the link, and this browser's secret (the key of the personal resume link).
    team_link: TeamLink | None = None
    secret: str = ""
    # After submitting the session keeps no link; it remembers whether it was a team link (for the thank-you page).
    done_via_team_link: bool = False

    @property
    def via_team_link(self) -> bool:
        """Whether this person came through an open team link (no invitation of their own)."""
        return self.team_link is not None or self.done_via_team_link

    @property
    def organisation(self) -> Organisation:
        return self.assessment.organisation

    @property
    def languages(self) -> list[str]:
        offered = [code for code in self.assessment.languages if code in language_codes()]
        return offered or [self.organisation.default_language]

    @property
    def language(self) -> str:
        for candidate in (
            self.response.language if self.response else "",
            self.session_language,
            self.organisation.default_language,
        ):
            if candidate in self.languages:
                return candidate
        return self.languages[0]


def team_cookie_name(link: TeamLink) -> str:
    return f"cxm_t{link.pk}"


def remember_invitation(request: HttpRequest, *, token: str) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"kind": KIND_INVITATION, "token": token}


def remember_team_link(request: HttpRequest, *, link: TeamLink) -> str:
    """Keeps this browser's secret for the link; returns the secret so the view can set the cookie."""
    secret = request.get_signed_cookie(team_cookie_name(link), default=None, salt=TEAM_COOKIE_SALT)
    if not secret:
        current = request.session.get(SESSION_KEY) or {}
        secret = current.get("secret") if current.get("link") == link.pk else None
    chosen: str = secret or new_token()
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"kind": KIND_TEAM, "link": link.pk, "secret": chosen}
    return chosen


def remember_resume(request: HttpRequest, *, link: TeamLink, secret: str) -> None:
    """A personal resume link opened (maybe on another device): this browser answers that response now."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"kind": KIND_TEAM, "link": link.pk, "secret": secret}


def set_team_cookie(response: HttpResponse, *, link: TeamLink, secret: str) -> None:
    response.set_signed_cookie(
        team_cookie_name(link),
        secret,
        salt=TEAM_COOKIE_SALT,
        max_age=TEAM_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def mark_done(request: HttpRequest, *, respondent: Respondent) -> None:
    """After submit the session forgets the link: only 'done, for this assessment' remains."""
    request.session[SESSION_KEY] = {
        "kind": KIND_DONE,
        "assessment": respondent.assessment.pk,
        "language": respondent.language,
        "team_link": respondent.team_link is not None,
    }


def remember_language(request: HttpRequest, *, language: str) -> None:
    request.session[LANGUAGE_SESSION_KEY] = language


def _with_assessment(response: Response | None, assessment: Assessment) -> Response | None:
    """The response with the assessment already read (saving checks it is open) instead of a lazy query."""
    if response is not None and response.assessment_id == assessment.pk:
        response.assessment = assessment
    return response


def current_respondent(request: HttpRequest) -> Respondent | None:
    """The respondent of this browser session, or None when the session holds no valid link."""
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        return None
    session_language = request.session.get(LANGUAGE_SESSION_KEY, "")
    kind = state.get("kind")
    if kind == KIND_INVITATION:
        invitation = find_invitation(token=state.get("token"))
        if invitation is None:
            return None
        key = hash_token(state["token"], purpose="response")
        return Respondent(
            assessment=invitation.assessment,
            team=invitation.team,
            fixed_role=invitation.role,
            invitation=invitation,
            access_key_hash=key,
            response=_with_assessment(find_response(access_key_hash=key), invitation.assessment),
            session_language=session_language,
        )
    if kind == KIND_TEAM:
        link = find_team_link_by_id(link_id=state.get("link"))
        if link is None or not state.get("secret"):
            return None
        key = hash_token(state["secret"], purpose="response")
        return Respondent(
            assessment=link.assessment,
            team=link.team,
            access_key_hash=key,
            response=_with_assessment(find_response(access_key_hash=key), link.assessment),
            session_language=session_language,
            team_link=link,
            secret=state["secret"],
        )
    if kind == KIND_DONE:
        assessment = find_assessment(pk=state.get("assessment"))
        if assessment is None:
            return None
        return Respondent(
            assessment=assessment,
            done=True,
            session_language=state.get("language", ""),
            done_via_team_link=bool(state.get("team_link")),
        )
    return None


def activate_language(request: HttpRequest, *, language: str) -> None:
    translation.activate(language)
    request.LANGUAGE_CODE = language


def page_context(respondent: Respondent | None, **extra: Any) -> dict[str, Any]:
    language_choices: list[tuple[str, str]] = []
    if respondent is not None:
        language_choices = [(code, native_name(code)) for code in respondent.languages]
    context = {
        "respondent": respondent,
        "organisation": respondent.organisation if respondent else None,
        "language_choices": language_choices if len(language_choices) > 1 else [],
        "current_language": translation.get_language(),
        "colours": accent_colours(respondent.organisation.accent_colour) if respondent else accent_colours("#17496b"),
    }
    context.update(extra)
    return context
