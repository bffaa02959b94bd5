"""Navigation context: the user's organisations and the current one.

The current organisation is remembered in the session. Any page whose URL has an
`org` keyword (an organisation's public id) makes that organisation current, so
the switcher always shows where the user is. Views addressed otherwise (for
example by an assessment id) call `remember_organisation` themselves.
"""

from typing import TypedDict

from django.conf import settings
from django.http import HttpRequest

from assessments.organisations.access import organisations_for
from assessments.organisations.models import Organisation

CURRENT_ORG_SESSION_KEY = "current_org"


class Navigation(TypedDict, total=False):
    nav_organisations: list[Organisation]
    nav_current_organisation: Organisation | None


def remember_organisation(request: HttpRequest, organisation: Organisation) -> None:
    """Make `organisation` the current one (call only after an access check)."""
    if request.session.get(CURRENT_ORG_SESSION_KEY) != str(organisation.public_id):
        request.session[CURRENT_ORG_SESSION_KEY] = str(organisation.public_id)


def navigation(request: HttpRequest) -> Navigation:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    organisations = list(organisations_for(user=user))
    match = getattr(request, "resolver_match", None)
    url_org = str(match.kwargs.get("org", "")) if match is not None else ""
    current = next((o for o in organisations if str(o.public_id) == url_org), None) if url_org else None
    if current is not None:
        remember_organisation(request, current)
    else:
        current_id = request.session.get(CURRENT_ORG_SESSION_KEY)
        current = next((o for o in organisations if str(o.public_id) == current_id), None)
    if current is None and organisations:
        current = organisations[0]
    return {"nav_organisations": organisations, "nav_current_organisation": current}


def accounts(request: HttpRequest) -> dict[str, bool]:
    """Whether the sign-in page may offer sign-up (closed installations take people by invitation only)."""
    return {"signup_open": bool(settings.CXM_SIGNUP_OPEN)}
