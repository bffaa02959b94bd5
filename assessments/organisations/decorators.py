"""One way to open a member page: look the object up through `access`, remember its organisation, call the view.

    @organisation_page(manage=True)
    def team_create(request, organisation, membership): ...

The decorated view receives the object and the user's membership instead of the URL's ids. Anonymous
visitors are sent to sign in; outsiders get 404 (the object's existence is not revealed); viewers who want
to change something get 403, and so do team leaders on every page not opened with `leaders=True` (such a
page scopes itself to the leader's teams or actions). `login_required` is outermost, as the URL-walk access
test expects.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from assessments.core.http import AnyUser
from assessments.organisations.access import (
    get_member_invitation_in,
    get_membership_in,
    get_organisation_for,
    get_role_in,
    get_team_in,
    must_enrol_two_factor,
)
from assessments.organisations.context_processors import remember_organisation
from assessments.organisations.models import Membership, Organisation

# (user, the URL's keyword arguments (ids are popped), manage, leaders) -> (object, membership, its organisation)
# The object differs per page (an organisation, team, role, membership, assessment...), so it stays Any.
Opener = Callable[[AnyUser, dict[str, Any], bool, bool], tuple[Any, Membership, Organisation]]
View = Callable[..., HttpResponseBase]


def member_page(open_object: Opener, *, manage: bool = False, leaders: bool = False) -> Callable[[View], View]:
    """The building block: other domains define their own pages (e.g. `assessment_page`) with it."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
            obj, membership, organisation = open_object(request.user, kwargs, manage, leaders)
            if must_enrol_two_factor(user=request.user, membership=membership, organisation=organisation):
                return _enrol_first(request, organisation)
            remember_organisation(request, organisation)
            return view(request, obj, membership, **kwargs)

        return wrapper

    return decorate


def _enrol_first(request: HttpRequest, organisation: Organisation) -> HttpResponseBase:
    """After the access check (outsiders still get 404): the organisation asks for a second factor."""
    messages.warning(
        request,
        _(
            "%(name)s asks its managers and consultants to sign in with two factors. Set up an authenticator "
            "app first; then open the organisation again."
        )
        % {"name": organisation.name},
    )
    return redirect("mfa_activate_totp")


def _open_organisation(
    user: AnyUser, kwargs: dict[str, Any], manage: bool, leaders: bool
) -> tuple[Any, Membership, Organisation]:
    organisation, membership = get_organisation_for(
        user=user, public_id=kwargs.pop("org"), manage=manage, leaders=leaders
    )
    return organisation, membership, organisation


def _in_organisation(lookup: Callable[..., tuple[Any, Membership]], url_kwarg: str) -> Opener:
    def open_object(
        user: AnyUser, kwargs: dict[str, Any], manage: bool, leaders: bool
    ) -> tuple[Any, Membership, Organisation]:
        obj, membership = lookup(
            user=user, org=kwargs.pop("org"), public_id=kwargs.pop(url_kwarg), manage=manage, leaders=leaders
        )
        return obj, membership, obj.organisation

    return open_object


def organisation_page(*, manage: bool = False, leaders: bool = False) -> Callable[[View], View]:
    """/o/<org>/…: the view gets (request, organisation, membership)."""
    return member_page(_open_organisation, manage=manage, leaders=leaders)


def team_page(*, manage: bool = False) -> Callable[[View], View]:
    """/o/<org>/teams/<team>/…: the view gets (request, team, membership)."""
    return member_page(_in_organisation(get_team_in, "team"), manage=manage)


def role_page(*, manage: bool = False) -> Callable[[View], View]:
    return member_page(_in_organisation(get_role_in, "role"), manage=manage)


def person_page(*, manage: bool = False) -> Callable[[View], View]:
    """Another member's page: the view gets (request, their membership, the acting user's membership)."""
    return member_page(_in_organisation(get_membership_in, "member"), manage=manage)


def member_invitation_page(*, manage: bool = False) -> Callable[[View], View]:
    return member_page(_in_organisation(get_member_invitation_in, "invitation"), manage=manage)
