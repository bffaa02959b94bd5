"""The demo's loop from diagnosis to action: an earlier round, an action plan partly done, shared results.

Adds "CX-scan najaar 2025" before the spring scan (linked as its previous round) with weaker answers on
the factors the plan worked on, then an action plan made from that round's priorities: some actions
done before the spring scan, some in progress, one overdue. Idempotent: rows are found by title.
"""

import datetime

from django.db.models import F
from django.utils import timezone

from assessments.actions.models import ActionEvent, PlanAction
from assessments.actions.services.plan import success_measures
from assessments.organisations.models import Membership
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from assessments.scoring.rounding import display_round
from models_9plus.models import Factor

EARLIER_TITLE = "CX-scan najaar 2025"
# Factors the plan improved: half the people answered them a point lower in the earlier round.
IMPROVED = ("emotional_feedback", "customer_journey", "customer_steering_themes")
# The 9+ model's factor order, so a model with other codes (tests) still gets a plan.
NINE_PLUS_ORDER = (
    "customer_strategy",
    "brand_connection",
    "employee_empowerment",
    "customer_journey",
    "service_experience_design",
    "customer_steering_themes",
    "emotional_feedback",
)


def _factor_codes(version):
    """{9+ code: this version's factor code}: the same code, or the factor in the same position."""
    codes = list(Factor.objects.filter(version=version).order_by("order").values_list("code", flat=True))
    return {nine: nine if nine in codes else codes[i % len(codes)] for i, nine in enumerate(NINE_PLUS_ORDER) if codes}


def _measures(result, factor):
    """The success measure "Add to plan" proposes (the factor's score at the next round, 5 points up), in both
    languages, so every reader sees it in their own."""
    stats = result.organisation.factor(factor)
    target = display_round((stats.score if stats.score is not None else 0) + 5)
    measures = success_measures(result=result, factor_code=factor, target=target)
    return {
        "success_measure": measures["nl"],
        "success_measure_en": measures["en"],
        "success_measure_nl": measures["nl"],
    }


PLAN = [
    # title, factor, status, owner ("manager" or a name), due, done (days after the earlier round; open work's
    # due date is counted from today instead, see _due)
    ("Maandelijks een klantverhaal bespreken in elk teamoverleg", "emotional_feedback", "done", "manager", 60, 45),
    (
        "Klantreis ‘eerste afspraak’ samen met cliënten in kaart brengen",
        "customer_journey",
        "done",
        "Sanne de Vries",
        90,
        80,
    ),
    (
        "Drie klantthema’s kiezen en elk kwartaal op het MT bespreken",
        "customer_steering_themes",
        "done",
        "manager",
        75,
        70,
    ),
    (
        "Klachten binnen twee werkdagen persoonlijk terugbellen",
        "emotional_feedback",
        "in_progress",
        "Ahmed Yilmaz",
        210,
        None,
    ),
    (
        "Medewerkers een eigen budget geven om iets extra’s te doen",
        "employee_empowerment",
        "planned",
        "manager",
        260,
        None,
    ),
    (
        "Servicebelofte herschrijven in de woorden van cliënten",
        "brand_connection",
        "planned",
        "Sanne de Vries",
        400,
        None,
    ),
    ("Dashboard met klantsignalen per locatie", "customer_steering_themes", "dropped", "", 120, None),
]


def _earlier_round(*, organisation, spring, closed_round, rng):
    earlier = Assessment.objects.filter(organisation=organisation, title=EARLIER_TITLE).first()
    if earlier is not None:
        return earlier
    closes = spring.opens_at - datetime.timedelta(days=150)
    # Half the people answered the factors the plan later worked on a point lower, as they answered it
    # then: given through the questionnaire like every demo answer, never changed after submit.
    return closed_round(
        organisation=organisation,
        version=spring.model_version,
        title=EARLIER_TITLE,
        opens=closes - datetime.timedelta(days=21),
        closes=closes,
        respondents=max(spring.responses.count() - 6, 12),
        rng=rng,
        lower=tuple(_factor_codes(spring.model_version).get(code) for code in IMPROVED),
        reopen=False,
        summary_published_at=closes + datetime.timedelta(days=14),
        results_sharing_note="In de teamoverleggen van november en op het intranet.",
    )


def _due(start, days, status):
    """Finished work keeps its historic date; open work is due around today, one of it just overdue."""
    if status in (PlanAction.Status.DONE, PlanAction.Status.DROPPED):
        return (start + datetime.timedelta(days=days)).date()
    return timezone.localdate() + datetime.timedelta(days=days - 220)


def seed_plan(*, organisation, spring, closed_round, rng):
    """The earlier round, the spring scan linked to it, and the action plan between them.

    closed_round: rounds.closed_round (passed in: rounds imports this module)."""
    earlier = _earlier_round(organisation=organisation, spring=spring, closed_round=closed_round, rng=rng)
    if spring.previous_id is None:
        Assessment.objects.filter(pk=spring.pk).update(
            previous=earlier,
            data_version=F("data_version") + 1,
            results_sharing_note="In de nieuwsbrief van mei en in de teamoverleggen.",
        )
    if PlanAction.objects.filter(organisation=organisation).exists():
        return
    manager = Membership.objects.filter(organisation=organisation, role=Membership.Role.MANAGER).first()
    names = dict(Factor.objects.filter(version=earlier.model_version).values_list("code", "name_en"))
    names_nl = dict(Factor.objects.filter(version=earlier.model_version).values_list("code", "name_nl"))
    start = earlier.closed_at
    codes = _factor_codes(earlier.model_version)
    result = score_assessment(assessment=earlier)
    for title, nine_plus_code, status, owner, due, done in PLAN:
        factor = codes.get(nine_plus_code)
        if factor not in names:
            continue
        action = PlanAction.objects.create(
            organisation=organisation,
            assessment=earlier,
            title=title,
            factor_code=factor,
            factor_name_en=names[factor],
            factor_name_nl=names_nl[factor],
            owner=manager if owner == "manager" else None,
            owner_name="" if owner == "manager" else owner,
            due_date=_due(start, due, status),
            status=status,
            **_measures(result, factor),
            completed_at=start + datetime.timedelta(days=done) if done else None,
            created_by=manager.user if manager else None,
        )
        created = start + datetime.timedelta(days=7)
        PlanAction.objects.filter(pk=action.pk).update(created_at=created)
        ActionEvent.objects.create(action=action, actor=action.created_by, new_value=title)
        if status != PlanAction.Status.PLANNED:
            ActionEvent.objects.create(
                action=action, actor=action.created_by, field="status", old_value="planned", new_value=status
            )
