"""Demo customer journeys of Zorggroep Horizon (idempotent), made through the journeys' services as a
manager would: two journeys with their moments, owning teams and targets, and a customer link per moment in
the closed spring round's customer check. The customers' answers tell a story: the intake misses the basics,
the first care visit is a 9+ moment, the other moments are reliable basics. The round is closed, so the
answers are written as the customer check's demo writes its own (customers.py), not through the public form.
"""

import datetime
import random

from django.contrib.auth.models import AnonymousUser

from assessments.core.http import AnyUser
from assessments.journeys import services
from assessments.journeys.models import Journey
from assessments.organisations.models import Membership
from assessments.outside_in.models import CustomerCheck, CustomerLink, CustomerResponse
from assessments.questionnaire.models import Assessment

SEED = 2028
# (name en, name nl, team, target, grade weights 1..10, customers, open answers in Dutch)
Moment = tuple[str, str, str, str, list[int], int, list[str]]
JOURNEYS: list[tuple[str, str, str, str, list[Moment]]] = [
    (
        "Start of home care",
        "Start thuiszorg",
        "From the first call to the first care visit at home.",
        "Van het eerste telefoontje tot het eerste zorgbezoek thuis.",
        [
            (
                "First call",
                "Eerste telefoontje",
                "Klantenservice",
                "basics",
                [0, 0, 0, 0, 1, 1, 12, 12, 4, 1],
                34,
                ["Vriendelijk te woord gestaan.", "Snel iemand aan de lijn."],
            ),
            (
                "Intake visit",
                "Intakegesprek",
                "Thuiszorg Zuid",
                "basics",
                [0, 1, 3, 5, 8, 9, 7, 5, 2, 1],
                38,
                [
                    "Niemand wist wanneer de intake zou zijn.",
                    "Ik moest mijn verhaal twee keer vertellen.",
                    "De afspraak werd op het laatste moment verzet.",
                ],
            ),
            (
                "First care visit",
                "Eerste zorgbezoek",
                "Thuiszorg",
                "nine_plus",
                [0, 0, 0, 0, 0, 1, 2, 6, 14, 13],
                36,
                ["Ze nam echt de tijd voor mijn moeder.", "Ze wist al wat mijn vader graag drinkt. Fantastisch!"],
            ),
        ],
    ),
    (
        "Invoices and questions",
        "Facturen en vragen",
        "",
        "",
        [
            (
                "Invoice",
                "Factuur",
                "Facilitair",
                "basics",
                [0, 0, 0, 0, 0, 2, 14, 10, 3, 1],
                32,
                ["Duidelijke factuur."],
            ),
            (
                "Question about the invoice",
                "Vraag over de factuur",
                "Klantenservice",
                "basics",
                [0, 0, 0, 0, 1, 2, 11, 11, 3, 1],
                31,
                [],
            ),
        ],
    ),
]


def link_ordinal(link_id: int) -> int:
    """A customer link's position among all customer links: its id on a fresh database, whatever the database's
    sequences made before (PostgreSQL's survive rolled-back tests), so the demo tells the same story every time."""
    return CustomerLink.objects.filter(pk__lte=link_id).count()


def _answers(check: CustomerCheck, link_id: int, weights: list[int], count: int, texts: list[str]) -> None:
    rng = random.Random(f"{SEED}-{link_ordinal(link_id)}")  # noqa: S311 (synthetic demo data, not security)
    rows = []
    for i in range(count):
        grade = rng.choices(range(1, 11), weights=weights)[0]
        rows.append(
            CustomerResponse(
                link_id=link_id,
                language="nl" if rng.random() < 0.85 else "en",
                submitted_on=datetime.date(2026, 4, rng.randint(1, 28)),
                grade=grade,
                effort=max(1, min(7, grade - 3 + rng.choice([-1, 0, 1]))),
                recommend=max(0, min(10, grade + rng.choice([-1, 0, 0, 1]))),
                open_answer=texts[i] if i < len(texts) else "",
            )
        )
    CustomerResponse.objects.bulk_create(rows)


def seed_journeys(*, assessment: Assessment) -> list[Journey]:
    """The two demo journeys; nothing happens when the organisation has journeys already."""
    organisation = assessment.organisation
    existing = list(organisation.journeys.all())
    check = CustomerCheck.objects.filter(assessment=assessment).first()
    if existing or check is None:
        return existing
    teams = {team.name: team for team in organisation.teams.all()}
    manager = Membership.objects.filter(organisation=organisation, role=Membership.Role.MANAGER).order_by("pk").first()
    actor: AnyUser = manager.user if manager is not None else AnonymousUser()
    journeys = []
    for name_en, name_nl, description_en, description_nl, moments in JOURNEYS:
        journey = services.create_journey(
            organisation=organisation,
            actor=actor,
            name_en=name_en,
            name_nl=name_nl,
            description_en=description_en,
            description_nl=description_nl,
        )
        for m_en, m_nl, team, target, weights, count, texts in moments:
            moment = services.create_moment(
                journey=journey, actor=actor, name_en=m_en, name_nl=m_nl, team=teams.get(team), target=target
            )
            link = services.add_moment_link(
                moment=moment, check=check, actor=actor, label=f"{name_nl} · {m_nl}", max_responses=None
            )
            _answers(check, link.pk, weights, count, texts)
        journeys.append(journey)
    return journeys
