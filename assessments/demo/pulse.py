"""The demo's energy pulse at Zorggroep Horizon (idempotent), made through the pulse's services as the
manager and the participants would: Marieke de Boer (viewer@, the director) is the sponsor; Lotte Bakker
(manager@, the CX lead) and Fatima El Amrani (teamleider@, an ambassador) answer, eight months up to this
one. Lotte's energy drops two months running at the end (seed 002: the CX lead who keeps running into walls),
so the sponsor's view shows the signal. Each of the two sees only their own answers; viewer@ sees both.
"""

import datetime

from django.utils import timezone

from assessments.organisations.models import Membership, Organisation
from assessments.pulse import services
from assessments.pulse.models import PulseProgramme
from assessments.pulse.months import month_of, previous_month

MONTHS = 8
SPONSOR, LEAD, AMBASSADOR = "viewer@demo.cxmaturity.nl", "manager@demo.cxmaturity.nl", "teamleider@demo.cxmaturity.nl"
# Per person, oldest month first: (energy, sponsor support, priority, note in Dutch)
ANSWERS = {
    LEAD: [
        (4, 4, 3, "Mooie start: de directie staat erachter."),
        (5, 4, 4, "Eerste klantreis in kaart, het team is enthousiast."),
        (4, 3, 3, ""),
        (4, 3, 3, ""),
        (5, 4, 3, "De eerste resultaten gedeeld in het MT: veel vragen, goed teken."),
        (4, 3, 2, "Weer een overleg waarin CX naar het volgende kwartaal schoof."),
        (3, 2, 2, "Ik loop tegen dezelfde muren op als in het voorjaar."),
        (2, 2, 2, "Ik mis steun bij de keuze voor de kpi's. Kunnen we praten?"),
    ],
    AMBASSADOR: [
        (3, 3, 3, ""),
        (3, 4, 3, ""),
        (4, 4, 3, "Collega's vragen zelf naar de klantverhalen."),
        (4, 4, 4, ""),
        (4, 4, 4, ""),
        (3, 4, 3, "Drukke maand door de zomerroosters."),
        (4, 4, 3, ""),
        (4, 4, 4, ""),
    ],
}


def _member(organisation: Organisation, email: str) -> Membership | None:
    return Membership.objects.filter(organisation=organisation, user__email__iexact=email).first()


def seed_pulse(*, organisation: Organisation) -> PulseProgramme | None:
    """The programme and its answers; nothing happens when the organisation has a pulse already."""
    existing = PulseProgramme.objects.filter(organisation=organisation).first()
    sponsor, lead, ambassador = (_member(organisation, email) for email in (SPONSOR, LEAD, AMBASSADOR))
    if existing is not None or sponsor is None or lead is None or ambassador is None:
        return existing
    today = timezone.localdate()
    months = [month_of(today)]
    while len(months) < MONTHS:
        months.insert(0, previous_month(months[0]))
    programme = services.save_programme(
        organisation=organisation,
        actor=lead.user,
        started_on=months[0],
        ends_on=None,
        sponsor=sponsor,
        lead=lead,
        ambassadors=[ambassador],
    )
    for membership in (lead, ambassador):
        participant = programme.participants.get(membership=membership)
        participant.programme = programme
        for month, (energy, support, priority, note) in zip(months, ANSWERS[membership.user.email], strict=True):
            day: datetime.date = today if month == months[-1] else month
            services.answer_pulse(
                participant=participant,
                today=day,
                energy=energy,
                sponsor_support=support,
                priority=priority,
                note=note,
                language="nl",
            )
    return programme
