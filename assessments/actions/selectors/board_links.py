"""Reads for the read-only board links: the manager's list and the visitor's look-up by token."""

import datetime
import hmac
from uuid import UUID

from django.utils import timezone

from assessments.actions.models import BoardLink
from assessments.core.tokens import hash_token, is_well_formed
from assessments.questionnaire.models import Assessment


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
