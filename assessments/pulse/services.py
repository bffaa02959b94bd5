"""Writes of the energy pulse, each in a transaction: the programme (a manager's settings), a participant's
monthly answer and their choice to switch the pulse off or on again.

Answers and switching are not written to the activity log: the managers who read it may not learn who
answered or stopped, let alone what.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.core.http import AnyUser
from assessments.organisations.models import Membership, Organisation
from assessments.organisations.services import activity
from assessments.pulse.models import PulseAnswer, PulseParticipant, PulseProgramme
from assessments.pulse.months import month_of, years_later

YEARS = 2  # seed 002: keep people spreading the word "especially the first two years"


def default_end(started_on: datetime.date) -> datetime.date:
    return years_later(started_on, YEARS)


def _check_programme(
    *,
    organisation: Organisation,
    started_on: datetime.date,
    ends_on: datetime.date,
    sponsor: Membership,
    lead: Membership | None,
    ambassadors: Sequence[Membership],
) -> None:
    errors: dict[str, str] = {}
    people = [sponsor, *([lead] if lead else []), *ambassadors]
    if any(m.organisation_id != organisation.pk for m in people):
        errors["sponsor"] = _("Choose people of this organisation.")
    if ends_on <= started_on:
        errors["ends_on"] = _("The pulse must end after it starts.")
    if lead is None and not ambassadors:
        errors["lead"] = _("Choose the CX lead or at least one ambassador.")
    if sponsor == lead or sponsor in ambassadors:
        errors["sponsor"] = _("The sponsor reads the answers and does not answer: choose someone else.")
    if lead is not None and lead in ambassadors:
        errors["ambassadors"] = _("The CX lead is already taking part; leave them out of the ambassadors.")
    if errors:
        raise ValidationError(errors)


def save_programme(
    *,
    organisation: Organisation,
    actor: AnyUser,
    started_on: datetime.date,
    ends_on: datetime.date | None,
    sponsor: Membership,
    lead: Membership | None,
    ambassadors: Sequence[Membership],
) -> PulseProgramme:
    """Starts the organisation's pulse or changes it. Someone taken out loses their answers with it; a new
    sponsor reads only the answers given from now on. Saving the same choice twice changes nothing."""
    ends_on = ends_on or default_end(started_on)
    _check_programme(
        organisation=organisation,
        started_on=started_on,
        ends_on=ends_on,
        sponsor=sponsor,
        lead=lead,
        ambassadors=ambassadors,
    )
    with transaction.atomic():
        programme = PulseProgramme.objects.select_for_update().filter(organisation=organisation).first()
        created = programme is None
        if programme is None:
            programme = PulseProgramme(organisation=organisation, started_on=started_on, ends_on=ends_on)
        elif programme.sponsor_id != sponsor.pk:
            programme.sponsor_since = timezone.now()
        programme.started_on, programme.ends_on, programme.sponsor = started_on, ends_on, sponsor
        programme.save()
        wanted = {m.pk: PulseParticipant.Kind.AMBASSADOR for m in ambassadors}
        if lead is not None:
            wanted[lead.pk] = PulseParticipant.Kind.LEAD
        current = {p.membership_id: p for p in programme.participants.all()}
        PulseParticipant.objects.filter(pk__in=[p.pk for m, p in current.items() if m not in wanted]).delete()
        for membership_id, kind in wanted.items():
            participant = current.get(membership_id)
            if participant is None:
                PulseParticipant.objects.create(programme=programme, membership_id=membership_id, kind=kind)
            elif participant.kind != kind:
                participant.kind = kind
                participant.save(update_fields=["kind"])
        activity.record(organisation=organisation, actor=actor, verb="created" if created else "updated", obj=programme)
    return programme


def answer_pulse(
    *,
    participant: PulseParticipant,
    today: datetime.date,
    energy: int,
    sponsor_support: int,
    priority: int,
    note: str = "",
    language: str = "",
) -> PulseAnswer:
    """This month's answer of one participant; answering again the same month replaces it."""
    programme = participant.programme
    if participant.switched_off:
        raise ValidationError(_("You switched the pulse off. Switch it on again to answer."))
    if not programme.started_on <= today < programme.ends_on:
        raise ValidationError(_("The pulse is not running this month."))
    with transaction.atomic():
        answer, _created = PulseAnswer.objects.update_or_create(
            participant=participant,
            month=month_of(today),
            defaults={"energy": energy, "sponsor_support": sponsor_support, "priority": priority, "note": note},
        )
        if language and language != participant.language:
            participant.language = language
            participant.save(update_fields=["language"])
    return answer


def switch_pulse(*, participant: PulseParticipant, on: bool) -> PulseParticipant:
    """Off: no more reminders and the sponsor no longer sees the answers (they are kept for the person).
    On again: both come back. Switching to the state it is in changes nothing."""
    with transaction.atomic():
        if on and participant.switched_off_at is not None:
            participant.switched_off_at = None
            participant.save(update_fields=["switched_off_at"])
        elif not on and participant.switched_off_at is None:
            participant.switched_off_at = timezone.now()
            participant.save(update_fields=["switched_off_at"])
    return participant
