"""Walks every URL pattern of the project, so that a view without an access check fails the suite.

Anonymous visitors must be sent to sign in (or get 404) everywhere except a small, explicit list of
public URLs. A signed-in outsider (no memberships) must get 404 on every pattern that addresses an
object by a UUID, even when the ids belong to real objects of an organisation.

Adding a member view: open it with a page decorator (`@organisation_page(...)`, `@assessment_page(...)`, see
`assessments/organisations/decorators.py`), outermost, before `require_POST` and friends. A URL keyword naming
a new kind of object can be added to `_real_ids` so the outsider check uses real ids for it; unknown keywords
are tried with every real id we have.

The REST API (`api/v1/`) takes no session: without a token every URL answers 401, and a token of another
organisation's manager gets 404 on every URL that addresses an object, with the same real ids.
"""

import itertools
import re
import secrets
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from assessments.actions.services.board_links import create_board_link
from assessments.comments.models import Theme
from assessments.journeys.models import Journey, Moment, MomentLink
from assessments.organisations.models import Membership, OrganisationInvitation
from assessments.organisations.services import members
from assessments.outside_in.models import CustomerCheck, CustomerLink
from assessments.questionnaire.models import Invitation, InvitationImport, Response
from assessments.results.models import Report
from tests import factories

# Public on purpose. Respondents use r/ and t/; join/ and the password pages work by token;
# model/ and how-we-score/ explain the method and hold no organisation data. The accounts/ pages
# listed are the way in (sign-in, sign-up, email confirmation, reset, the second-factor step, the
# identity provider's return); every other accounts/ page (email, password, two-factor set-up) is walked.
# Public on purpose. Respondents use r/ and t/; join/ and the password pages work by token; b/ is the read-only
# board link (by token, tests/actions/test_board_links.py walks this list again in the link's browser);
# model/ and how-we-score/ explain the method and hold no organisation data.
PUBLIC_PREFIXES = (
    "accounts/login/",
    "accounts/logout/",
    "accounts/signup/",
    "accounts/confirm-email/",
    "accounts/password/reset/",
    "accounts/inactive/",
    "accounts/2fa/authenticate/",
    "accounts/3rdparty/login/",
    "accounts/3rdparty/signup/",
    "accounts/social/",  # allauth's old addresses: permanent redirects to accounts/3rdparty/
    "health/",
    "i18n/",
    "model/",
    "how-we-score/",
    "join/",
    # "Sign in with your organisation": asks the address, then hands over to the identity provider.
    "sign-in/organisation/",
    "admin/",
    "r/",
    "c/",
    "b/",
    "t/",
    "static/",
    "media/",
    "api/docs/",
    "api/v1/schema/",
)
API_PREFIX = "api/v1/"
LOGIN_URL = "/accounts/login/"
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _walk(patterns, prefix="", converters=None):
    for entry in patterns:
        pattern = entry.pattern
        route = prefix + (str(pattern) if isinstance(pattern, RoutePattern) else f"<regex:{pattern.regex.pattern}>")
        merged = {**(converters or {}), **getattr(pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route, merged)
        elif isinstance(entry, URLPattern):
            yield route, merged


def all_routes():
    return sorted(
        {
            (route, tuple(sorted(conv.items(), key=lambda kv: kv[0])))
            for route, conv in _walk(get_resolver().url_patterns)
        },
        key=lambda item: item[0],
    )


def _is_public(route):
    return route.startswith(PUBLIC_PREFIXES) or "<regex:" in route


def _protected_routes(*, api=False):
    return [
        (route, dict(conv))
        for route, conv in all_routes()
        if not _is_public(route) and route.startswith(API_PREFIX) == api
    ]


def _build(route, converters, values):
    def replace(match):
        name = match.group("name")
        return str(converters[name].to_url(values[name]))

    return "/" + _PARAM.sub(replace, route)


def _dummy(converter):
    if isinstance(converter, UUIDConverter):
        return uuid.uuid4()
    if isinstance(converter, IntConverter):
        return 1
    return secrets.token_urlsafe(12).replace("-", "a").replace("_", "b")


def test_walk_sees_the_organisation_pages():
    routes = [route for route, _conv in _protected_routes()]
    assert "a/<uuid:assessment>/comments/themes/<uuid:theme>/" in routes
    assert "o/<uuid:org>/teams/<uuid:team>/edit/" in routes
    assert "o/<uuid:org>/people/" in routes
    assert "o/<uuid:org>/settings/sign-in/" in routes
    assert "o/<uuid:org>/settings/sign-in/remove/" in routes
    assert "o/<uuid:org>/journeys/<uuid:journey>/moments/<uuid:moment>/links/<uuid:link>/qr/" in routes
    assert "o/<uuid:org>/plan/<uuid:action>/customer-measure/record/" in routes
    assert "a/<uuid:assessment>/moments/export/<slug:kind>.<slug:fmt>" in routes
    assert "" in routes  # home
    # The account pages behind sign-in are walked too.
    assert {"accounts/email/", "accounts/password/change/", "accounts/2fa/", "accounts/2fa/totp/activate/"} <= set(
        routes
    )


def anonymous_failures(client, method):
    failures = []
    for route, converters in _protected_routes():
        url = _build(route, converters, {name: _dummy(conv) for name, conv in converters.items()})
        response = getattr(client, method)(url)
        redirected = response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
        if not (redirected or response.status_code == 404):
            failures.append(f"{method.upper()} {url} -> {response.status_code}")
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_sign_in_or_gets_404_everywhere(method, client):
    assert anonymous_failures(client, method) == []


def _plan_action(organisation, assessment, actor):
    from assessments.actions.services.plan import create_action

    return create_action(
        organisation=organisation, assessment=assessment, actor=actor, data={"title": "Walk", "factor_code": "f1"}
    )


def _api_token(organisation, owner):
    from assessments.api.services import create_token

    return create_token(user=owner, name="Walk", scope="read", organisation=organisation)[0]


@pytest.fixture
def _real_ids(org_a, manager_a, model_version):
    team = factories.make_team(organisation=org_a)
    role = factories.make_role(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    invitation = Invitation.objects.create(assessment=assessment, team=team, token_hash=secrets.token_hex(32))
    response = Response.objects.create(
        assessment=assessment, team=team, access_key_hash=secrets.token_hex(32), submitted_at=timezone.now()
    )
    report = Report.objects.create(assessment=assessment, language="en", data_version=0)
    # A finished slide deck: its download must be as closed to outsiders as the PDF's.
    deck = Report.objects.create(
        assessment=assessment, kind="deck", language="en", data_version=0, status="done", content=b"PK"
    )
    member_invitation, _token = members.invite_member(
        organisation=org_a, actor=manager_a, email="invitee@example.org", role="viewer"
    )
    membership = Membership.objects.get(user=manager_a, organisation=org_a)
    customer_link = CustomerLink.objects.create(
        customer_check=CustomerCheck.objects.create(assessment=assessment), label="Shop", token=secrets.token_hex(16)
    )
    theme = Theme.objects.create(organisation=org_a, scope="f1", name_en="Walk", name_nl="Wandelen")
    board_link, _board_token = create_board_link(
        assessment=assessment, actor=manager_a, label="Board", shows="both", days=7
    )
    assert OrganisationInvitation.objects.count() == 1
    journey = Journey.objects.create(organisation=org_a, name_en="Walk", name_nl="Wandeling")
    job = InvitationImport.objects.create(assessment=assessment, created_by=manager_a, digest="0" * 64)
    moment = Moment.objects.create(journey=journey, name_en="Desk", name_nl="Balie", team=team)
    MomentLink.objects.create(moment=moment, link=customer_link)
    known = {
        "org": [org_a.public_id],
        "team": [team.public_id],
        "role": [role.public_id],
        "member": [membership.public_id],
        "invitation": [member_invitation.public_id, invitation.public_id],
        "assessment": [assessment.public_id],
        "response": [response.public_id],
        "report": [report.public_id, deck.public_id],
        "link": [customer_link.public_id],
        "board_link": [board_link.public_id],
        "action": [_plan_action(org_a, assessment, manager_a).public_id],
        "token": [_api_token(org_a, manager_a).public_id],
        "theme": [theme.public_id],
        "assessment_id": [assessment.public_id],
        "organisation_id": [org_a.public_id],
        "journey": [journey.public_id],
        "moment": [moment.public_id],
        "job": [job.public_id],
    }
    everything = sorted({value for values in known.values() for value in values}, key=str)
    return known, everything


def outsider_failures(client, known, everything, *, api=False):
    failures = []
    checked = 0
    for route, converters in _protected_routes(api=api):
        uuid_names = [name for name, conv in converters.items() if isinstance(conv, UUIDConverter)]
        if not uuid_names:
            continue
        options = [known.get(name, everything) for name in uuid_names]
        for combination in itertools.product(*options):
            values = {name: _dummy(conv) for name, conv in converters.items()}
            values.update(dict(zip(uuid_names, combination, strict=True)))
            url = _build(route, converters, values)
            statuses = {}
            for method in ("get", "post"):
                checked += 1
                statuses[method] = getattr(client, method)(url).status_code
            # 405 (wrong method) is the same for every id, so it reveals nothing; the other method must be 404.
            if set(statuses.values()) - {404, 405} or 404 not in statuses.values():
                failures.append(f"{url} ({route}) -> {statuses}")
    return failures, checked


def test_outsider_gets_404_on_every_object_url(_real_ids, outsider, client_for):
    known, everything = _real_ids
    failures, checked = outsider_failures(client_for(outsider), known, everything)
    assert checked > 30
    assert failures == []


def test_the_walk_catches_a_view_without_checks(_real_ids, outsider, client_for, client, settings):
    """A deliberately leaky page added to the project's URLs makes both walks fail, and only for it."""
    settings.ROOT_URLCONF = "tests.leaky_urls"
    known, everything = _real_ids
    failures, _checked = outsider_failures(client_for(outsider), known, everything)
    assert len(failures) == 1
    assert "(o/<uuid:org>/leaky/)" in failures[0]
    anonymous = anonymous_failures(client, "get")
    assert len(anonymous) == 1
    assert anonymous[0].startswith("GET /o/")
    assert anonymous[0].endswith("/leaky/ -> 200")


def test_outsider_never_gets_a_server_error_on_other_pages(db, outsider, client_for):
    client = client_for(outsider)
    failures = []
    for route, converters in _protected_routes():
        if any(isinstance(conv, UUIDConverter) for conv in converters.values()):
            continue
        url = _build(route, converters, {name: _dummy(conv) for name, conv in converters.items()})
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"GET {url} -> {status}")
    assert failures == []


def test_api_without_a_token_answers_401_everywhere(_real_ids, outsider, client_for, client):
    known, everything = _real_ids
    routes = _protected_routes(api=True)
    assert len(routes) > 10
    for browser in (client, client_for(outsider)):
        failures = []
        for route, converters in routes:
            values = {name: _dummy(conv) for name, conv in converters.items()}
            url = _build(route, converters, values)
            for method in ("get", "post"):
                status = getattr(browser, method)(url).status_code
                if status not in (401, 405):
                    failures.append(f"{method.upper()} {url} -> {status}")
        assert failures == []


def test_another_organisations_token_gets_404_on_every_api_object(_real_ids, manager_b):
    """Org B's manager, with a write token for all of their organisations, walks org A's real ids."""
    from django.test import Client

    from assessments.api.services import create_token

    _token, secret = create_token(user=manager_b, name="walk", scope="write", organisation=None)
    known, everything = _real_ids
    failures, checked = outsider_failures(Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), known, everything, api=True)
    assert checked > 30
    assert failures == []


# --- team leaders ------------------------------------------------------------------------------------------
# A team leader of org A leads one team ("Intake"); the walk uses real ids of that team, of another team of
# the same organisation ("Billing") and of an action they own and one they do not. Every page answers 403 or
# 404 except the few opened to team leaders (`leaders=True`), and those show their own team only.

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
def leader_world(_real_ids, org_a, manager_a, model_version):
    from assessments.actions.services.plan import create_action

    known, everything = _real_ids
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
    for route, converters in _protected_routes():
        uuid_names = [name for name, conv in converters.items() if isinstance(conv, UUIDConverter)]
        options = [world["known"].get(name, world["everything"]) for name in uuid_names]
        for combination in itertools.product(*options):
            values = {name: _dummy(conv) for name, conv in converters.items()}
            values.update(dict(zip(uuid_names, combination, strict=True)))
            url = _build(route, converters, values)
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


# --- the energy pulse ----------------------------------------------------------------------------------------
# Private by default: a participant's answers are read by the participant and the sponsor only. Every pulse URL
# is listed here with what each person gets (GET, POST with an empty form); a new pulse URL fails the walk until
# it is added. The managers (the one who set it up, a consultant) reach the settings and nothing with answers.

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
    routes = sorted(route for route, _conv in _protected_routes() if "/pulse/" in route)
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
