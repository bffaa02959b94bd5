"""Team leaders walk every URL: a team leader of org A leads one team ("Intake"); the walk uses real ids of that
team, of another team of the same organisation ("Billing") and of an action they own and one they do not. Every
page answers 403 or 404 except the few opened to team leaders (`leaders=True`), and those show their own team
only."""

import itertools

import pytest
from django.urls.converters import UUIDConverter

from tests import factories
from tests.url_access.walk import build_url, dummy_value, outsider_failures, protected_routes

LEADER_PAGES = {
    # route -> the statuses a team leader may get (any other page: 403/404/405 only)
    "o/<uuid:org>/": {302},  # to their team pages
    "o/<uuid:org>/team-pages/": {200},
    "o/<uuid:org>/plan/": {200},
    "o/<uuid:org>/plan/<uuid:action>/": {200, 404},  # 200 for the action they own only (checked below)
    "o/<uuid:org>/plan/<uuid:action>/status/": {302, 400, 404, 405},
    "a/<uuid:assessment>/teams/<uuid:team>/": {200, 404},  # 200 for their own team only (checked below)
}


@pytest.fixture
def leader_world(real_ids, org_a, manager_a, model_version):
    from assessments.actions.services.plan import create_action

    known, everything = real_ids
    intake = factories.make_team(organisation=org_a, name="Intake")
    billing = factories.make_team(organisation=org_a, name="Billing")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[intake, billing], status="closed"
    )
    factories.make_random_responses(assessment=assessment, count=6, team=intake, seed=1)
    factories.make_random_responses(assessment=assessment, count=7, team=billing, seed=2)
    leader = factories.make_user(email="leader.a@example.org")
    membership = factories.add_member(user=leader, organisation=org_a, role="team_leader")
    membership.teams.set([intake])
    own = create_action(
        organisation=org_a,
        assessment=assessment,
        actor=manager_a,
        data={"title": "Call back within a day", "factor_code": "f1", "owner": membership},
    )
    other = create_action(
        organisation=org_a, assessment=assessment, actor=manager_a, data={"title": "Not theirs", "factor_code": "f1"}
    )
    known = {
        **known,
        "team": [intake.public_id, billing.public_id, *known["team"]],
        "assessment": [assessment.public_id, *known["assessment"]],
        "action": [own.public_id, other.public_id, *known["action"]],
    }
    everything = sorted({value for values in known.values() for value in values}, key=str)
    return {
        "known": known,
        "everything": everything,
        "leader": leader,
        "membership": membership,
        "intake": intake,
        "billing": billing,
        "assessment": assessment,
        "own": own,
        "other": other,
    }


def test_team_leader_reaches_only_the_pages_opened_to_them(leader_world, org_a, client_for):
    world = leader_world
    client = client_for(world["leader"])
    failures, opened = [], set()
    for route, converters in protected_routes():
        uuid_names = [name for name, conv in converters.items() if isinstance(conv, UUIDConverter)]
        options = [world["known"].get(name, world["everything"]) for name in uuid_names]
        for combination in itertools.product(*options):
            values = {name: dummy_value(conv) for name, conv in converters.items()}
            values.update(dict(zip(uuid_names, combination, strict=True)))
            url = build_url(route, converters, values)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if not uuid_names:
                    allowed = {200, 302, 403, 404, 405}
                else:
                    allowed = LEADER_PAGES.get(route, set()) | {403, 404, 405}
                if status not in allowed:
                    failures.append(f"{method.upper()} {url} ({route}) -> {status}")
                if uuid_names and status not in (403, 404, 405):
                    ids = tuple(sorted((name, str(v)) for name, v in zip(uuid_names, combination, strict=True)))
                    opened.add((route, ids))
    assert failures == []
    # The pages that opened did so for the leader's own team and own action only (the team page of a round
    # without their team opens too, and says the team was not part of it).
    org = ("org", str(org_a.public_id))
    own = ("action", str(world["own"].public_id))
    intake = ("team", str(world["intake"].public_id))
    assert opened == {
        ("o/<uuid:org>/", (org,)),
        ("o/<uuid:org>/team-pages/", (org,)),
        ("o/<uuid:org>/plan/", (org,)),
        ("o/<uuid:org>/plan/<uuid:action>/", (own, org)),
        ("o/<uuid:org>/plan/<uuid:action>/status/", (own, org)),
        *(
            ("a/<uuid:assessment>/teams/<uuid:team>/", (("assessment", str(a)), intake))
            for a in world["known"]["assessment"]
        ),
    }


def test_team_leader_pages_never_show_another_team(leader_world, org_a, client_for):
    world = leader_world
    client = client_for(world["leader"])
    pages = [
        client.get(f"/o/{org_a.public_id}/team-pages/"),
        client.get(f"/o/{org_a.public_id}/plan/"),
        client.get(f"/a/{world['assessment'].public_id}/teams/{world['intake'].public_id}/"),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert "Billing" not in text
        assert "Not theirs" not in text
    assert "Call back within a day" in pages[1].content.decode()
    other_team = client.get(f"/a/{world['assessment'].public_id}/teams/{world['billing'].public_id}/")
    assert other_team.status_code == 404
    assert client.get(f"/a/{world['assessment'].public_id}/results/").status_code == 403
    assert client.get("/portfolio/").context["rows"] == []  # the portfolio shows whole organisations' results


def test_team_leader_token_sees_no_api_object(leader_world):
    """The API answers for whole organisations: a team leader's token reaches none of org A's objects."""
    from django.test import Client

    from assessments.api.services import create_token

    _token, secret = create_token(user=leader_world["leader"], name="walk", scope="write", organisation=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    failures, checked = outsider_failures(api, leader_world["known"], leader_world["everything"], api=True)
    assert checked > 30
    assert failures == []
    assert api.get("/api/v1/organisations/").json()["results"] == []
