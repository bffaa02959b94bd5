"""How the pulse shows up on the organisation's home page (a section, registered in AssessmentsConfig):
a participant sees whether this month's questions wait; the sponsor sees whose energy dropped. Nobody else
sees anything of it there."""

from typing import Any

from django.utils import timezone

from assessments.organisations.models import Membership, Organisation
from assessments.pulse import selectors


def home_section(*, organisation: Organisation, membership: Membership, language: str) -> dict[str, Any] | None:
    programme = selectors.programme_of(organisation=organisation)
    if programme is None:
        return None
    today = timezone.localdate()
    if not selectors.is_running(programme=programme, today=today):
        return None
    if selectors.is_sponsor(programme=programme, membership=membership):
        trends = selectors.sponsor_trends(programme=programme)
        return {"template": "pulse/_home.html", "sponsor": True, "signals": [t.name for t in trends if t.signal]}
    participant = selectors.participant_of(programme=programme, membership=membership)
    if participant is None or participant.switched_off:
        return None
    answered = selectors.answer_for(participant=participant, month=today) is not None
    return {"template": "pulse/_home.html", "sponsor": False, "answered": answered, "month": today.replace(day=1)}
