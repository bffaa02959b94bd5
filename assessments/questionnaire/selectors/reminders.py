"""The reminder plan of an assessment and, per invited person, whether a reminder is due and why not.

The plan is a list of moments: a number of days after opening (default 3 and 7) and one day before the
planned closing date. At each moment everyone who was emailed before it and has not completed gets one
reminder. Nobody is reminded within a day of their last email, so a late invitation is not chased at once.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from assessments.questionnaire.models import Assessment, Invitation

BEFORE_CLOSE = datetime.timedelta(days=1)
# Never remind someone who got an email from us less than this long ago.
MIN_GAP = datetime.timedelta(days=1)


@dataclass(frozen=True)
class ReminderMoment:
    at: datetime.datetime
    days_after_opening: int | None  # None: the reminder one day before closing


@dataclass(frozen=True)
class ReminderState:
    code: str  # due | waiting | recent | not_sent | erased | not_open
    earliest: datetime.datetime | None = None


def plan_moments(*, assessment: Assessment) -> list[ReminderMoment]:
    """The planned reminder moments, in time order; none before the assessment has an opening date."""
    opens, closes = assessment.opens_at, assessment.closes_at
    if opens is None:
        return []
    moments = [
        ReminderMoment(at=opens + datetime.timedelta(days=days), days_after_opening=days)
        for days in sorted(set(assessment.reminder_days or []))
    ]
    if assessment.remind_before_close and closes is not None:
        moments.append(ReminderMoment(at=closes - BEFORE_CLOSE, days_after_opening=None))
    moments = [m for m in moments if m.at > opens and (closes is None or m.at < closes)]
    return sorted(moments, key=lambda m: m.at)


def current_moment(*, assessment: Assessment, now: datetime.datetime) -> ReminderMoment | None:
    """The latest planned moment that has passed: the round people may be due for now."""
    passed = [m for m in plan_moments(assessment=assessment) if m.at <= now]
    return passed[-1] if passed else None


def next_moment(*, assessment: Assessment, now: datetime.datetime) -> ReminderMoment | None:
    upcoming = [m for m in plan_moments(assessment=assessment) if m.at > now]
    return upcoming[0] if upcoming else None


def _contacted_since(moment: datetime.datetime) -> Q:
    return Q(sent_at__gte=moment) | Q(reminded_at__gte=moment)


def due_invitations(*, assessment: Assessment, now: datetime.datetime) -> QuerySet[Invitation]:
    """Invitations that get the current round's reminder: emailed before it, not completed, not contacted lately."""
    moment = current_moment(assessment=assessment, now=now)
    if assessment.status != Assessment.Status.OPEN or moment is None:
        return Invitation.objects.none()
    if assessment.closes_at is not None and assessment.closes_at <= now:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=True, sent_at__isnull=False)
        .exclude(email="")
        .exclude(_contacted_since(moment.at))
        .exclude(_contacted_since(now - MIN_GAP))
    )


def reminder_state(*, invitation: Invitation, assessment: Assessment, now: datetime.datetime) -> ReminderState:
    """Why this person is or is not reminded (same rules as due_invitations, for one row in memory)."""
    if assessment.status != Assessment.Status.OPEN:
        return ReminderState("not_open")
    if not invitation.email:
        return ReminderState("erased")
    if invitation.sent_at is None:
        return ReminderState("not_sent")
    last = max(t for t in (invitation.sent_at, invitation.reminded_at) if t is not None)
    moment = current_moment(assessment=assessment, now=now)
    if last > now - MIN_GAP:
        upcoming = next_moment(assessment=assessment, now=now)
        owed = moment is not None and last < moment.at
        return ReminderState("recent", last + MIN_GAP if owed else (upcoming.at if upcoming else None))
    if moment is not None and last < moment.at:
        return ReminderState("due", now)
    upcoming = next_moment(assessment=assessment, now=now)
    return ReminderState("waiting", upcoming.at if upcoming else None)


def open_invitations(*, assessment: Assessment) -> QuerySet[Invitation]:
    """Everyone invited who has not completed: the people a reminder is about."""
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=True)
        .select_related("team")
        .order_by("team__name", "email")
    )
