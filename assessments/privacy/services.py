"""Personal data (GDPR): what we store about a person, erasing it, and retention.

Responses are anonymous: no response links to an invitation, email or user, so
an export never contains answers and erasure never touches them. What does hold
personal data is the user account, memberships, organisation invitations,
assessment invitations (email, completion date) and the activity log.

Everything is scoped to one organisation: a manager of A learns nothing about a
person's life in organisation B.
"""

import datetime
import re
from typing import TypedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.organisations.models import ActivityLog, Membership, Organisation, OrganisationInvitation
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment, Invitation, InvitationImport

ERASED = "[erased]"


class AccountData(TypedDict):
    email: str
    first_name: str
    last_name: str
    date_joined: str
    last_login: str | None


class MembershipData(TypedDict):
    role: str
    since: str


class OrganisationInvitationData(TypedDict):
    role: str
    invited_at: str
    expires_at: str
    accepted_at: str | None


class AssessmentInvitationData(TypedDict):
    assessment: str
    name: str
    team: str
    role: str | None
    created_at: str
    sent_at: str | None
    reminded_at: str | None
    started: bool
    completed_on: str | None


class ActivityData(TypedDict):
    at: str
    verb: str
    object: str


class PersonExport(TypedDict):
    """What export_person returns: JSON-serialisable, one key per kind of stored data."""

    email: str
    organisation: str
    exported_at: str
    note: str
    account: AccountData | None
    membership: MembershipData | None
    organisation_invitations: list[OrganisationInvitationData]
    assessment_invitations: list[AssessmentInvitationData]
    activity: list[ActivityData]


class ErasureCounts(TypedDict):
    invitations: int
    organisation_invitations: int
    membership: int
    account: int
    activity: int


class ErasureRefused(Exception):
    """The erasure would remove the requester themselves."""


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def _address_pattern(email: str) -> re.Pattern[str]:
    """The whole address only: r@x.nl must not match inside manager@x.nl or r@x.nl.example."""
    return re.compile(r"(?<![\w.%+-])" + re.escape(email) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def _mentions(text: str | None, email: str) -> bool:
    return bool(_address_pattern(email).search(text or ""))


def _user_for(email: str) -> User | None:
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()


def export_person(*, organisation: Organisation, email: str) -> PersonExport:
    """A JSON-serialisable description of everything this organisation stores about `email`."""
    email = normalise_email(email)
    user = _user_for(email)
    membership = Membership.objects.filter(organisation=organisation, user=user).first() if user else None
    invitations = (
        Invitation.objects.filter(assessment__organisation=organisation, email__iexact=email)
        .select_related("assessment", "team", "role")
        .order_by("created_at", "id")
    )
    member_invitations = OrganisationInvitation.objects.filter(organisation=organisation, email__iexact=email).order_by(
        "created_at", "id"
    )
    log = ActivityLog.objects.filter(organisation=organisation)
    log = (
        log.filter(Q(actor=user) | Q(object_repr__icontains=email))
        if user
        else log.filter(object_repr__icontains=email)
    )
    return {
        "email": email,
        "organisation": organisation.name,
        "exported_at": timezone.now().isoformat(),
        "note": "Answers to questionnaires are anonymous and cannot be linked to a person, so none are included.",
        "account": _account(user) if user is not None and membership is not None else None,
        "membership": ({"role": membership.role, "since": membership.created_at.isoformat()} if membership else None),
        "organisation_invitations": [
            {
                "role": inv.role,
                "invited_at": inv.created_at.isoformat(),
                "expires_at": inv.expires_at.isoformat(),
                "accepted_at": inv.accepted_at.isoformat() if inv.accepted_at else None,
            }
            for inv in member_invitations
        ],
        "assessment_invitations": [
            {
                "assessment": inv.assessment.title,
                "name": inv.name,
                "team": inv.team.name,
                "role": str(inv.role) if inv.role else None,
                "created_at": inv.created_at.isoformat(),
                "sent_at": inv.sent_at.isoformat() if inv.sent_at else None,
                "reminded_at": inv.reminded_at.isoformat() if inv.reminded_at else None,
                "started": inv.started,
                "completed_on": inv.completed_on.isoformat() if inv.completed_on else None,
            }
            for inv in invitations
        ],
        "activity": [
            {"at": entry.created_at.isoformat(), "verb": entry.verb, "object": _object_for(entry, email)}
            for entry in log.order_by("created_at", "id")
            if (user is not None and entry.actor_id == user.pk) or _mentions(entry.object_repr, email)
        ],
    }


def _object_for(entry: ActivityLog, email: str) -> str:
    """What the person did to someone else names that someone: only the kind of object is given then."""
    if _mentions(entry.object_repr, email):
        return entry.object_repr
    return f"({entry.object_type or 'item'})"


def _account(user: User) -> AccountData:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


@transaction.atomic
def erase_person(*, organisation: Organisation, email: str, actor: User | None) -> ErasureCounts:
    """Removes `email` from this organisation; deletes the account when it belongs nowhere else.

    Invitations keep existing without their address, so response rates stay right.
    Returns a dict of counts. Raises ErasureRefused when `actor` would erase themselves.
    """
    email = normalise_email(email)
    if not email:
        return {"invitations": 0, "organisation_invitations": 0, "membership": 0, "account": 0, "activity": 0}
    if actor is not None and normalise_email(actor.email) == email:
        raise ErasureRefused
    user = _user_for(email)
    counts: ErasureCounts = {
        "invitations": Invitation.objects.filter(assessment__organisation=organisation, email__iexact=email).update(
            email="", name=""
        ),
        "organisation_invitations": OrganisationInvitation.objects.filter(
            organisation=organisation, email__iexact=email
        ).delete()[0],
        "membership": 0,
        "account": 0,
        "activity": 0,
    }
    entries = ActivityLog.objects.filter(organisation=organisation, object_repr__icontains=email)
    for entry in (e for e in entries if _mentions(e.object_repr, email)):
        entry.object_repr = _scrub(entry.object_repr, email)
        entry.save(update_fields=["object_repr"])
        counts["activity"] += 1
    if user is not None:
        counts["membership"] = Membership.objects.filter(organisation=organisation, user=user).delete()[0]
        if not user.memberships.exists() and not user.is_staff and not user.is_superuser:
            user.delete()  # the activity log keeps its lines with the actor set to NULL
            counts["account"] = 1
    activity.record(organisation=organisation, actor=actor, verb="erased", obj="personal data of one person")
    return counts


def _scrub(text: str, email: str) -> str:
    return _address_pattern(email).sub(ERASED, text)


@transaction.atomic
def apply_invitation_retention(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Blanks invitation emails (and names) of assessments closed more than `days` ago; returns how many."""
    now = now or timezone.now()
    days = settings.CXM_INVITATION_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    expired = Assessment.objects.filter(status=Assessment.Status.CLOSED, closed_at__lte=cutoff)
    # A large file's import keeps the rows that needed fixing, addresses included: gone with the rest.
    InvitationImport.objects.filter(assessment__in=expired).delete()
    return Invitation.objects.filter(assessment__in=expired).exclude(email="").update(email="", name="")
