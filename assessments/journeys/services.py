"""Writes of journeys and moments, each in a transaction and in the organisation's activity log; tying a
new customer link of a round's customer check to a moment."""

from django.db import transaction
from django.db.models import Max

from assessments.core.http import AnyUser
from assessments.journeys.models import Journey, Moment, MomentLink
from assessments.organisations.models import Organisation, Team
from assessments.organisations.services import activity
from assessments.outside_in import services as customer_services
from assessments.outside_in.models import CustomerCheck, CustomerLink
from assessments.questionnaire.models import Assessment

UP, DOWN = "up", "down"


def create_journey(
    *, organisation: Organisation, actor: AnyUser, name_en: str, name_nl: str, description_en: str, description_nl: str
) -> Journey:
    with transaction.atomic():
        journey = Journey.objects.create(
            organisation=organisation,
            name_en=name_en,
            name_nl=name_nl,
            description_en=description_en,
            description_nl=description_nl,
        )
        activity.record(organisation=organisation, actor=actor, verb="created", obj=journey)
    return journey


def update_journey(
    *, journey: Journey, actor: AnyUser, name_en: str, name_nl: str, description_en: str, description_nl: str
) -> Journey:
    with transaction.atomic():
        journey.name_en, journey.name_nl = name_en, name_nl
        journey.description_en, journey.description_nl = description_en, description_nl
        journey.save(update_fields=["name_en", "name_nl", "description_en", "description_nl"])
        activity.record(organisation=journey.organisation, actor=actor, verb="updated", obj=journey)
    return journey


def delete_journey(*, journey: Journey, actor: AnyUser) -> None:
    """Deletes the journey and its moments; the customer links and their answers stay in their rounds."""
    with transaction.atomic():
        activity.record(organisation=journey.organisation, actor=actor, verb="deleted", obj=journey.name_en)
        journey.delete()


def create_moment(
    *, journey: Journey, actor: AnyUser, name_en: str, name_nl: str, team: Team | None, target: str
) -> Moment:
    with transaction.atomic():
        Journey.objects.select_for_update().filter(pk=journey.pk).first()  # one position per moment
        last = journey.moments.aggregate(last=Max("position"))["last"]
        moment = Moment.objects.create(
            journey=journey,
            name_en=name_en,
            name_nl=name_nl,
            team=team,
            target=target,
            position=0 if last is None else last + 1,
        )
        activity.record(organisation=journey.organisation, actor=actor, verb="created", obj=moment, detail=str(journey))
    return moment


def update_moment(
    *, moment: Moment, actor: AnyUser, name_en: str, name_nl: str, team: Team | None, target: str
) -> Moment:
    with transaction.atomic():
        moment.name_en, moment.name_nl, moment.team, moment.target = name_en, name_nl, team, target
        moment.save(update_fields=["name_en", "name_nl", "team", "target"])
        activity.record(organisation=moment.journey.organisation, actor=actor, verb="updated", obj=moment)
    return moment


def delete_moment(*, moment: Moment, actor: AnyUser) -> None:
    """Deletes the moment; its customer links stay in their rounds' customer checks, untied."""
    with transaction.atomic():
        journey = moment.journey
        activity.record(organisation=journey.organisation, actor=actor, verb="deleted", obj=moment.name_en)
        moment.delete()
        _renumber(journey)


def _renumber(journey: Journey) -> None:
    for position, moment in enumerate(journey.moments.order_by("position", "pk")):
        if moment.position != position:
            moment.position = position
            moment.save(update_fields=["position"])


def move_moment(*, moment: Moment, actor: AnyUser, direction: str) -> Moment:
    """One place up or down in the journey; the first cannot go up nor the last down (nothing happens)."""
    if direction not in (UP, DOWN):
        raise ValueError(f"unknown direction {direction!r}")
    with transaction.atomic():
        journey = moment.journey
        Journey.objects.select_for_update().filter(pk=journey.pk).first()
        _renumber(journey)
        ordered = list(journey.moments.order_by("position", "pk"))
        index = next(i for i, m in enumerate(ordered) if m.pk == moment.pk)
        other = index - 1 if direction == UP else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
            for position, item in enumerate(ordered):
                if item.position != position:
                    item.position = position
                    item.save(update_fields=["position"])
            activity.record(
                organisation=journey.organisation, actor=actor, verb="updated", obj=moment, detail=direction
            )
        moment.refresh_from_db()
    return moment


def add_moment_link(
    *, moment: Moment, check: CustomerCheck, actor: AnyUser, label: str, max_responses: int | None
) -> CustomerLink:
    """A new customer link in the round's customer check, tied to the moment (for its QR code at the desk)."""
    with transaction.atomic():
        link = customer_services.create_link(check=check, actor=actor, label=label, max_responses=max_responses)
        MomentLink.objects.create(moment=moment, link=link)
    return link


def record_export(*, assessment: Assessment, actor: AnyUser, filename: str) -> None:
    with transaction.atomic():
        activity.record(
            organisation=assessment.organisation, actor=actor, verb="exported", obj=assessment, detail=filename
        )
