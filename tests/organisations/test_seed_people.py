"""seed_people: two demo organisations, five logins (one a team leader), idempotent."""

import json
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments.demo.people import DEMO_PASSWORD, seed_people
from assessments.organisations.models import Membership, Organisation, Role, Team


def _counts():
    return (
        Organisation.objects.count(),
        Team.objects.count(),
        Role.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )


def test_seed_people_creates_the_demo_world_once(db):
    people = seed_people()
    assert people == [
        {
            "email": "manager@demo.cxmaturity.nl",
            "password": DEMO_PASSWORD,
            "role": "manager",
            "organisations": ["Zorggroep Horizon"],
        },
        {
            "email": "consultant@demo.cxmaturity.nl",
            "password": DEMO_PASSWORD,
            "role": "consultant",
            "organisations": ["Zorggroep Horizon", "Energie Direct"],
        },
        {
            "email": "viewer@demo.cxmaturity.nl",
            "password": DEMO_PASSWORD,
            "role": "viewer",
            "organisations": ["Zorggroep Horizon"],
        },
        {
            "email": "manager2@demo.cxmaturity.nl",
            "password": DEMO_PASSWORD,
            "role": "manager",
            "organisations": ["Energie Direct"],
        },
        {
            "email": "teamleider@demo.cxmaturity.nl",
            "password": DEMO_PASSWORD,
            "role": "team_leader",
            "organisations": ["Zorggroep Horizon"],
        },
    ]
    first = _counts()
    assert first == (2, 11, 10, 5, 6)
    leader = Membership.objects.get(user__email="teamleider@demo.cxmaturity.nl")
    assert [team.name for team in leader.teams.all()] == ["Klantenservice"]
    horizon = Organisation.objects.get(name="Zorggroep Horizon")
    noord = Team.objects.get(organisation=horizon, name="Thuiszorg Noord")
    assert noord.parent.name == "Thuiszorg"
    assert seed_people() == people
    assert _counts() == first


def test_seed_resets_a_changed_demo_password(db):
    seed_people()
    user = get_user_model().objects.get(email="viewer@demo.cxmaturity.nl")
    user.set_password("something-else-entirely")
    user.save()
    seed_people()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_seed_demo_json_lists_the_users(db, capsys):
    # The assessments part has its own tests and needs the model loaded; only the people matter here.
    with mock.patch("assessments.demo.seed_assessments", return_value=[]):
        call_command("seed_demo", "--json", "--respondents", "0")
    data = json.loads(capsys.readouterr().out)
    assert [u["email"] for u in data["users"]] == [
        "manager@demo.cxmaturity.nl",
        "consultant@demo.cxmaturity.nl",
        "viewer@demo.cxmaturity.nl",
        "manager2@demo.cxmaturity.nl",
        "teamleider@demo.cxmaturity.nl",
    ]


def test_demo_login_works(db, client):
    seed_people()
    response = client.post("/accounts/login/", {"login": "manager@demo.cxmaturity.nl", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    horizon = Organisation.objects.get(name="Zorggroep Horizon")
    assert client.get("/").url == f"/o/{horizon.public_id}/"
