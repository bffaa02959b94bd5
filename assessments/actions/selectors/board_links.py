"""Reads for the read-only board links: the manager's list and the visitor's look-up by token."""

import datetime
import hmac
from uuid import UUID

from django.utils import timezone, translation
from django.utils.translation import gettext

from assessments.actions.models import BoardLink
from assessments.core.tokens import hash_token, is_well_formed
from assessments.questionnaire.models import Assessment
from assessments.scoring.result import AssessmentResult, GroupResult


def link_state(*, link: BoardLink, now: datetime.datetime | None = None) -> str:
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"


def find_board_link(*, token: object, now: datetime.datetime | None = None) -> BoardLink | None:
    """The link for a visitor's token with its assessment and organisation and its `state` ("active",
    "expired" or "revoked": the view answers 410 for the last two), or None (unknown or malformed).

    The row is found by the token's SHA-256, so the database compares hashes, never the token; the hash is
    compared once more in constant time before the link counts as found.
    """
    if not is_well_formed(token):
        return None
    wanted = hash_token(token, purpose=BoardLink.TOKEN_PURPOSE)
    link = (
        BoardLink.objects.select_related("assessment__organisation", "assessment__model_version__model")
        .filter(token_hash=wanted)
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    link.state = link_state(link=link, now=now)
    return link


def board_links(*, assessment: Assessment, now: datetime.datetime | None = None) -> list[BoardLink]:
    """The assessment's links, newest first, each with its `state` set for the manager's list."""
    now = now or timezone.now()
    links = list(BoardLink.objects.filter(assessment=assessment).select_related("created_by"))
    for link in links:
        link.state = link_state(link=link, now=now)
    return links


def board_link(*, assessment: Assessment, public_id: UUID) -> BoardLink | None:
    return BoardLink.objects.filter(assessment=assessment, public_id=public_id).select_related("assessment").first()


def shareable_groups(*, result: AssessmentResult, language: str) -> list[tuple[str, str]]:
    """(group key, label) of the teams and roles whose "top three for you" page may be handed out: the groups
    the scoring result shows, so none below the anonymity threshold and none hidden because its figures could
    be worked out from other groups (the subtraction guard, `scoring.anonymity`). Teams first, in tree order."""
    with translation.override(language):
        return [
            (group.group.key, group_label(group=group, language=language))
            for group in (*result.teams, *result.roles)
            if not group.suppressed
        ]


def group_label(*, group: GroupResult, language: str) -> str:
    with translation.override(language):
        if group.group.kind == "team":
            return gettext("Team: %(name)s") % {"name": group.group.name(language)}
        return gettext("Role: %(name)s") % {"name": group.group.name(language)}


def group_names(*, result: AssessmentResult, language: str) -> dict[str, str]:
    """Every team's and role's label by key, shown or not: the manager's list names the group of each link."""
    return {g.group.key: group_label(group=g, language=language) for g in (*result.teams, *result.roles)}
