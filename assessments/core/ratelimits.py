"""Rate limits (django-ratelimit) for the pages an attacker would hammer.

Limits are per client IP, except PDF generation (per user). Token pages only
count *failed* look-ups: a brute force on tokens is stopped, while a whole
office behind one NAT address answering at the same time never is.
"""

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django_ratelimit.core import get_usage, is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from assessments.core.client_ip import client_ip

SIGN_IN_RATE = "10/m"
TOKEN_FAILURE_RATE = "30/m"  # noqa: S105 (a rate, not a secret)
PDF_RATE = "10/m"
PASSWORD_RESET_CLIENT_RATE = "10/h"  # noqa: S105 (a rate, not a secret)
PASSWORD_RESET_ADDRESS_RATE = "3/h"  # noqa: S105 (a rate, not a secret)

_TOKEN_GROUP = "cxm.token-pages"  # noqa: S105 (a cache key group, not a secret)

_P = ParamSpec("_P")
_Response = TypeVar("_Response", bound=HttpResponseBase)
_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def _rate(name: str, default: str) -> str:
    rate: str = getattr(settings, name, default)
    return rate


def sign_in_limit(view: _View) -> _View:
    """At most SIGN_IN_RATE sign-in posts per IP (on top of django-axes' lockout per account)."""
    # django-ratelimit ships no type hints; its decorator returns a wrapper with the view's signature.
    limited: _View = ratelimit(key="ip", rate=lambda g, r: _rate("CXM_RATE_SIGN_IN", SIGN_IN_RATE), method="POST")(view)
    return limited


def _reset_address(group: str, request: HttpRequest) -> str:
    return (request.POST.get("email") or "").strip().casefold()


def password_reset_limit(view: _View) -> _View:
    """Reset emails: at most PASSWORD_RESET_CLIENT_RATE posts per client and PASSWORD_RESET_ADDRESS_RATE per
    address (whoever asks), so nobody can flood a mailbox or use us to spam. Both apply whether or not an
    account exists, so the limit reveals nothing."""
    per_address = ratelimit(
        group="cxm.password-reset-address",
        key=_reset_address,
        rate=lambda g, r: _rate("CXM_RATE_PASSWORD_RESET_ADDRESS", PASSWORD_RESET_ADDRESS_RATE),
        method="POST",
    )
    per_client = ratelimit(
        group="cxm.password-reset-client",
        key="ip",
        rate=lambda g, r: _rate("CXM_RATE_PASSWORD_RESET_CLIENT", PASSWORD_RESET_CLIENT_RATE),
        method="POST",
    )
    limited: _View = per_client(per_address(view))
    return limited


def pdf_limit(view: _View) -> _View:
    """At most PDF_RATE PDF generation requests per user: rendering is the most expensive thing we do."""
    limited: _View = ratelimit(key="user_or_ip", rate=lambda g, r: _rate("CXM_RATE_PDF", PDF_RATE), method="POST")(view)
    return limited


def token_page_limit(
    view: Callable[Concatenate[HttpRequest, _P], _Response],
) -> Callable[Concatenate[HttpRequest, _P], _Response]:
    """Blocks an IP after TOKEN_FAILURE_RATE unknown or malformed tokens (404s) in a minute."""

    def rate(group: str, request: HttpRequest) -> str:
        return _rate("CXM_RATE_TOKEN_FAILURES", TOKEN_FAILURE_RATE)

    @wraps(view)
    def wrapped(request: HttpRequest, /, *args: _P.args, **kwargs: _P.kwargs) -> _Response:
        usage = get_usage(request, group=_TOKEN_GROUP, key="ip", rate=rate, increment=False)
        # Blocked once the budget of failures is used up (the check itself does not count).
        if usage is not None and usage["count"] >= usage["limit"]:
            raise Ratelimited
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            is_ratelimited(request, group=_TOKEN_GROUP, key="ip", rate=rate, increment=True)
            raise
        if getattr(response, "status_code", 200) == 404:
            is_ratelimited(request, group=_TOKEN_GROUP, key="ip", rate=rate, increment=True)
        return response

    return wrapped


LINK_SUBMIT_RATE = "10/10m"
_LINK_SUBMIT_GROUP = "cxm.link-submit"


def _client_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _link_submit_rate(group: str, request: HttpRequest) -> str:
    return _rate("CXM_RATE_LINK_SUBMIT", LINK_SUBMIT_RATE)


def link_submit_blocked(request: HttpRequest) -> bool:
    """True once this client completed LINK_SUBMIT_RATE questionnaires through open links.

    Only completed submissions count (see `count_link_submit`): people behind one office address who
    answer at the same pace as a meeting never reach it, a script sending response after response does.
    """
    usage = get_usage(request, group=_LINK_SUBMIT_GROUP, key=_client_key, rate=_link_submit_rate, increment=False)
    return usage is not None and bool(usage["count"] >= usage["limit"])


def count_link_submit(request: HttpRequest) -> None:
    is_ratelimited(request, group=_LINK_SUBMIT_GROUP, key=_client_key, rate=_link_submit_rate, increment=True)


RESUME_EMAIL_RATE = "5/h"


def _resume_email_rate(group: str, request: HttpRequest) -> str:
    return _rate("CXM_RATE_RESUME_EMAIL", RESUME_EMAIL_RATE)


def resume_email_limit(view: _View) -> _View:
    """At most RESUME_EMAIL_RATE resume-link emails per client: a public form must not become a mailer.
    Over the limit the view sees request.limited and says so (no exception page)."""
    limited: _View = ratelimit(key=_client_key, rate=_resume_email_rate, method="POST", block=False)(view)
    return limited


# Inside a team link's cap, one client may send at most this share of it per day (at least one, at most
# LINK_CLIENT_MAX): nobody fills a link alone, however slowly they go. A client is the trusted client
# address plus its user agent, hashed with SECRET_KEY and the date (as the customer check's client key):
# colleagues behind one office address on their own devices are different clients, a script is one.
LINK_CLIENT_SHARE = 0.5
LINK_CLIENT_MAX = 10
_LINK_CLIENT_DAY = 24 * 3600


def link_client_limit(cap: int) -> int:
    """How many completed questionnaires one client may send through a link with this cap, per day."""
    most = int(getattr(settings, "CXM_LINK_SUBMITS_PER_CLIENT", LINK_CLIENT_MAX))
    return max(1, min(most, int(cap * LINK_CLIENT_SHARE)))


def _link_client_key(request: HttpRequest, link_id: int) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    message = f"{timezone.localdate().isoformat()}|{link_id}|{client_ip(request)}|{agent}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"cxm.link-client:{digest}"


def link_client_blocked(request: HttpRequest, *, link_id: int, cap: int) -> bool:
    """True once this client sent its share of this link's cap today (never while rate limits are off)."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    return int(cache.get(_link_client_key(request, link_id), 0)) >= link_client_limit(cap)


def count_link_client(request: HttpRequest, *, link_id: int) -> None:
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return
    key = _link_client_key(request, link_id)
    if cache.add(key, 1, timeout=_LINK_CLIENT_DAY):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_LINK_CLIENT_DAY)
