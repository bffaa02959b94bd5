"""Navigation context: the user's organisations and the current one.

The current organisation is remembered in the session. Any page whose URL has an
`org` keyword (an organisation's public id) makes that organisation current, so
the switcher always shows where the user is. Views addressed otherwise (for
example by an assessment id) call `remember_organisation` themselves.

The switcher lists at most NAV_LIMIT organisations (the current one always among them), read in one query:
a consultant with a thousand clients finds the rest under "All organisations" and in the portfolio, and no
page of hers reads or draws a thousand names.
"""

import uuid
from typing import TypedDict

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest

from assessments.organisations.access import organisations_for
from assessments.organisations.models import Organisation

CURRENT_ORG_SESSION_KEY = "current_org"
NAV_LIMIT = 15  # organisations in the switcher; "All organisations" lists every one


class Navigation(TypedDict, total=False):
    nav_organisations: list[Organisation]
    nav_current_organisation: Organisation | None


def remember_organisation(request: HttpRequest, organisation: Organisation) -> None:
    """Make `organisation` the current one (call only after an access check)."""
    if request.session.get(CURRENT_ORG_SESSION_KEY) != str(organisation.public_id):
        request.session[CURRENT_ORG_SESSION_KEY] = str(organisation.public_id)


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def navigation(request: HttpRequest) -> Navigation:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    url_org = _uuid(match.kwargs.get("org", "")) if match is not None else None
    session_org = _uuid(request.session.get(CURRENT_ORG_SESSION_KEY, ""))
    # The URL's organisation first, then the remembered one, then by name: the current one is always read.
    whens = [When(public_id=wanted, then=Value(r)) for wanted, r in ((url_org, 2), (session_org, 1)) if wanted]
    rank = Case(*whens, default=Value(0), output_field=IntegerField())
    first = list(organisations_for(user=user).annotate(nav_rank=rank).order_by("-nav_rank", "name")[:NAV_LIMIT])
    current = next((o for o in first if url_org and o.public_id == url_org), None)
    if current is not None:
        remember_organisation(request, current)
    else:
        current = next((o for o in first if session_org and o.public_id == session_org), None)
    if current is None and first:
        current = first[0]
    return {"nav_organisations": sorted(first, key=lambda o: (o.name, o.pk)), "nav_current_organisation": current}


def accounts(request: HttpRequest) -> dict[str, bool]:
    """Whether the sign-in page may offer sign-up (closed installations take people by invitation only)."""
    return {"signup_open": bool(settings.CXM_SIGNUP_OPEN)}
