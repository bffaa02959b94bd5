"""Who may open an assessment: its organisation's members (404 for everyone else, 403 for viewers who change)."""

from uuid import UUID

from django.http import Http404

from assessments.core.http import AnyUser
from assessments.organisations.access import check_membership, membership_for
from assessments.organisations.models import Membership
from assessments.questionnaire.models import Assessment


def get_assessment_for(
    *, user: AnyUser, public_id: UUID | str, manage: bool = False, leaders: bool = False
) -> tuple[Assessment, Membership]:
    assessment = (
        Assessment.objects.select_related("organisation", "model_version__model").filter(public_id=public_id).first()
    )
    if assessment is None:
        raise Http404
    membership = check_membership(
        membership_for(user=user, organisation=assessment.organisation), manage=manage, leaders=leaders
    )
    return assessment, membership
