"""Reads the REST API shows of assessments and invitations, always within the organisations it is given.

The API's views ask here instead of querying themselves; the counts match what the API has always
reported (every submitted response, excluded ones included), not the manager page's.
"""

import datetime
from uuid import UUID

from django.db.models import QuerySet

from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment, Invitation, Response
from assessments.questionnaire.selectors.assessments import _count_subquery


def _with_counts(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return assessments.annotate(
        invited_count=_count_subquery(Invitation),
        completed_count=_count_subquery(Invitation, completed_on__isnull=False),
        submitted_count=_count_subquery(Response, submitted_at__isnull=False),
    )


def assessments_among(
    *,
    organisations: QuerySet[Organisation],
    with_counts: bool = False,
    organisation: UUID | None = None,
    status: str | None = None,
    created_after: datetime.date | None = None,
    created_before: datetime.date | None = None,
) -> QuerySet[Assessment]:
    """The organisations' assessments, newest first, narrowed by the filters given."""
    assessments = (
        Assessment.objects.filter(organisation__in=organisations)
        .select_related("organisation", "model_version__model")
        .order_by("-created_at", "-pk")
    )
    lookups = {
        "organisation__public_id": organisation,
        "status": status,
        "created_at__date__gte": created_after,
        "created_at__date__lte": created_before,
    }
    assessments = assessments.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})
    return _with_counts(assessments) if with_counts else assessments


def assessment_with_counts(*, organisations: QuerySet[Organisation], pk: int) -> Assessment:
    return assessments_among(organisations=organisations, with_counts=True).get(pk=pk)


def assessment_among(*, organisations: QuerySet[Organisation], public_id: UUID | str) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation__in=organisations, public_id=public_id)
        .select_related("organisation")
        .first()
    )


def assessment_of(*, organisation: Organisation, public_id: UUID | str) -> Assessment | None:
    return Assessment.objects.filter(organisation=organisation, public_id=public_id).first()


def no_invitations() -> QuerySet[Invitation]:
    """An empty list (the API's schema generation has no assessment to ask for)."""
    return Invitation.objects.none()


def invitations_of(*, assessment: Assessment) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(assessment=assessment)
        .select_related("assessment", "team", "role")
        .order_by("team__name", "email", "pk")
    )


def invitations_among(*, organisations: QuerySet[Organisation]) -> QuerySet[Invitation]:
    return Invitation.objects.filter(assessment__organisation__in=organisations).select_related(
        "assessment__organisation", "team", "role"
    )
