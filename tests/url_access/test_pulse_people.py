"""The energy pulse's URLs walked as each person around it. Private by default: a participant's answers are read
by the participant and the sponsor only. Every pulse URL is listed here with what each person gets (GET, POST
with an empty form); a new pulse URL fails the walk until it is added. The managers (the one who set it up, a
consultant) reach the settings and nothing with answers."""

import pytest
from django.utils import timezone

from tests import factories
from tests.url_access.walk import protected_routes

PULSE_PEOPLE = ("setter", "consultant", "sponsor", "lead", "ambassador", "viewer", "leader", "outsider")
PULSE_PAGES = {
    "o/<uuid:org>/pulse/": {"lead": (200, 400), "ambassador": (200, 400)},
    "o/<uuid:org>/pulse/switch/": {"lead": (405, 400), "ambassador": (405, 400), "*member": (405, 404)},
    "o/<uuid:org>/pulse/sponsor/": {"sponsor": (200, 405), "*member": (404, 405)},
    "o/<uuid:org>/pulse/settings/": {
        "setter": (200, 400),
        "consultant": (200, 400),
        "sponsor": (403, 403),
        "lead": (403, 403),
        "ambassador": (403, 403),
        "viewer": (403, 403),
        "leader": (403, 403),
    },
}


@pytest.fixture
def pulse_world(org_a, manager_a, viewer_a, consultant_ab, outsider):
    from assessments.pulse import services

    def member(email, role):
        return factories.add_member(user=factories.make_user(email=email), organisation=org_a, role=role)

    sponsor, lead = member("sponsor.a@example.org", "viewer"), member("lead.a@example.org", "viewer")
    ambassador, leader = (
        member("ambassador.a@example.org", "team_leader"),
        member("leader.a@example.org", "team_leader"),
    )
    services.save_programme(
        organisation=org_a,
        actor=manager_a,
        started_on=timezone.localdate(),
        ends_on=None,
        sponsor=sponsor,
        lead=lead,
        ambassadors=[ambassador],
    )
    users = {"sponsor": sponsor, "lead": lead, "ambassador": ambassador, "leader": leader}
    return {
        "setter": manager_a,
        "consultant": consultant_ab,
        "viewer": viewer_a,
        "outsider": outsider,
        **{name: m.user for name, m in users.items()},
    }


def test_pulse_pages_open_for_their_people_only(pulse_world, org_a, client_for):
    routes = sorted(route for route, _conv in protected_routes() if "/pulse/" in route)
    assert routes == sorted(PULSE_PAGES)
    failures = []
    for name in PULSE_PEOPLE:
        client = client_for(pulse_world[name])
        for route in routes:
            expected = PULSE_PAGES[route].get(name)
            if expected is None:
                expected = (404, 404) if name == "outsider" else PULSE_PAGES[route].get("*member", (404, 404))
            url = "/" + route.replace("<uuid:org>", str(org_a.public_id))
            got = (client.get(url).status_code, client.post(url).status_code)
            if got != expected:
                failures.append(f"{name} {url} -> {got}, expected {expected}")
    assert failures == []
