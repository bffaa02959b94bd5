"""The walk over every URL pattern of the project, for the access tests in this package (and the board link's
and the pulse's own walks): which routes are public on purpose, the protected ones with their converters, a URL
built from a route with real or dummy values, and what an anonymous visitor or an outsider got that they should
not have.

Anonymous visitors must be sent to sign in (or get 404) everywhere except a small, explicit list of public URLs.
A signed-in outsider (no memberships) must get 404 on every pattern that addresses an object by a UUID, even
when the ids belong to real objects of an organisation.
"""

import itertools
import re
import secrets
import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern

# Public on purpose. Respondents use r/ and t/, customers c/; join/ and the password pages work by token; b/ is
# the read-only board link (by token, tests/actions/test_board_links.py walks this list again in the link's
# browser); model/ and how-we-score/ explain the method and hold no organisation data. The accounts/ pages listed
# are the way in (sign-in, sign-up, email confirmation, reset, the second-factor step, the identity provider's
# return); every other accounts/ page (email, password, two-factor set-up) is walked.
PUBLIC_PREFIXES = (
    "accounts/login/",
    "accounts/logout/",
    "accounts/signup/",
    "accounts/confirm-email/",
    "accounts/password/reset/",
    "accounts/inactive/",
    "accounts/2fa/authenticate/",
    "accounts/3rdparty/login/",
    "accounts/3rdparty/signup/",
    "accounts/social/",  # allauth's old addresses: permanent redirects to accounts/3rdparty/
    "health/",
    "i18n/",
    "model/",
    "how-we-score/",
    "join/",
    # "Sign in with your organisation": asks the address, then hands over to the identity provider.
    "sign-in/organisation/",
    "admin/",
    "r/",
    "c/",
    "b/",
    "t/",
    "static/",
    "media/",
    "api/docs/",
    "api/v1/schema/",
)
API_PREFIX = "api/v1/"
LOGIN_URL = "/accounts/login/"
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _walk(patterns, prefix="", converters=None):
    for entry in patterns:
        pattern = entry.pattern
        route = prefix + (str(pattern) if isinstance(pattern, RoutePattern) else f"<regex:{pattern.regex.pattern}>")
        merged = {**(converters or {}), **getattr(pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route, merged)
        elif isinstance(entry, URLPattern):
            yield route, merged


def all_routes():
    return sorted(
        {
            (route, tuple(sorted(conv.items(), key=lambda kv: kv[0])))
            for route, conv in _walk(get_resolver().url_patterns)
        },
        key=lambda item: item[0],
    )


def _is_public(route):
    return route.startswith(PUBLIC_PREFIXES) or "<regex:" in route


def protected_routes(*, api=False):
    return [
        (route, dict(conv))
        for route, conv in all_routes()
        if not _is_public(route) and route.startswith(API_PREFIX) == api
    ]


def build_url(route, converters, values):
    def replace(match):
        name = match.group("name")
        return str(converters[name].to_url(values[name]))

    return "/" + _PARAM.sub(replace, route)


def dummy_value(converter):
    if isinstance(converter, UUIDConverter):
        return uuid.uuid4()
    if isinstance(converter, IntConverter):
        return 1
    return secrets.token_urlsafe(12).replace("-", "a").replace("_", "b")


def anonymous_failures(client, method):
    failures = []
    for route, converters in protected_routes():
        url = build_url(route, converters, {name: dummy_value(conv) for name, conv in converters.items()})
        response = getattr(client, method)(url)
        redirected = response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
        if not (redirected or response.status_code == 404):
            failures.append(f"{method.upper()} {url} -> {response.status_code}")
    return failures


def outsider_failures(client, known, everything, *, api=False):
    failures = []
    checked = 0
    for route, converters in protected_routes(api=api):
        uuid_names = [name for name, conv in converters.items() if isinstance(conv, UUIDConverter)]
        if not uuid_names:
            continue
        options = [known.get(name, everything) for name in uuid_names]
        for combination in itertools.product(*options):
            values = {name: dummy_value(conv) for name, conv in converters.items()}
            values.update(dict(zip(uuid_names, combination, strict=True)))
            url = build_url(route, converters, values)
            statuses = {}
            for method in ("get", "post"):
                checked += 1
                statuses[method] = getattr(client, method)(url).status_code
            # 405 (wrong method) is the same for every id, so it reveals nothing; the other method must be 404.
            if set(statuses.values()) - {404, 405} or 404 not in statuses.values():
                failures.append(f"{url} ({route}) -> {statuses}")
    return failures, checked
