"""Reads of the energy pulse. Who may read what is decided here and nowhere else:

- a participant reads their own answers (`own_answers`);
- the sponsor reads every participant's answers (`sponsor_trends`), except those of a participant who
  switched the pulse off, and only answers given since they became sponsor;
- nobody else reads any answer: not the manager who set the programme up, not consultants, directors
  or team leaders; no API, export, benchmark or board link calls these functions.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from assessments.organisations.models import Membership, Organisation
from assessments.pulse.models import PulseAnswer, PulseParticipant, PulseProgramme, PulseReminder
from assessments.pulse.months import drop_months, has_signal, month_of


def person_name(membership: Membership) -> str:
    return membership.user.get_full_name().strip() or membership.user.email


def programme_of(*, organisation: Organisation) -> PulseProgramme | None:
    return PulseProgramme.objects.filter(organisation=organisation).select_related("sponsor__user").first()


def is_running(*, programme: PulseProgramme, today: datetime.date) -> bool:
    return programme.started_on <= today < programme.ends_on


def is_sponsor(*, programme: PulseProgramme | None, membership: Membership) -> bool:
    return programme is not None and programme.sponsor_id is not None and programme.sponsor_id == membership.pk


def participant_of(*, programme: PulseProgramme | None, membership: Membership) -> PulseParticipant | None:
    if programme is None:
        return None
    return PulseParticipant.objects.filter(programme=programme, membership=membership).first()


def participants_of(*, programme: PulseProgramme) -> list[PulseParticipant]:
    """Who takes part (names and parts only, no answers): the settings page shows them."""
    return list(programme.participants.select_related("membership__user").order_by("-kind", "pk"))


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )


def own_answers(*, participant: PulseParticipant) -> list[PulseAnswer]:
    return list(participant.answers.order_by("month"))


def answer_for(*, participant: PulseParticipant, month: datetime.date) -> PulseAnswer | None:
    return participant.answers.filter(month=month_of(month)).first()


@dataclass(frozen=True)
class Point:
    month: datetime.date
    energy: int
    sponsor_support: int
    priority: int
    note: str
    dropped: bool  # this month ends a two-month energy drop


@dataclass(frozen=True)
class PersonTrend:
    participant: PulseParticipant
    name: str
    points: list[Point]  # oldest first
    signal: bool  # the latest answer ends a two-month energy drop
    switched_off: bool


def trend_of(answers: list[PulseAnswer]) -> tuple[list[Point], bool]:
    energy = [(a.month, a.energy) for a in answers]
    drops = drop_months(energy)
    points = [
        Point(a.month, a.energy, a.sponsor_support, a.priority, a.note, a.month in drops)
        for a in sorted(answers, key=lambda a: a.month)
    ]
    return points, has_signal(energy)


def sponsor_trends(*, programme: PulseProgramme) -> list[PersonTrend]:
    """Per participant their answers as the sponsor may read them: three queries whatever the number."""
    answers = PulseAnswer.objects.order_by("month")
    if programme.sponsor_since is not None:
        answers = answers.filter(updated_at__gte=programme.sponsor_since)
    participants = programme.participants.select_related("membership__user").prefetch_related(
        Prefetch("answers", queryset=answers, to_attr="visible_answers")
    )
    trends = []
    for participant in participants.order_by("-kind", "pk"):
        shown = [] if participant.switched_off else participant.visible_answers
        points, signal = trend_of(shown)
        trends.append(
            PersonTrend(participant, person_name(participant.membership), points, signal, participant.switched_off)
        )
    return trends


def due_reminders(*, today: datetime.date) -> list[PulseParticipant]:
    """Participants of running programmes, not switched off, without an answer or a reminder this month."""
    month = month_of(today)
    answered = PulseAnswer.objects.filter(month=month).values("participant_id")
    reminded = PulseReminder.objects.filter(month=month).values("participant_id")
    return list(
        PulseParticipant.objects.filter(
            programme__started_on__lte=today, programme__ends_on__gt=today, switched_off_at__isnull=True
        )
        .exclude(pk__in=answered)
        .exclude(pk__in=reminded)
        .exclude(membership__user__email="")
        .select_related("membership__user", "programme__organisation")
        .order_by("pk")
    )
