"""Rate limits (django-ratelimit) for the pages an attacker would hammer.

Limits are per client IP, except PDF generation (per user). Token pages only
count *failed* look-ups: a brute force on tokens is stopped, while a whole
office behind one NAT address answering at the same time never is.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django_ratelimit.core import get_usage, is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

SIGN_IN_RATE = "10/m"
TOKEN_FAILURE_RATE = "30/m"  # noqa: S105 (a rate, not a secret)
PDF_RATE = "10/m"
PASSWORD_RESET_CLIENT_RATE = "10/h"  # noqa: S105 (a rate, not a secret)
PASSWORD_RESET_ADDRESS_RATE = "3/h"  # noqa: S105 (a rate, not a secret)

_TOKEN_GROUP = "cxm.token-pages"  # noqa: S105 (a cache key group, not a secret)


def _rate(name, default):
    return getattr(settings, name, default)


def sign_in_limit(view):
    """At most SIGN_IN_RATE sign-in posts per IP (on top of django-axes' lockout per account)."""
    return ratelimit(key="ip", rate=lambda g, r: _rate("CXM_RATE_SIGN_IN", SIGN_IN_RATE), method="POST")(view)


def _reset_address(group, request):
    return (request.POST.get("email") or "").strip().casefold()


def password_reset_limit(view):
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
    return per_client(per_address(view))


def pdf_limit(view):
    """At most PDF_RATE PDF generation requests per user: rendering is the most expensive thing we do."""
    return ratelimit(key="user_or_ip", rate=lambda g, r: _rate("CXM_RATE_PDF", PDF_RATE), method="POST")(view)


def token_page_limit(view):
    """Blocks an IP after TOKEN_FAILURE_RATE unknown or malformed tokens (404s) in a minute."""

    def rate(group, request):
        return _rate("CXM_RATE_TOKEN_FAILURES", TOKEN_FAILURE_RATE)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
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
