"""The demo's pulse at Zorggroep Horizon: viewer@ (the sponsor) sees both participants and Lotte's two-month
drop; manager@ (the CX lead) and teamleider@ (an ambassador) each see only their own answers."""

import pytest
from django.urls import reverse

from assessments.demo.people import seed_people
from assessments.demo.pulse import seed_pulse
from assessments.organisations.models import Organisation
from assessments.pulse import selectors
from assessments.pulse.models import PulseAnswer, PulseProgramme

pytestmark = pytest.mark.django_db


def test_demo_pulse_once_with_a_drop(client_for):
    seed_people()
    horizon = Organisation.objects.get(name="Zorggroep Horizon")
    programme = seed_pulse(organisation=horizon)
    assert seed_pulse(organisation=horizon) == programme  # idempotent
    assert (PulseProgramme.objects.count(), PulseAnswer.objects.count()) == (1, 16)
    trends = {t.name: t for t in selectors.sponsor_trends(programme=programme)}
    assert {name: t.signal for name, t in trends.items()} == {"Lotte Bakker": True, "Fatima El Amrani": False}
    assert [p.energy for p in trends["Lotte Bakker"].points][-3:] == [4, 3, 2]

    users = {m.user.email: m.user for m in horizon.memberships.select_related("user")}
    sponsor_page = client_for(users["viewer@demo.cxmaturity.nl"]).get(
        reverse("pulse_sponsor", kwargs={"org": horizon.public_id})
    )
    assert sponsor_page.context["signals"] == ["Lotte Bakker"]
    mine = reverse("pulse_mine", kwargs={"org": horizon.public_id})
    lotte = client_for(users["manager@demo.cxmaturity.nl"]).get(mine).content.decode()
    fatima = client_for(users["teamleider@demo.cxmaturity.nl"]).get(mine).content.decode()
    assert "Kunnen we praten?" in lotte
    assert "Kunnen we praten?" not in fatima
    assert "zomerroosters" in fatima
    assert "zomerroosters" not in lotte
    assert client_for(users["consultant@demo.cxmaturity.nl"]).get(mine).status_code == 404
