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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.organisations.models import ActivityLog, Membership, OrganisationInvitation
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment, Invitation

ERASED = "[erased]"


class ErasureRefused(Exception):
    """The erasure would remove the requester themselves."""


def normalise_email(email):
    return (email or "").strip().lower()


def _address_pattern(email):
    """The whole address only: r@x.nl must not match inside manager@x.nl or r@x.nl.example."""
    return re.compile(r"(?<![\w.%+-])" + re.escape(email) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def _mentions(text, email):
    return bool(_address_pattern(email).search(text or ""))


def _user_for(email):
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()


def export_person(*, organisation, email):
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
        "account": _account(user) if membership else None,
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


def _object_for(entry, email):
    """What the person did to someone else names that someone: only the kind of object is given then."""
    if _mentions(entry.object_repr, email):
        return entry.object_repr
    return f"({entry.object_type or 'item'})"


def _account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


@transaction.atomic
def erase_person(*, organisation, email, actor):
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
    counts = {
        "invitations": Invitation.objects.filter(assessment__organisation=organisation, email__iexact=email).update(
            email=""
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


def _scrub(text, email):
    return _address_pattern(email).sub(ERASED, text)


@transaction.atomic
def apply_invitation_retention(*, now=None, days=None):
    """Blanks invitation emails of assessments closed more than `days` ago; returns how many."""
    now = now or timezone.now()
    days = settings.CXM_INVITATION_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    expired = Assessment.objects.filter(status=Assessment.Status.CLOSED, closed_at__lte=cutoff)
    return Invitation.objects.filter(assessment__in=expired).exclude(email="").update(email="")
