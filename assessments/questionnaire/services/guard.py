"""The guard of open team links: a response cap per link, the answer fingerprint that reveals copied
answer patterns, and the manager's reversible exclusion of a suspicious response from scoring.

Excluded responses stay in the database (nothing is lost, the decision can be undone); scoring, exports
and the response rate leave them out, and the progress page counts them separately.
"""

import hashlib
from uuid import UUID

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Answer, Assessment, Response, TeamLink


class LinkFull(Exception):
    """The team link already has as many responses as its cap allows."""


def counted_link_responses(*, team_link: TeamLink) -> int:
    """Submitted, not excluded responses that came through this team link."""
    return Response.objects.filter(
        assessment_id=team_link.assessment_id,
        team_id=team_link.team_id,
        from_team_link=True,
        submitted_at__isnull=False,
        excluded_at__isnull=True,
    ).count()


def check_link_room(*, team_link: TeamLink, lock: bool = False) -> None:
    """Raises LinkFull when the link's cap is reached. With lock=True (inside a transaction) the link row
    is locked first, so two last submissions at once cannot both take the final place."""
    if lock:
        team_link = TeamLink.objects.select_for_update().get(pk=team_link.pk)
    if counted_link_responses(team_link=team_link) >= team_link.response_cap:
        raise LinkFull


def answers_fingerprint(*, response: Response) -> str:
    """A hash of the complete answer pattern: equal patterns give equal fingerprints."""
    rows = Answer.objects.filter(response=response).order_by("statement_id")
    pattern = ";".join(f"{s}:{c}:{a}" for s, c, a in rows.values_list("statement_id", "current", "ambition"))
    return hashlib.sha256(f"{response.assessment_id}|{pattern}".encode()).hexdigest()


@transaction.atomic
def update_response_cap(*, team_link: TeamLink, response_cap: int, actor: User) -> TeamLink:
    if response_cap < 1:
        raise ValidationError({"response_cap": _("A link needs room for at least one response.")})
    locked = TeamLink.objects.select_for_update().select_related("assessment", "team").get(pk=team_link.pk)
    if locked.response_cap == response_cap:
        return locked
    locked.response_cap = response_cap
    locked.save(update_fields=["response_cap"])
    activity.record(
        organisation=locked.assessment.organisation,
        actor=actor,
        verb="updated",
        obj=locked.assessment,
        detail=f"open link of {locked.team.name}: at most {response_cap} responses",
    )
    return locked


def _set_excluded(*, assessment: Assessment, response_id: UUID | str, actor: User, excluded: bool) -> Response:
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",))
            .filter(assessment=assessment, public_id=response_id, submitted_at__isnull=False)
            .first()
        )
        if response is None:
            raise ValidationError(_("This response does not exist or has not been submitted."))
        if (response.excluded_at is not None) == excluded:
            return response  # a repeated click changes nothing
        response.excluded_at = timezone.now() if excluded else None
        response.save(update_fields=["excluded_at"])
        bump_data_version(assessment_ids=[assessment.pk])
        # The log names no team or time of the response: only that one was excluded or restored.
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="excluded_response" if excluded else "restored_response",
            obj=assessment,
            detail=f"response {str(response.public_id)[:8]}",
        )
    return response


def exclude_response(*, assessment: Assessment, response_id: UUID | str, actor: User) -> Response:
    """Leaves a submitted response out of scoring (reversible with `include_response`)."""
    return _set_excluded(assessment=assessment, response_id=response_id, actor=actor, excluded=True)


def include_response(*, assessment: Assessment, response_id: UUID | str, actor: User) -> Response:
    return _set_excluded(assessment=assessment, response_id=response_id, actor=actor, excluded=False)
