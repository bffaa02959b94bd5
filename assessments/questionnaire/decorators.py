"""Opening an assessment's member pages: `@assessment_page(manage=...)` hands the view (assessment, membership)."""

from collections.abc import Callable
from typing import Any

from assessments.organisations.decorators import View, member_page
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.access import get_assessment_for


def _open_assessment(
    user: Any, kwargs: dict[str, Any], manage: bool, leaders: bool
) -> tuple[Any, Membership, Organisation]:
    assessment, membership = get_assessment_for(
        user=user, public_id=kwargs.pop("assessment"), manage=manage, leaders=leaders
    )
    return assessment, membership, assessment.organisation


def assessment_page(*, manage: bool = False, leaders: bool = False) -> Callable[[View], View]:
    """/a/<assessment>/…: the view gets (request, assessment, membership); `leaders` admits team leaders,
    and the view then scopes itself to their teams."""
    return member_page(_open_assessment, manage=manage, leaders=leaders)
