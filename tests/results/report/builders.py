"""A realistic assessment for report tests: teams of different sizes, management and staff, a previous round.

`build_scenario(model_version=...)` works with the small test model (factories.make_model_version) and with
the shipped 9+ model. The team "Legal" has fewer respondents than the threshold: the report must not name it.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from models_9plus.models import Statement
from tests import factories

HIDDEN_TEAM = "Legal"


@dataclass
class Scenario:
    organisation: object
    assessment: object
    previous: object
    teams: dict
    comment: str


def _answers(*, codes_by_factor, count, rng, bias, ambition=True, dont_know=0.03):
    """`count` respondents; factor i gets mean `bias[i]` on the 1..5 scale with some spread."""
    answers = []
    for _ in range(count):
        given = {}
        for index, codes in enumerate(codes_by_factor):
            centre = bias[index % len(bias)] + rng.gauss(0, 0.45)
            for code in codes:
                if rng.random() < dont_know:
                    given[code] = (0, None)
                    continue
                current = min(5, max(1, round(rng.gauss(centre, 0.7))))
                wish = min(5, max(current, round(rng.gauss(centre + 1.1, 0.5)))) if ambition else None
                given[code] = (current, wish)
        answers.append(given)
    return answers


def build_scenario(
    *, model_version, organisation=None, seed=7, comment="Our onboarding journey still feels fragmented."
):
    rng = random.Random(seed)
    organisation = organisation or factories.make_organisation(name="Acme Care")
    codes_by_factor = []
    for factor in model_version.factors.order_by("order"):
        codes_by_factor.append(
            list(Statement.objects.filter(factor=factor).order_by("order").values_list("code", flat=True))
        )
    teams = {
        "Customer Service": factories.make_team(organisation=organisation, name="Customer Service"),
        "Sales": factories.make_team(organisation=organisation, name="Sales"),
        "Operations": factories.make_team(organisation=organisation, name="Operations"),
        HIDDEN_TEAM: factories.make_team(organisation=organisation, name=HIDDEN_TEAM),
    }
    board = factories.make_role(organisation=organisation, name="Management", is_management=True, order=0)
    staff = factories.make_role(organisation=organisation, name="Front office", order=1)

    now = timezone.now()
    previous = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=list(teams.values()),
        roles=[board, staff],
        status="closed",
        title="CX scan 2025",
        opens_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=380),
        closed_at=now - timedelta(days=380),
    )
    factories.make_responses(
        assessment=previous,
        answers=_answers(codes_by_factor=codes_by_factor, count=12, rng=rng, bias=[2.4, 2.9, 2.2, 2.6, 3.0, 2.1, 2.5]),
        team=teams["Customer Service"],
        role=staff,
    )
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=list(teams.values()),
        roles=[board, staff],
        status="closed",
        title="CX scan 2026",
        previous=previous,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        closed_at=now - timedelta(days=2),
    )
    plan = [
        ("Customer Service", staff, 14, [3.1, 3.6, 2.6, 3.3, 3.7, 2.5, 3.0]),
        ("Customer Service", board, 3, [3.9, 4.1, 3.6, 3.8, 4.2, 3.5, 3.9]),
        ("Sales", staff, 8, [3.4, 3.2, 2.8, 2.9, 3.3, 2.8, 2.6]),
        ("Sales", board, 3, [4.0, 3.9, 3.5, 3.6, 4.0, 3.4, 3.5]),
        ("Operations", staff, 9, [2.7, 3.0, 2.4, 2.6, 3.1, 2.2, 2.9]),
        (HIDDEN_TEAM, staff, 2, [4.8, 4.8, 4.8, 4.8, 4.8, 4.8, 4.8]),
    ]
    first = True
    for team_name, role, count, bias in plan:
        answers = _answers(codes_by_factor=codes_by_factor, count=count, rng=rng, bias=bias)
        comments = None
        if first:
            factor_code = model_version.factors.order_by("order").first().code
            comments = [{factor_code: comment}, {factor_code: "We celebrate customer stories every Friday."}]
            first = False
        factories.make_responses(
            assessment=assessment, answers=answers, team=teams[team_name], role=role, comments=comments
        )
    return Scenario(organisation=organisation, assessment=assessment, previous=previous, teams=teams, comment=comment)


def build_large_org(*, model_version, teams=200, per_team=5, seed=11, name="Large Co"):
    """An organisation of `teams` teams of `per_team` respondents each (above the threshold at 5), every team
    with its own level so the ranking is clear: team "Team 001" is the weakest, the last team the strongest."""
    rng = random.Random(seed)
    organisation = factories.make_organisation(name=name)
    codes_by_factor = [
        list(Statement.objects.filter(factor=factor).order_by("order").values_list("code", flat=True))
        for factor in model_version.factors.order_by("order")
    ]
    made = [factories.make_team(organisation=organisation, name=f"Team {i:03d}") for i in range(1, teams + 1)]
    staff = factories.make_role(organisation=organisation, name="Front office")
    now = timezone.now()
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=made,
        roles=[staff],
        status="closed",
        title="CX scan large",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        closed_at=now - timedelta(days=2),
    )
    for position, team in enumerate(made):
        centre = 1.6 + 2.8 * position / max(1, teams - 1)
        answers = _answers(
            codes_by_factor=codes_by_factor, count=per_team, rng=rng, bias=[centre], ambition=False, dont_know=0
        )
        factories.make_responses(assessment=assessment, answers=answers, team=team, role=staff)
    return Scenario(
        organisation=organisation, assessment=assessment, previous=None, teams={t.name: t for t in made}, comment=""
    )
