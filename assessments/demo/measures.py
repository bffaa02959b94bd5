"""Demo customer success measures of Zorggroep Horizon (idempotent), made through the services a manager uses:
the earlier round ("CX-scan najaar 2025") gets a customer check of its own with links at two moments (the
first wave), so the spring scan is the second wave. Three actions carry a customer measure:
- the journey mapping of the first appointment (done): the 9+ share at the first care visit, which moved well
  beyond the margin of error;
- the monthly customer story (done): the 7+ share at the intake visit, which stayed within the margin;
- calling back complaints within two working days (in progress): a share the organisation counts itself.
The customers' answers of the closed round are written as the journeys' demo writes them (journeys.py)."""

import datetime
import random

from django.contrib.auth.models import AnonymousUser

from assessments.actions.models import PlanAction
from assessments.core.http import AnyUser
from assessments.demo.journeys import link_ordinal
from assessments.journeys import services as journey_services
from assessments.journeys.measures import services
from assessments.journeys.models import Moment, MomentMeasure
from assessments.organisations.models import Membership, Organisation
from assessments.outside_in import services as customer_services
from assessments.outside_in.models import CustomerResponse
from assessments.questionnaire.models import Assessment

SEED = 2029
# moment (en), grade weights 1..10 in the earlier round, customers
AUTUMN = {
    "First care visit": ([0, 0, 0, 0, 1, 2, 9, 13, 6, 3], 37),
    "Intake visit": ([0, 1, 4, 6, 8, 9, 6, 5, 2, 1], 36),
}
# action title prefix, moment (en), metric, target, description
MEASURES = [
    ("Klantreis", "First care visit", MomentMeasure.Metric.NINE_PLUS, 50.0, ""),
    ("Maandelijks een klantverhaal", "Intake visit", MomentMeasure.Metric.BASICS, 80.0, ""),
    (
        "Klachten binnen twee werkdagen",
        "Intake visit",
        MomentMeasure.Metric.RECORDED,
        90.0,
        "ontevreden cliënten binnen twee werkdagen teruggebeld",
    ),
]
# (hits, count) of the recorded measure per wave: earlier round, spring scan
RECORDED = ((14, 41), (31, 44))


def _autumn_answers(link_id: int, on: datetime.date, weights: list[int], count: int) -> None:
    rng = random.Random(f"{SEED}-{link_ordinal(link_id)}")  # noqa: S311 (synthetic demo data, not security)
    rows = []
    for _i in range(count):
        grade = rng.choices(range(1, 11), weights=weights)[0]
        rows.append(
            CustomerResponse(
                link_id=link_id,
                language="nl",
                submitted_on=on - datetime.timedelta(days=rng.randint(0, 20)),
                grade=grade,
                effort=max(1, min(7, grade - 3 + rng.choice([-1, 0, 1]))),
                recommend=max(0, min(10, grade + rng.choice([-1, 0, 0, 1]))),
            )
        )
    CustomerResponse.objects.bulk_create(rows)


def seed_measures(*, organisation: Organisation, earlier: Assessment, spring: Assessment) -> list[MomentMeasure]:
    """Nothing happens when the organisation's plan has customer measures already (or lacks the journeys)."""
    done = list(MomentMeasure.objects.filter(action__organisation=organisation))
    moments = {m.name_en: m for m in Moment.objects.filter(journey__organisation=organisation)}
    if done or not set(AUTUMN) <= set(moments) or not hasattr(spring, "customer_check"):
        return done
    manager = Membership.objects.filter(organisation=organisation, role=Membership.Role.MANAGER).order_by("pk").first()
    actor: AnyUser = manager.user if manager is not None else AnonymousUser()
    check = customer_services.enable_check(assessment=earlier, actor=actor, min_responses=30)
    assert earlier.closed_at is not None  # made by rounds.closed_round
    for name, (weights, count) in AUTUMN.items():
        moment = moments[name]
        link = journey_services.add_moment_link(
            moment=moment,
            check=check,
            actor=actor,
            label=f"{moment.journey.name_nl} · {moment.name_nl}",
            max_responses=None,
        )
        _autumn_answers(link.pk, earlier.closed_at.date(), weights, count)
    actions = list(PlanAction.objects.filter(organisation=organisation))
    measures = []
    for prefix, moment_name, metric, target, description in MEASURES:
        action = next((a for a in actions if a.title.startswith(prefix)), None)
        if action is None:
            continue
        measure = services.set_measure(
            action=action,
            actor=actor,
            moment=moments[moment_name],
            metric=metric,
            target=target,
            description=description,
            baseline=earlier,
        )
        if metric == MomentMeasure.Metric.RECORDED:
            for wave, (hits, cases) in zip((earlier, spring), RECORDED, strict=True):
                services.record_figure(measure=measure, actor=actor, assessment=wave, hits=hits, count=cases)
        measures.append(measure)
    return measures
