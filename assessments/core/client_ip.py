"""The client's address: REMOTE_ADDR, or behind trusted reverse proxies the matching X-Forwarded-For entry.

Each proxy appends the address it received the request from, so with TRUSTED_PROXY_COUNT = n the client
is the n-th entry from the right. Entries further left were written by the client itself and are never
trusted: anyone can send "X-Forwarded-For: 1.2.3.4" to dodge a rate limit or frame someone else. With
TRUSTED_PROXY_COUNT = 0 (the default: no proxy) the header is ignored altogether.
Used by django-ratelimit (RATELIMIT_IP_META_KEY) and django-axes (AXES_CLIENT_IP_CALLABLE).

Why not django-ipware (compared with its 7.x-9.x behaviour): it is built for "best effort" and so is
less strict than this, where the address keys rate limits and lock-outs:
- by default it believes some thirty headers (X-Forwarded-For, X-Real-IP, CF-Connecting-IP, Forwarded,
  Via, ...), each of which a client can send itself when no proxy overwrites that very header; here only
  the one header our proxy writes counts, and only when TRUSTED_PROXY_COUNT says a proxy is there;
- it ranks addresses and prefers a public one over a private one, so a forged public entry can win over
  the proxy's real one; here the position in the chain decides, never the kind of address;
- without a configured proxy count it reads the chain from the client's end (left-most); here that end
  is never used while the chain is long enough to hold the proxies' own entries;
- it may answer None; rate limits and axes need an address, so here anything unusable falls back to
  REMOTE_ADDR (the proxy's own address at worst: a stricter limit, never a way around it).
Matching its settings to all of this (precedence order, proxy count, strict mode) would take more
configuration than these lines, so no dependency is added for it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if not forwarded:
        return remote  # a request that did not come through the proxy (a health check on the host)
    # Fewer entries than proxies: the leftmost one is the furthest address any trusted proxy saw.
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _valid(candidate) or remote
