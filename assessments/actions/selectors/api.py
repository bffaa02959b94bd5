"""Reads the REST API shows of action plans, always within the organisations it is given."""

from django.db.models import QuerySet

from assessments.actions.models import PlanAction
from assessments.organisations.models import Organisation


def no_actions() -> QuerySet[PlanAction]:
    """An empty list (the API's schema generation has no organisation to ask for)."""
    return PlanAction.objects.none()


def actions_among(*, organisations: QuerySet[Organisation]) -> QuerySet[PlanAction]:
    return PlanAction.objects.filter(organisation__in=organisations).select_related(
        "organisation", "assessment", "owner__user"
    )


def action_among(*, organisations: QuerySet[Organisation], pk: int) -> PlanAction:
    """One action read again after a change, with what its serializer shows."""
    return actions_among(organisations=organisations).get(pk=pk)
