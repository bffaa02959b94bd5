"""Personal invitations (paste or CSV, all-or-nothing), their emails, reminders and open team links.

Tokens: only the SHA-256 of a personal token is stored (purpose "invitation"). The raw token is
minted by the sending service in the worker, right before its email goes out, so it never sits in
the database nor in the Celery broker (the task only gets invitation ids). Until then an invitation
holds the hash of a throw-away token that nobody ever saw. The cost of this choice: a link can only
be shown once, in its email; a reminder therefore has to mint a new link for people who have not
started (their old link stops working). People who already started keep their link, because it is
also the key to their saved answers; their reminder asks them to continue with it.

Open team links are different: they are meant to be shared openly (an intranet page, a team chat),
are not personal secrets, and the manager needs to copy them again later. TeamLink.token therefore
stores the raw random token; deactivating the link is how it is revoked.
"""

from assessments.questionnaire.selectors.emails import REMINDER_COOLDOWN
from assessments.questionnaire.services.invitations.common import (
    MAX_CSV_BYTES,
    MAX_ROWS,
    SENDABLE,
    ImportResult,
    InvitationError,
    RowError,
    invitation_url,
    issue_token,
    team_link_url,
)
from assessments.questionnaire.services.invitations.corrections import correct_invitation, withdraw_invitation
from assessments.questionnaire.services.invitations.importing import import_invitations, schedule_unsent, send_unsent
from assessments.questionnaire.services.invitations.large_import import (
    ERRORS_KEPT,
    MAX_IMPORT_ROWS,
    is_large,
    progress_of,
    queue_import,
    run_import,
)
from assessments.questionnaire.services.invitations.parsing import check_rows, parse_csv, parse_pasted
from assessments.questionnaire.services.invitations.reminders import send_due_reminders, update_reminder_plan
from assessments.questionnaire.services.invitations.sending import schedule_reminders, send_invitations, send_reminders
from assessments.questionnaire.services.invitations.team_links import create_team_link, deactivate_team_link

__all__ = [
    "ERRORS_KEPT",
    "MAX_IMPORT_ROWS",
    "is_large",
    "progress_of",
    "queue_import",
    "run_import",
    "check_rows",
    "ImportResult",
    "InvitationError",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "REMINDER_COOLDOWN",
    "RowError",
    "SENDABLE",
    "correct_invitation",
    "create_team_link",
    "deactivate_team_link",
    "import_invitations",
    "invitation_url",
    "issue_token",
    "parse_csv",
    "parse_pasted",
    "schedule_reminders",
    "schedule_unsent",
    "send_invitations",
    "send_due_reminders",
    "send_reminders",
    "send_unsent",
    "team_link_url",
    "update_reminder_plan",
    "withdraw_invitation",
]
