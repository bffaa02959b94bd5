"""The pulse's pages and their privacy: who gets which page, what each sees, bad input as a 4xx, and the
sponsor view's query count at one and many participants."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.pulse.models import PulseAnswer, PulseParticipant, PulseProgramme
from assessments.pulse.months import month_of
from tests import factories
from tests.pulse.conftest import answer, membership_of, months_back, participant

pytestmark = pytest.mark.django_db

ROLES = ("setter", "sponsor", "lead", "ambassador", "viewer", "consultant", "leader", "outsider")
# GET status per page and person: only the person and the sponsor read answers; the managers (setter, lead as
# a manager too, the consultant) may set the programme up; the rest get nothing.
EXPECTED = {
    "pulse_mine": {"lead": 200, "ambassador": 200},
    "pulse_sponsor": {"sponsor": 200},
    "pulse_settings": {
        "setter": 200,
        "lead": 200,
        "consultant": 200,
        "sponsor": 403,
        "viewer": 403,
        "ambassador": 403,
        "leader": 403,
    },
}


def _url(name, org):
    return reverse(name, kwargs={"org": org.public_id})


@pytest.mark.parametrize("role", ROLES)
def test_who_gets_which_page(org_a, people, programme, answered, client_for, role):
    client = client_for(people[role])
    for name, statuses in EXPECTED.items():
        assert (name, client.get(_url(name, org_a)).status_code) == (name, statuses.get(role, 404))


@pytest.mark.parametrize("role", ROLES)
def test_answers_are_read_by_the_person_and_the_sponsor_only(org_a, people, programme, answered, client_for, role):
    """Every page of the organisation a person opens (home, people, activity, settings, exports...) shows the
    notes of the answers only where they may read them."""
    from tests.url_access.walk import protected_routes

    client = client_for(people[role])
    seen = set()
    routes = [r for r, conv in protected_routes() if r.startswith("o/<uuid:org>/") and list(conv) == ["org"]]
    assert "o/<uuid:org>/pulse/sponsor/" in routes
    for route in routes:
        response = client.get("/" + route.replace("<uuid:org>", str(org_a.public_id)))
        if response.status_code != 200 or not hasattr(response, "content"):
            continue
        text = response.content.decode(errors="replace")
        for who in ("lead", "ambassador"):
            if f"{who} note" in text:
                seen.add((who, route))
    expected = {
        "sponsor": {("lead", "o/<uuid:org>/pulse/sponsor/"), ("ambassador", "o/<uuid:org>/pulse/sponsor/")},
        "lead": {("lead", "o/<uuid:org>/pulse/")},
        "ambassador": {("ambassador", "o/<uuid:org>/pulse/")},
    }
    assert seen == expected.get(role, set())


def test_the_api_knows_nothing_of_the_pulse(org_a, people, programme, answered):
    from django.test import Client

    from assessments.api.services import create_token

    _token, secret = create_token(user=people["setter"], name="walk", scope="read", organisation=org_a)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    for url in ("/api/v1/organisations/", f"/api/v1/organisations/{org_a.public_id}/", "/api/v1/schema/"):
        response = api.get(url)
        assert response.status_code == 200
        assert b"lead note" not in response.content
        assert b"pulse" not in response.content.lower()


def test_participant_answers_through_the_page(org_a, people, programme, client_for):
    client = client_for(people["ambassador"])
    url = _url("pulse_mine", org_a)
    response = client.post(url, {"energy": "4", "sponsor_support": "5", "priority": "2", "note": "Goed bezig"})
    assert (response.status_code, response["Location"]) == (302, url)
    client.post(url, {"energy": "3", "sponsor_support": "5", "priority": "2", "note": ""})
    assert list(PulseAnswer.objects.values_list("month", "energy", "sponsor_support", "priority", "note")) == [
        (month_of(timezone.localdate()), 3, 5, 2, "")
    ]
    page = client.get(url)
    assert page.status_code == 200
    assert "You answered this month already." in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"energy": "6", "sponsor_support": "3", "priority": "3"},
        {"energy": "0", "sponsor_support": "3", "priority": "3"},
        {"energy": "x", "sponsor_support": "3", "priority": "3"},
        {"sponsor_support": "3", "priority": "3"},
        {"energy": "3", "sponsor_support": "3", "priority": "3", "note": "x" * 501},
    ],
)
def test_bad_answers_are_a_400(org_a, people, programme, client_for, data):
    response = client_for(people["lead"]).post(_url("pulse_mine", org_a), data)
    assert response.status_code == 400
    assert PulseAnswer.objects.count() == 0


def test_switching_off_and_on_through_the_page(org_a, people, programme, answered, client_for):
    client = client_for(people["lead"])
    switch = _url("pulse_switch", org_a)
    assert client.post(switch, {"pulse": "maybe"}).status_code == 400
    assert client.post(switch, {"pulse": "off"}).status_code == 302
    assert PulseParticipant.objects.get(membership__user=people["lead"]).switched_off
    page = client.get(_url("pulse_mine", org_a)).content.decode()
    assert "You switched the pulse off" in page
    assert (
        client.post(_url("pulse_mine", org_a), {"energy": "3", "sponsor_support": "3", "priority": "3"}).status_code
        == 400
    )
    sponsor_page = client_for(people["sponsor"]).get(_url("pulse_sponsor", org_a)).content.decode()
    assert "lead note" not in sponsor_page
    assert "Switched the pulse off: their answers are not shown." in sponsor_page
    assert client.post(switch, {"pulse": "on"}).status_code == 302
    assert "lead note" in client_for(people["sponsor"]).get(_url("pulse_sponsor", org_a)).content.decode()
    # Not a participant: 404, whatever is posted.
    assert client_for(people["setter"]).post(switch, {"pulse": "off"}).status_code == 404


def test_the_sponsor_sees_the_signal(org_a, people, programme, answered, client_for):
    page = client_for(people["sponsor"]).get(_url("pulse_sponsor", org_a))
    text = page.content.decode()
    assert page.context["signals"] == ["Lead Test"]
    assert "Energy dropped two months running:" in text
    assert text.count("<svg") == 2
    home = client_for(people["sponsor"]).get(reverse("organisation_detail", kwargs={"org": org_a.public_id}))
    assert "Energy dropped two months running:" in home.content.decode()


def test_manager_starts_the_pulse(org_a, people, client_for):
    client = client_for(people["setter"])
    url = _url("pulse_settings", org_a)
    assert client.get(url).status_code == 200
    data = {
        "started_on": "2026-01-01",
        "ends_on": "",
        "sponsor": membership_of(people["sponsor"], org_a).pk,
        "lead": membership_of(people["lead"], org_a).pk,
        "ambassadors": [membership_of(people["ambassador"], org_a).pk],
    }
    assert client.post(url, {**data, "sponsor": membership_of(people["lead"], org_a).pk}).status_code == 400
    outside = factories.add_member(
        user=factories.make_user(), organisation=factories.make_organisation(), role="viewer"
    )
    assert client.post(url, {**data, "ambassadors": [outside.pk]}).status_code == 400
    assert client.post(url, {**data, "started_on": "not a date"}).status_code == 400
    assert PulseProgramme.objects.count() == 0
    assert client.post(url, data).status_code == 302
    programme = PulseProgramme.objects.get()
    assert (str(programme.started_on), str(programme.ends_on)) == ("2026-01-01", "2028-01-01")
    assert programme.sponsor == membership_of(people["sponsor"], org_a)


def _add_participants(org_a, programme, count):
    months = months_back(4)
    for i in range(count):
        membership = factories.add_member(
            user=factories.make_user(first_name=f"Person{i}"), organisation=org_a, role="viewer"
        )
        PulseParticipant.objects.create(programme=programme, membership=membership)
        for month, energy in zip(months, [5, 4, 3, 3], strict=True):
            answer(programme, membership.user, month, energy, note=f"n{i}")


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_sponsor_view_queries_do_not_grow_with_participants(org_a, people, programme, answered, client_for):
    client = client_for(people["sponsor"])
    url = _url("pulse_sponsor", org_a)
    PulseParticipant.objects.filter(membership__user=people["ambassador"]).delete()
    one = _queries(client, url)
    _add_participants(org_a, programme, 6)
    many = _queries(client, url)
    assert (one, many) == (one, one)
    assert one == 8


def test_own_page_shows_own_trend_only(org_a, people, programme, answered, client_for):
    page = client_for(people["ambassador"]).get(_url("pulse_mine", org_a))
    text = page.content.decode()
    assert "ambassador note" in text
    assert "lead note" not in text
    assert "Sponsor Test" in text  # who reads it is named
    assert participant(programme, people["ambassador"]).membership.role == "team_leader"


def test_settings_show_the_dates_in_dutch_too(org_a, people, programme, client_for):
    """A date field (type="date") only takes ISO dates: the Dutch page must not write 01-07-2026 into it."""
    page = client_for(people["setter"]).get(_url("pulse_settings", org_a), HTTP_ACCEPT_LANGUAGE="nl")
    text = page.content.decode()
    assert "Energiecheck" in text
    assert f'value="{programme.started_on.isoformat()}"' in text
    assert f'value="{programme.ends_on.isoformat()}"' in text


def test_home_invites_the_participant_and_says_nothing_to_others(org_a, people, programme, client_for):
    home = reverse("organisation_detail", kwargs={"org": org_a.public_id})
    lead = client_for(people["lead"])
    assert "Three questions for" in lead.get(home).content.decode()
    lead.post(_url("pulse_mine", org_a), {"energy": "4", "sponsor_support": "4", "priority": "4"})
    assert "You answered for" in lead.get(home).content.decode()
    for role in ("setter", "viewer", "consultant"):
        text = client_for(people[role]).get(home).content.decode()
        assert "Three questions for" not in text
        assert "You answered for" not in text
        assert "Energy dropped" not in text
