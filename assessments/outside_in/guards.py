"""Abuse guards for open public links (customer links here; written so open team links could share them).

- A client key: HMAC of the client's IP and user agent with SECRET_KEY and today's date, so it is salted,
  changes every day, and cannot be turned back into an address. It lives only in the cache, never in the
  database.
- A rate limit on *completed* submissions per client key and link (`allow_submission`/`count_submission`).
- A signed form stamp that tells how long the form was open, and a honeypot field, for suspicion flags:
  a flagged response is kept but left out of every figure.
"""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

SUBMISSIONS_PER_HOUR = 5
MIN_SECONDS = 4  # nobody reads and answers the questions faster than this
_STAMP_SALT = "cxm.form-stamp"
FLAG_TOO_FAST = "too_fast"
FLAG_HONEYPOT = "honeypot"
HONEYPOT_FIELD = "website"


def client_key(request: HttpRequest, *, scope: str) -> str:
    """A daily-rotating, salted hash of who is submitting; for the cache only."""
    ip = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    message = f"{timezone.localdate().isoformat()}|{scope}|{ip}|{agent}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _enabled() -> bool:
    return getattr(settings, "RATELIMIT_ENABLE", True)


def _limit() -> int:
    return getattr(settings, "CXM_OPEN_LINK_SUBMISSIONS_PER_HOUR", SUBMISSIONS_PER_HOUR)


def _cache_key(request: HttpRequest, scope: str) -> str:
    return f"cxm.open-link-submissions:{client_key(request, scope=scope)}"


def allow_submission(request: HttpRequest, *, scope: str) -> bool:
    """False once this client completed the allowed number of submissions on this link within the hour."""
    return not _enabled() or cache.get(_cache_key(request, scope), 0) < _limit()


def count_submission(request: HttpRequest, *, scope: str) -> None:
    if not _enabled():
        return
    key = _cache_key(request, scope)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)


def form_stamp() -> str:
    return signing.TimestampSigner(salt=_STAMP_SALT).sign("form")


def seconds_open(stamp: str) -> float | None:
    """How long ago the form with this stamp was served; None for a missing or forged stamp."""
    signer = signing.TimestampSigner(salt=_STAMP_SALT)
    try:
        signer.unsign(stamp, max_age=24 * 3600)
        value, timestamp = stamp.rsplit(signer.sep, 1)[0].rsplit(signer.sep, 1)
        return timezone.now().timestamp() - signing.b62_decode(timestamp)
    except (signing.BadSignature, ValueError):
        return None


def suspicion(*, stamp: str, honeypot: str) -> str:
    """A flag code for a suspicious submission, or "" for an ordinary one."""
    if honeypot.strip():
        return FLAG_HONEYPOT
    seconds = seconds_open(stamp)
    if seconds is None or seconds < getattr(settings, "CXM_OPEN_LINK_MIN_SECONDS", MIN_SECONDS):
        return FLAG_TOO_FAST
    return ""
