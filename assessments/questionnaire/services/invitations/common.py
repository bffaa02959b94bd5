"""What the invitation modules share: limits, errors, link URLs and minting a personal token."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings

from assessments.core.tokens import hash_token, new_token
from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Assessment, Invitation

MAX_CSV_BYTES = 1024 * 1024
MAX_ROWS = 5000


class InviteRow(NamedTuple):
    """A checked row, ready to become an invitation."""

    email: str
    team: Team
    role: Role | None
    name: str = ""  # for {name} in the e-mails; erased with the address


SENDABLE = (Assessment.Status.DRAFT, Assessment.Status.OPEN)

_HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "email address": "email",
    "team": "team",
    "role": "role",
    "rol": "role",
    "name": "name",
    "naam": "name",
}


class InvitationError(Exception):
    """Invitations cannot be changed now (for example: the assessment is closed)."""


@dataclass
class RowError:
    line: int
    value: str
    reason: str
    # A skipped row (a duplicate, someone already invited) is a notice, not a reason to reject the batch.
    skipped: bool = False


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)
    # The pasted lines that need fixing, to put back in the text box.
    unfixed_text: str = ""
    # A paste invites the good addresses even when others need fixing; a CSV file is all-or-nothing.
    partial: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def invitation_url(token: str) -> str:
    return f"{settings.SITE_URL}/r/{token}/"


def team_link_url(token: str) -> str:
    return f"{settings.SITE_URL}/t/{token}/"


def _placeholder_hash() -> str:
    # A hash of a token nobody ever sees: the row needs a unique value until the real link is minted.
    return hash_token(new_token(), purpose="invitation")


def issue_token(*, invitation: Invitation) -> str:
    """Gives the invitation a new personal token (the old link stops working); returns the raw token.

    The caller saves the invitation and hands the token to the person, and keeps it nowhere else.
    """
    token = new_token()
    invitation.token_hash = hash_token(token, purpose="invitation")
    return token
