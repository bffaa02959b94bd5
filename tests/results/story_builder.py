"""Builds "the one true story" (issue 23) through the product's own pages, as the people involved would.

A consultant creates the organisation (/o/new/); its CX manager adds three teams (one inside another), sets
up the spring 2026 round on the real 9+ model (version 2: one management-only statement, cs4, and an ambition
per factor) asking two of the default roles (Board, Front office), makes an open link per team and opens it;
respondents answer on the respondent pages (/t/<token>/, /r/start/, /r/step/<n>/, /r/review/, /r/submit/).
One board member changes their role to front office after answering (the answer to the management-only
statement stays stored but was not asked of their new role). The manager closes the round, then types in an
older round late (autumn 2025: opened on 12 September 2025 but created after spring 2026), starts the next
round, adds suggested actions to the plan, publishes the respondents' summary and joins the benchmark.

Everything happens on a controlled clock (`Clock`): the dates in the story are fixed, whatever the day the
test runs. Only what has no page of its own is made with tests.factories: the consultant's and the
manager's memberships (an invitation e-mail round trip adds nothing here) and the benchmark peers (four
organisations with uniform answers around ours: the shill attack, which the benchmark guard withholds).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from assessments.actions.selectors.suggestions import priority_suggestions
from assessments.organisations.models import Organisation, Role, Team
from assessments.questionnaire.models import Assessment, TeamLink
from assessments.scoring import score_assessment
from tests import factories

TEAMS = ("Sales", "Service", "Service North")
ROLES = ("Board", "Front office")  # management and staff
MANAGEMENT_ONLY = "cs4"  # the v2 model's statement asked of management only (customer_strategy)
THIN_FACTOR = "brand_connection"  # one board member answers "don't know" throughout: management counts 4 of 5
THIN_FACTOR_INDEX = 1


class Clock:
    """timezone.now() under the test's control (Django's auto_now fields and every service read it)."""

    def __init__(self, monkeypatch, start):
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def at(self, *args):
        self.now = datetime.datetime(*args, tzinfo=datetime.UTC)
        return self


def _form_value(html, name):
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def _ok(response, *codes):
    codes = codes or (200, 302)
    assert response.status_code in codes, (response.status_code, response.content[:2000])
    return response


@dataclass
class Person:
    """One respondent: the team link they use, the role they choose, and their answer to each statement."""

    team: str
    role: str
    value: object  # (factor index, statement code, statement index) -> answer (1-5 or 0 = don't know)
    ambition: int = 4
    changes_role_to: str | None = None


@dataclass
class Story:
    organisation: Organisation
    manager: object
    spring: Assessment  # the main round (2026), created first
    autumn: Assessment  # the older round (2025), entered late
    next_round: Assessment  # the draft after spring
    peer_view: Assessment  # another organisation's closed round: we are one of its benchmark peers
    api_secret: str
    plan_offered_for: list  # public ids of the rounds whose suggestions the plan page offered
    people: dict = field(default_factory=dict)  # assessment title -> [Person]


class Builder:
    def __init__(self, clock, model_version):
        self.clock = clock
        self.version = model_version
        self.factors = [
            (f.code, [s.code for s in f.statements.order_by("order")]) for f in model_version.factors.order_by("order")
        ]

    # --- the manager's pages -------------------------------------------------------------------------

    def organisation(self):
        self.clock.at(2026, 2, 20, 9)
        consultancy = factories.make_organisation(name="Northwind Advice")
        consultant = factories.make_user(email="consultant@northwind.example")
        factories.add_member(user=consultant, organisation=consultancy, role="consultant")
        self.consultant = Client()
        self.consultant.force_login(consultant)
        _ok(
            self.consultant.post(
                "/o/new/",
                {
                    "name": "Harbour Care",
                    "sector": "",
                    "size_band": "",
                    "default_language": "en",
                    "relationship": "client",
                },
            ),
            302,
        )
        organisation = Organisation.objects.get(name="Harbour Care")
        manager = factories.make_user(email="cx.lead@harbour.example", first_name="Mara", last_name="Jansen")
        factories.add_member(user=manager, organisation=organisation, role="manager")
        self.manager_user = manager
        org = f"/o/{organisation.public_id}"
        for name in TEAMS:
            parent = Team.objects.get(organisation=organisation, name="Service") if name == "Service North" else None
            data = {"name": name, "parent": str(parent.public_id) if parent else ""}
            _ok(self.signed_in().post(f"{org}/teams/new/", data), 302)
        # A new organisation comes with five default roles; the rounds ask two of them (ROLES).
        assert Team.objects.filter(organisation=organisation).count() == 3
        assert set(
            Role.objects.filter(organisation=organisation, name_en__in=ROLES).values_list("is_management", flat=True)
        ) == {True, False}
        self.org = organisation
        return organisation, manager

    def create_round(self, title, opens_on, closes_on):
        org = self.org
        data = self.round_form(title, opens_on, closes_on)
        _ok(self.signed_in().post(f"/o/{org.public_id}/assessments/new/", data), 302)
        return Assessment.objects.get(organisation=org, title=title)

    def open_with_links(self, assessment):
        base = f"/a/{assessment.public_id}"
        for team in Team.objects.filter(organisation=self.org):
            _ok(self.signed_in().post(f"{base}/links/", {"team": str(team.public_id), "action": "create"}), 302)
        _ok(self.signed_in().post(f"{base}/open/"), 302)
        assessment.refresh_from_db()
        assert assessment.status == "open"
        page = self.signed_in().get(f"{base}/invitations/").content.decode()
        links = {link.team.name: link.token for link in TeamLink.objects.filter(assessment=assessment)}
        assert all(f"/t/{token}/" in page for token in links.values()), "the invitations page shows every link"
        return links

    def signed_in(self):
        """The manager's browser, signed in again when the story's clock has moved past the session's age."""
        client = Client()
        client.force_login(self.manager_user)
        return client

    def round_form(self, title, opens_on, closes_on):
        org = self.org
        return {
            "title": title,
            "model_version": self.version.pk,
            "teams": [t.pk for t in Team.objects.filter(organisation=org)],
            "roles": [r.pk for r in Role.objects.filter(organisation=org, name_en__in=ROLES)],
            "languages": ["en", "nl"],
            "opens_on": opens_on,
            "closes_on": closes_on,
            "ask_ambition": "on",
            "threshold_scores": 5,
            "threshold_comments": 5,
            "threshold_spread": 5,
            "previous": "",
        }

    def next_round(self, previous):
        _ok(self.signed_in().post(f"/a/{previous.public_id}/next-round/", {"title": "CX scan autumn 2026"}), 302)
        draft = Assessment.objects.get(organisation=self.org, title="CX scan autumn 2026")
        data = self.round_form(draft.title, "2026-09-14", "2026-10-02")
        data["previous"] = previous.pk
        _ok(self.signed_in().post(f"/a/{draft.public_id}/edit/", data), 302)
        draft.refresh_from_db()
        assert draft.opens_at is not None
        return draft

    def plan_and_share(self, spring):
        """Two suggestions of spring's top priorities into the plan, the summary published, the benchmark joined.

        The plan page offers the suggestions of the round it takes for the latest; if that is not spring (the
        round order under repair on branch t-demo), the manager is given spring's own suggestions, as the
        right page would offer them, so that the rest of the story does not depend on that bug."""
        page = self.signed_in().get(f"/o/{self.org.public_id}/plan/").content.decode()
        self.plan_offered_for = re.findall(r'action="/a/([0-9a-f-]+)/plan/suggestion/"', page)
        forms = re.findall(r'name="factor_code" value="([^"]+)"><input type="hidden" name="key" value="([^"]+)"', page)
        if set(self.plan_offered_for) != {str(spring.public_id)}:
            with translation.override("en"):
                items = priority_suggestions(
                    assessment=spring, result=score_assessment(assessment=spring), language="en"
                )
            forms = [(i["priority"].factor_code, s.key) for i in items for s in i["suggestions"]]
        for factor_code, key in forms[:2]:
            _ok(
                self.signed_in().post(
                    f"/a/{spring.public_id}/plan/suggestion/",
                    {"factor_code": factor_code, "key": key, "owner_name": "Anna de Vries", "due_date": "2030-06-30"},
                ),
                302,
            )
        _ok(self.signed_in().post(f"/a/{spring.public_id}/share/", {"do": "publish"}), 302)
        _ok(self.signed_in().post(f"/a/{spring.public_id}/benchmark/", {"opt_in": "on"}), 302)
        self.org.refresh_from_db()
        assert self.org.benchmark_opt_in

    def api_token(self):
        page = _ok(
            self.signed_in().post("/account/api-tokens/", {"name": "Board pack", "scope": "read", "organisation": ""}),
            200,
        ).content.decode()
        return re.search(r'id="new-token" type="text" readonly value="([^"]+)"', page).group(1)

    def close(self, assessment):
        _ok(self.signed_in().post(f"/a/{assessment.public_id}/close/"), 302)
        assessment.refresh_from_db()
        assert assessment.status == "closed", (assessment.status, assessment.closes_at, self.clock.now)

    # --- the respondent pages ------------------------------------------------------------------------

    def respond(self, links, person):
        browser = Client()
        _ok(browser.get(f"/t/{links[person.team]}/"))
        role = Role.objects.get(organisation=self.org, name_en=person.role)
        _ok(browser.post("/r/start/", {"role": str(role.public_id)}), 302)
        for step, (factor, statements) in enumerate(self.factors, start=1):
            factor_index = step - 1
            page = _ok(browser.get(f"/r/step/{step}/"), 200).content.decode()
            data = {"version": _form_value(page, "version"), "nav": "next", f"fa-{factor}": str(person.ambition)}
            for index, code in enumerate(statements):
                if f'name="c-{code}"' in page:  # the page asks only what this role is asked
                    data[f"c-{code}"] = str(person.value(factor_index, code, index))
            _ok(browser.post(f"/r/step/{step}/", data), 302)
        if person.changes_role_to:
            new_role = Role.objects.get(organisation=self.org, name_en=person.changes_role_to)
            _ok(browser.get("/r/start/"), 200)
            _ok(browser.post("/r/start/", {"role": str(new_role.public_id)}), 302)
        _ok(browser.get("/r/review/"), 200)
        _ok(browser.post("/r/submit/"), 302)
        return browser


OFFSETS = (0, 1, -1, 0, 1, -1, 0)  # per factor, in model order: the factors must not all score alike


def _spread(base):
    """Answers that differ per factor, statement and person, so no two ways of averaging agree by accident."""

    def value(factor_index, code, index, *, person):
        if code == MANAGEMENT_ONLY:
            return 5 if base >= 3 else 1
        step = (index * (factor_index + 1) + person) % 3 - 1
        return max(1, min(5, base + OFFSETS[factor_index] + step))

    return value


def _person(team, role, base, number, **extra):
    spread = _spread(base)
    return Person(team=team, role=role, value=lambda f, c, i: spread(f, c, i, person=number), **extra)


def spring_people():
    board = _spread(4)
    people = []
    for number in range(5):

        def value(factor_index, code, index, number=number):
            if number == 4 and factor_index == THIN_FACTOR_INDEX:
                return 0  # "don't know" to every brand statement: management's brand factor counts 4 of 5
            return board(factor_index, code, index, person=number)

        people.append(Person(team="Sales", role="Board", value=value, ambition=5))
    # Answers as board (the management-only statement with 1), then says they are front office before sending.
    changer = _spread(2)
    people.append(
        Person(
            team="Sales",
            role="Board",
            value=lambda f, c, i: 1 if c == MANAGEMENT_ONLY else changer(f, c, i, person=7),
            changes_role_to="Front office",
        )
    )
    for team, count, base in (("Sales", 6, 3), ("Service", 4, 2), ("Service North", 6, 3)):
        people += [_person(team, "Front office", base, number) for number in range(count)]
    return people


def autumn_people():
    return [_person("Sales", "Board", 3, n) for n in range(5)] + [
        _person("Service", "Front office", 2, n) for n in range(5)
    ]


def benchmark_peers(clock, model_version):
    """Four opted-in organisations made with tests.factories (their own flows are the same as ours and would
    only cost time): two answer 1 throughout and two answer 5, so on every factor our organisation's value is
    the middle one of the five peers that "Peer View" is compared with: under the old rule the median it was
    shown was our value itself; the benchmark guard now withholds it. "Peer View" itself has one closed round
    too (its own answers do not matter). Their rounds ask no roles, so every respondent is asked every
    statement, as the respondent pages would."""
    codes = [s.code for f in model_version.factors.all() for s in f.statements.all()]
    views = []
    for name, value in (("Peer Low A", 1), ("Peer Low B", 1), ("Peer High A", 5), ("Peer High B", 5), ("Peer View", 3)):
        organisation = factories.make_organisation(name=name, benchmark_opt_in=True)
        team = factories.make_team(organisation=organisation, name="All")
        assessment = factories.make_assessment(
            organisation=organisation,
            model_version=model_version,
            teams=[team],
            status="closed",
            closed_at=clock.now,
            threshold_scores=5,
        )
        factories.make_responses(assessment=assessment, answers=[dict.fromkeys(codes, value)] * 5, team=team)
        views.append(assessment)
    return views[-1]


def build(clock, model_version):
    builder = Builder(clock, model_version)
    organisation, manager = builder.organisation()

    # Spring 2026: planned ahead, opened on its day, answered, closed.
    clock.at(2026, 2, 23, 10)
    spring = builder.create_round("CX scan spring 2026", "2026-03-02", "2026-03-27")
    clock.at(2026, 3, 2, 8)
    links = builder.open_with_links(spring)
    people = {spring.title: spring_people()}
    for day, person in enumerate(people[spring.title]):
        clock.at(2026, 3, 3 + day % 20, 10, day)
        builder.respond(links, person)
    clock.at(2026, 3, 27, 17)
    builder.close(spring)

    # Autumn 2025, typed in late: created after spring, but it opened on 12 September 2025. The form refuses a
    # closing date in the past, so the manager gives one ahead and closes by hand once the answers are in.
    clock.at(2026, 4, 8, 9)
    autumn = builder.create_round("CX scan autumn 2025", "2025-09-12", "2026-04-30")
    links = builder.open_with_links(autumn)
    people[autumn.title] = autumn_people()
    for person in people[autumn.title]:
        builder.respond(links, person)
    clock.at(2026, 4, 9, 16)
    builder.close(autumn)

    clock.at(2026, 4, 10, 9)
    next_round = builder.next_round(spring)
    builder.plan_and_share(spring)
    clock.at(2026, 4, 10, 12)
    peer_view = benchmark_peers(clock, model_version)
    clock.at(2026, 4, 12, 9)
    secret = builder.api_token()
    spring.refresh_from_db()
    autumn.refresh_from_db()
    return Story(
        organisation=organisation,
        manager=manager,
        spring=spring,
        autumn=autumn,
        next_round=next_round,
        peer_view=peer_view,
        api_secret=secret,
        plan_offered_for=builder.plan_offered_for,
        people=people,
    )


def real_model_path():
    return str(settings.BASE_DIR / "models_9plus/data/nineplus.yaml")
