"""Demo organisations and people (owned by the organisations issue)."""

from typing import TypedDict

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.organisations.models import Membership, Organisation, Team
from assessments.organisations.services.members import verify_email_address
from assessments.organisations.services.organisations import create_default_roles

DEMO_PASSWORD = "demo-cxmaturity-2026"  # noqa: S105 (printed on purpose: demo logins only)


class OrganisationSpec(TypedDict):
    sector: str
    size_band: str
    accent_colour: str
    teams: list[tuple[str, str | None]]


class DemoLogin(TypedDict):
    email: str
    password: str
    role: str
    organisations: list[str]


ORGANISATIONS: dict[str, OrganisationSpec] = {
    "Zorggroep Horizon": {
        "sector": "Healthcare",
        "size_band": Organisation.SizeBand.LARGE,
        "accent_colour": "#1f7a6d",
        # (team, parent team or None), parents first
        "teams": [
            ("Directie", None),
            ("Klantenservice", None),
            ("Thuiszorg", None),
            ("Thuiszorg Noord", "Thuiszorg"),
            ("Thuiszorg Zuid", "Thuiszorg"),
            ("Planning", None),
            ("Facilitair", None),
        ],
    },
    "Energie Direct": {
        "sector": "Energy",
        "size_band": Organisation.SizeBand.MEDIUM,
        "accent_colour": "#d9822b",
        "teams": [
            ("Directie", None),
            ("Klantcontact", None),
            ("Facturatie", None),
            ("Verhuizingen", "Klantcontact"),
        ],
    },
}

# Each with a name: plans and reports show owners by name, never by e-mail address.
PEOPLE = [
    ("manager@demo.cxmaturity.nl", ("Lotte", "Bakker"), "manager", ["Zorggroep Horizon"]),
    ("consultant@demo.cxmaturity.nl", ("Joost", "van Dijk"), "consultant", ["Zorggroep Horizon", "Energie Direct"]),
    ("viewer@demo.cxmaturity.nl", ("Marieke", "de Boer"), "viewer", ["Zorggroep Horizon"]),
    ("manager2@demo.cxmaturity.nl", ("Sander", "Visser"), "manager", ["Energie Direct"]),
    ("teamleider@demo.cxmaturity.nl", ("Fatima", "El Amrani"), "team_leader", ["Zorggroep Horizon"]),
]
# The teams a demo team leader leads, per organisation (README "Team leaders").
LEADS = {("teamleider@demo.cxmaturity.nl", "Zorggroep Horizon"): ["Klantenservice"]}


def _organisation(name: str, spec: OrganisationSpec) -> Organisation:
    organisation = Organisation.objects.filter(name=name).order_by("id").first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name, sector=spec["sector"], size_band=spec["size_band"], accent_colour=spec["accent_colour"]
        )
    teams: dict[str | None, Team] = {team.name: team for team in organisation.teams.all()}
    for team_name, parent_name in spec["teams"]:
        if team_name not in teams:
            teams[team_name] = Team.objects.create(
                organisation=organisation, name=team_name, parent=teams.get(parent_name)
            )
    create_default_roles(organisation=organisation)
    return organisation


@transaction.atomic
def seed_people() -> list[DemoLogin]:
    """Create two demo organisations with a manager, a consultant (both) and a viewer.

    Idempotent: organisations, teams, default roles, users and memberships are created only
    when missing (organisations are found by name, users by email). Demo passwords ARE reset
    to DEMO_PASSWORD on every run, so the printed logins always work; a changed demo role
    is left as it is.

    Returns a list of {"email", "password", "role", "organisations": [names]}.
    """
    organisations = {name: _organisation(name, spec) for name, spec in ORGANISATIONS.items()}
    User = get_user_model()
    people: list[DemoLogin] = []
    for email, (first_name, last_name), role, org_names in PEOPLE:
        user = User.objects.filter(email__iexact=email).order_by("id").first()
        if user is None:
            user = User.objects.create_user(
                username=email, email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name
            )
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if not (user.first_name or user.last_name):  # a database seeded before the demo people had names
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        verify_email_address(user=user, email=email)
        for name in org_names:
            membership, created = Membership.objects.get_or_create(
                user=user, organisation=organisations[name], defaults={"role": role}
            )
            if created and membership.is_team_leader:
                membership.teams.set(organisations[name].teams.filter(name__in=LEADS.get((email, name), [])))
        people.append(DemoLogin(email=email, password=DEMO_PASSWORD, role=role, organisations=org_names))
    return people
