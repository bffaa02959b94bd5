"""Read-only links to one assessment's report for people without an account (a board member).

The token is shown once, when the link is made; the database keeps only its hash (core/tokens.py).
Revoking is final; an expired or revoked link answers 410 (see actions/views/board.py).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.actions.models import BoardLink
from assessments.actions.selectors.board_links import shareable_groups
from assessments.core.http import AnyUser
from assessments.core.tokens import hash_token, new_token
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment


@transaction.atomic
def create_board_link(
    *,
    assessment: Assessment,
    actor: AnyUser,
    label: str,
    shows: str,
    days: int,
    group_key: str = "",
    now: datetime.datetime | None = None,
) -> tuple[BoardLink, str]:
    """A new link and its token (the only time the token exists outside the visitor's address bar).

    With `group_key` the link shows that team's or role's "top three for you" page (and nothing else); only a
    group the anonymity rules show may be chosen (`shareable_groups`).
    """
    if days not in BoardLink.EXPIRY_DAYS:
        raise ValidationError(_("Choose how long the link works: 7, 30 or 90 days."))
    if shows not in BoardLink.Shows.values:
        raise ValidationError(_("Choose what the link shows."))
    if group_key:
        result = score_assessment(assessment=assessment)
        if group_key not in {key for key, _label in shareable_groups(result=result, language="en")}:
            raise ValidationError(
                _(
                    "This group's page cannot be shared: too few people answered in it, or its figures could be "
                    "worked out from other groups."
                )
            )
        shows = BoardLink.Shows.PAGE
    now = now or timezone.now()
    token = new_token()
    link = BoardLink.objects.create(
        assessment=assessment,
        token_hash=hash_token(token, purpose=BoardLink.TOKEN_PURPOSE),
        label=label.strip(),
        shows=shows,
        group_key=group_key,
        created_by=actor if actor.is_authenticated else None,
        expires_at=now + datetime.timedelta(days=days),
    )
    activity.record(
        organisation=assessment.organisation, actor=actor, verb="board_link_created", obj=assessment, detail=link.label
    )
    return link, token


@transaction.atomic
def revoke_board_link(*, link: BoardLink, actor: AnyUser, now: datetime.datetime | None = None) -> BoardLink:
    """Stops the link at once; revoking twice is harmless (the first moment is kept)."""
    changed = BoardLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now or timezone.now())
    link.refresh_from_db(fields=["revoked_at"])
    if changed:
        assessment = link.assessment
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="board_link_withdrawn",
            obj=assessment,
            detail=link.label,
        )
    return link


def record_board_link_use(*, link: BoardLink, now: datetime.datetime | None = None) -> None:
    """Counts one visit (page or PDF) in a single UPDATE: concurrent visits are all counted."""
    now = now or timezone.now()
    with transaction.atomic():
        BoardLink.objects.filter(pk=link.pk).update(use_count=F("use_count") + 1, last_used_at=now)
    link.use_count += 1
    link.last_used_at = now
