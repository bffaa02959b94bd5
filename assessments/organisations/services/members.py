"""Writes for people: invitations by email, joining, role changes and removal.

Invitation tokens are stored only as hashes (purpose "member-invite"); the link
works once and for INVITATION_DAYS days.
"""

from collections.abc import Sequence
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.core import tokens
from assessments.organisations.models import Membership, Organisation, OrganisationInvitation, Team
from assessments.organisations.services import activity

INVITE_PURPOSE = "member-invite"
INVITATION_DAYS = 7
MANAGING_ROLES = (Membership.Role.MANAGER, Membership.Role.CONSULTANT)


class InvitationUnusable(Exception):
    """The link is unknown, malformed, used or expired; `reason` says which."""

    def __init__(self, reason: str, invitation: OrganisationInvitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def find_user_by_email(email: str) -> User | None:
    return get_user_model().objects.filter(email__iexact=email.strip()).order_by("id").first()


@transaction.atomic
def verify_email_address(*, user: User, email: str) -> None:
    """Record `email` as this person's confirmed address (allauth's sign-in requires one): an invitation
    link opened from the mailbox proves it as well as allauth's own confirmation link does."""
    address = EmailAddress.objects.filter(user=user, email__iexact=email.strip()).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=email.strip().lower(), verified=True, primary=not has_primary)
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _send_invitation(*, email: str, organisation_name: str, inviter: str, token: str, language: str) -> None:
    link = settings.SITE_URL + reverse("join", kwargs={"token": token})
    with translation.override(language):
        context = {"organisation": organisation_name, "inviter": inviter, "link": link, "days": INVITATION_DAYS}
        subject = _("You are invited to %(organisation)s on cxmaturity") % {"organisation": organisation_name}
        body = render_to_string("organisations/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def _leader_teams(*, organisation: Organisation, role: str, teams: Sequence[Team]) -> list[Team]:
    """The teams a team leader leads: at least one, all of the organisation; none for any other role."""
    if role != Membership.Role.TEAM_LEADER:
        return []
    if not teams:
        raise ValidationError({"teams": _("Choose the team or teams this team leader leads.")})
    if any(team.organisation_id != organisation.pk for team in teams):
        raise ValidationError({"teams": _("Choose teams of this organisation.")})
    return list(teams)


def _role_detail(role: str, teams: Sequence[Team]) -> str:
    """The activity log's detail of a role: "Team leader (Intake, Planning)"."""
    label = str(Membership.Role(role).label)
    return f"{label} ({', '.join(sorted(team.name for team in teams))})" if teams else label


@transaction.atomic
def invite_member(
    *, organisation: Organisation, actor: User | None, email: str, role: str, teams: Sequence[Team] = ()
) -> tuple[OrganisationInvitation, str]:
    """Create an invitation and email its link after commit. Returns (invitation, token).

    A newer invitation for the same address replaces a pending one, so a second
    click on "invite" simply sends a fresh link. A team leader is invited with the teams they lead.
    """
    led = _leader_teams(organisation=organisation, role=role, teams=teams)
    email = email.strip()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of this organisation.")})
    OrganisationInvitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    token = tokens.new_token()
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=tokens.hash_token(token, purpose=INVITE_PURPOSE),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.teams.set(led)
    activity.record(organisation=organisation, actor=actor, verb="invited", obj=email, detail=_role_detail(role, led))
    inviter = (actor.get_full_name() or actor.email) if actor is not None else "cxmaturity"
    language = organisation.default_language
    name = organisation.name
    transaction.on_commit(
        lambda: _send_invitation(email=email, organisation_name=name, inviter=inviter, token=token, language=language)
    )
    return invitation, token


def _usable_invitation(token: str, *, lock: bool = False) -> OrganisationInvitation:
    if not tokens.is_well_formed(token):
        raise InvitationUnusable("unknown")
    queryset = OrganisationInvitation.objects.select_related("organisation")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=tokens.hash_token(token, purpose=INVITE_PURPOSE)).first()
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used", invitation=invitation)
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable("expired")
    return invitation


def get_usable_invitation(*, token: str) -> OrganisationInvitation:
    """The pending invitation for this token, or InvitationUnusable."""
    return _usable_invitation(token)


@transaction.atomic
def create_administrator(*, email: str, password: str) -> User:
    """The first account of a closed installation: a superuser whose address counts as confirmed
    (whoever runs manage.py controls the installation). Refuses an address that has an account."""
    email = email.strip()
    if find_user_by_email(email) is not None:
        raise ValidationError(_("An account with this email address exists already."))
    user = get_user_model().objects.create_superuser(username=email[:150], email=email, password=password)
    verify_email_address(user=user, email=email)
    return user


@transaction.atomic
def accept_invitation(
    *, token: str, password: str | None = None, user: User | None = None
) -> tuple[User, Organisation]:
    """Use the invitation once: create the account (new people) or use `user` (existing account
    with the invited email), add the membership and mark the invitation used.
    Returns (user, organisation)."""
    invitation = _usable_invitation(token, lock=True)
    existing = find_user_by_email(invitation.email)
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise InvitationUnusable("wrong-user")
        member = existing
    else:
        if not password:
            raise InvitationUnusable("no-password")
        member = get_user_model().objects.create_user(
            username=invitation.email, email=invitation.email, password=password
        )
    verify_email_address(user=member, email=invitation.email)
    membership, created = Membership.objects.get_or_create(
        user=member, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if created and membership.is_team_leader:
        membership.teams.set(invitation.teams.all())
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    activity.record(organisation=invitation.organisation, actor=member, verb="joined", obj=invitation.email)
    return member, invitation.organisation


@transaction.atomic
def revoke_invitation(*, invitation: OrganisationInvitation, actor: User) -> None:
    activity.record(organisation=invitation.organisation, actor=actor, verb="revoked", obj=invitation.email)
    invitation.delete()


def _other_managers_exist(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role__in=MANAGING_ROLES)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def change_member_role(*, membership: Membership, actor: User, role: str, teams: Sequence[Team] = ()) -> Membership:
    """A new role (and, for a team leader, the teams they lead; leaving the role forgets the teams)."""
    # Lock the organisation's managing memberships so two demotions cannot both pass the check.
    list(
        Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, role__in=MANAGING_ROLES
        )
    )
    led = _leader_teams(organisation=membership.organisation, role=role, teams=teams)
    if role == membership.role and {t.pk for t in led} == {t.pk for t in membership.teams.all()}:
        return membership
    if membership.role in MANAGING_ROLES and role not in MANAGING_ROLES and not _other_managers_exist(membership):
        raise ValidationError(_("An organisation needs at least one manager or consultant."))
    membership.role = role
    membership.save(update_fields=["role"])
    membership.teams.set(led)
    activity.record(
        organisation=membership.organisation,
        actor=actor,
        verb="role_changed",
        obj=membership.user.email,
        detail=_role_detail(role, led),
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, actor: User) -> None:
    list(
        Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, role__in=MANAGING_ROLES
        )
    )
    if membership.role in MANAGING_ROLES and not _other_managers_exist(membership):
        raise ValidationError(_("An organisation needs at least one manager or consultant."))
    activity.record(organisation=membership.organisation, actor=actor, verb="removed", obj=membership.user.email)
    membership.delete()
