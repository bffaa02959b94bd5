"""The one place that decides who may see and change what.

Every view fetches organisation-scoped objects through these functions. They
raise Http404 when the user may not see the object at all (so its existence is
not revealed) and PermissionDenied (403) when the user may see it but not change it.
"""

from typing import TypeVar
from uuid import UUID

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from assessments.core.http import AnyUser
from assessments.organisations.models import Membership, Organisation, OrganisationInvitation, Role, Team

# The organisation-scoped objects a URL addresses by (organisation id, own id).
_Scoped = TypeVar("_Scoped", Team, Role, Membership, OrganisationInvitation)


def membership_for(*, user: AnyUser, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def organisations_for(*, user: AnyUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def check_membership(membership: Membership | None, *, manage: bool) -> Membership:
    """The membership itself when it allows the access; raises 404 (no membership) or 403 (viewer writing)."""
    if membership is None:
        raise Http404
    if manage and not membership.can_manage:
        raise PermissionDenied
    return membership


def get_organisation_for(
    *, user: AnyUser, public_id: UUID | str, manage: bool = False
) -> tuple[Organisation, Membership]:
    """The organisation and the user's membership; 404 for outsiders, 403 for viewers who want to change."""
    organisation = Organisation.objects.filter(public_id=public_id).first()
    if organisation is None:
        raise Http404
    membership = check_membership(membership_for(user=user, organisation=organisation), manage=manage)
    return organisation, membership


def _get_in_organisation(
    *, queryset: QuerySet[_Scoped], user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool
) -> tuple[_Scoped, Membership]:
    """An object addressed by its organisation's id and its own: both must match, else 404."""
    obj = queryset.select_related("organisation").filter(organisation__public_id=org, public_id=public_id).first()
    if obj is None:
        raise Http404
    membership = check_membership(membership_for(user=user, organisation=obj.organisation), manage=manage)
    return obj, membership


def get_team_in(
    *, user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool = False
) -> tuple[Team, Membership]:
    return _get_in_organisation(queryset=Team.objects.all(), user=user, org=org, public_id=public_id, manage=manage)


def get_role_in(
    *, user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool = False
) -> tuple[Role, Membership]:
    return _get_in_organisation(queryset=Role.objects.all(), user=user, org=org, public_id=public_id, manage=manage)


def get_membership_in(
    *, user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool = False
) -> tuple[Membership, Membership]:
    """Another person's membership (the object) and the acting user's own membership."""
    queryset = Membership.objects.select_related("user")
    return _get_in_organisation(queryset=queryset, user=user, org=org, public_id=public_id, manage=manage)


def get_member_invitation_in(
    *, user: AnyUser, org: UUID | str, public_id: UUID | str, manage: bool = False
) -> tuple[OrganisationInvitation, Membership]:
    queryset = OrganisationInvitation.objects.filter(accepted_at__isnull=True)
    return _get_in_organisation(queryset=queryset, user=user, org=org, public_id=public_id, manage=manage)


def can_create_organisation(*, user: AnyUser) -> bool:
    """Who may create an organisation: a person who belongs to none yet (she starts her own, or her first
    client's), consultants (of any organisation: more clients) and superusers. A manager or viewer of an
    organisation is not a consultant and creates none."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return not roles or Membership.Role.CONSULTANT in roles


def is_consultant(*, user: AnyUser) -> bool:
    """A consultant of at least one organisation: a new organisation is most likely another client's."""
    return bool(
        user.is_authenticated and Membership.objects.filter(user=user, role=Membership.Role.CONSULTANT).exists()
    )


def has_two_factor(*, user: AnyUser) -> bool:
    """The person signs in with an authenticator app (TOTP) as second factor."""
    if not user.is_authenticated:
        return False
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def must_enrol_two_factor(*, user: AnyUser, membership: Membership, organisation: Organisation) -> bool:
    """An organisation that requires two-factor sign-in stops its managers and consultants without it
    at the door; viewers, who change nothing, are not asked."""
    return organisation.require_mfa and membership.can_manage and not has_two_factor(user=user)
