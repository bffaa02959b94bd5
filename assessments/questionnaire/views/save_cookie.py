"""The respondent's state for background saves: a signed cookie, so a save never reads the session.

`POST /r/save/` is the respondents' most frequent request. Reading the database session (and with an
invitation, hashing the raw token and looking the invitation up) cost three queries a save; this cookie
names the response instead, and the save view reads that response in one query.

What the cookie holds, and what it does not:
- the response's public id, the team link's id for team-link responses (a deactivated link stops
  saving, as before) and a binding to the response's own secret access key hash (an HMAC of it, so a
  cookie signed for one response can never be pointed at another, even with the signing key alone);
- never the raw invitation token, the resume secret or an answer. The value is signed (Django's
  `set_signed_cookie`, with its own salt and the cookie's name), not encrypted, so it holds nothing secret.
It is HttpOnly, Secure whenever the session cookie is, SameSite=Lax, sent only to the save URL, and
expires with the session. Entering a link, submitting and the "already done" page delete it.

Pages other than the save keep using the session (respondent_session): submit must mark the invitation,
which only the token in the session can find, and the database alone must not join the two.
"""

import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Final, Literal

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from assessments.questionnaire.models import Response, TeamLink

COOKIE_NAME = "cxm_save"
SALT = "cxmaturity.respond.save"


@dataclass(frozen=True)
class SaveState:
    response_public_id: uuid.UUID
    team_link_id: int | None
    binding: str


class _Invalid(Enum):
    INVALID = "invalid"


# A cookie that is present but was not signed by us (forged, tampered with or expired).
# An enum member (compared with `is`), so the type checker can tell it from a SaveState.
INVALID: Final = _Invalid.INVALID


def _path() -> str:
    return reverse("respond_save")


def binding_for(response: Response) -> str:
    """Ties the cookie to the response's secret key: 32 hex characters of an HMAC, not the hash itself."""
    return salted_hmac(f"{SALT}.binding", response.access_key_hash).hexdigest()[:32]


def issue(reply: HttpResponse, *, response: Response, team_link: TeamLink | None = None) -> None:
    """Sets the cookie on `reply` for this (unsubmitted) response."""
    link = "" if team_link is None else str(team_link.pk)
    reply.set_signed_cookie(
        COOKIE_NAME,
        f"{response.public_id.hex}.{link}.{binding_for(response)}",
        salt=SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(reply: HttpResponse) -> None:
    reply.delete_cookie(COOKIE_NAME, path=_path(), samesite="Lax")


def read(request: HttpRequest) -> SaveState | Literal[_Invalid.INVALID] | None:
    """SaveState, None (no cookie) or INVALID."""
    if not request.COOKIES.get(COOKIE_NAME):  # absent, or emptied by a deletion a client did not apply
        return None
    try:
        value = request.get_signed_cookie(COOKIE_NAME, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
        assert value is not None  # without a default, a missing or bad cookie raises instead
        public_id, link, binding = value.split(".")
        return SaveState(
            response_public_id=uuid.UUID(hex=public_id),
            team_link_id=int(link) if link else None,
            binding=binding,
        )
    except (signing.BadSignature, ValueError):
        # BadSignature includes SignatureExpired; ValueError: a well-signed value of another shape.
        return INVALID


def matches(state: SaveState, response: Response) -> bool:
    return constant_time_compare(state.binding, binding_for(response))
