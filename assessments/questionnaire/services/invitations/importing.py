"""Creating invitations from checked rows, all-or-nothing, and scheduling their emails."""

from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.services.invitations.common import (
    SENDABLE,
    ImportResult,
    InvitationError,
    InviteRow,
    RowError,
    _placeholder_hash,
)

BATCH = 2000  # invitations per INSERT
SEND_BATCH = 1000  # invitations per email task
# Below this many rows the check for people invited meanwhile asks for those addresses only.
FEW_ROWS = 500


def _lock_sendable(assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status not in SENDABLE:
        raise InvitationError(_("Invitations can only be sent while the assessment is a draft or open."))
    return assessment


@transaction.atomic
def import_invitations(
    *,
    assessment: Assessment,
    actor: User,
    rows: list[InviteRow],
    errors: Iterable[RowError] = (),
    partial: bool = False,
    language: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Creates one invitation per row. Duplicates and people already invited are skipped with a notice.

    `rows`/`errors` come from parse_pasted/parse_csv. With invalid rows nothing is created, unless
    `partial` (a paste: the good addresses are invited and only the bad ones go back for fixing).
    Emails go out after commit (at once when the assessment is open; when it opens otherwise), in
    `language` (empty, or one the assessment does not offer: its first language). `progress` hears how many
    invitations are saved, batch by batch (a large file's import, see large_import.py).
    """
    skipped = [e for e in errors if e.skipped]
    invalid = [e for e in errors if not e.skipped]
    if invalid and not (partial and rows):
        return ImportResult(errors=invalid, skipped=skipped, partial=partial)
    assessment = _lock_sendable(assessment)
    # Someone may have invited the same people since parsing: check again under the lock. A long list of
    # addresses would not fit in one query's parameters: then the assessment's addresses are read instead.
    invited = Invitation.objects.filter(assessment=assessment)
    if len(rows) <= FEW_ROWS:
        invited = invited.filter(email__in=[r.email for r in rows])
    on_file = {e.casefold() for e in invited.exclude(email="").values_list("email", flat=True).iterator(2000)}
    already = {row.email.casefold() for row in rows} & on_file
    skipped += [RowError(0, email, _("Already invited to this assessment."), skipped=True) for email in sorted(already)]
    rows = [row for row in rows if row.email.casefold() not in already]
    language = language if language in (assessment.languages or []) else ""
    created: list[Invitation] = []
    for start in range(0, len(rows), BATCH):
        created += Invitation.objects.bulk_create(
            [
                Invitation(
                    assessment=assessment,
                    email=row.email,
                    name=row.name,
                    team=row.team,
                    role=row.role,
                    language=language,
                    token_hash=_placeholder_hash(),
                )
                for row in rows[start : start + BATCH]
            ]
        )
        if progress is not None:
            progress(len(created))
    if created:
        bump_data_version(assessment_ids=[assessment.pk])  # the response rate counts invitations
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="invited",
            obj=assessment,
            detail=_("%(n)s people") % {"n": len(created)},
        )
    if created and assessment.status == Assessment.Status.OPEN:
        schedule_unsent(assessment=assessment)
    return ImportResult(created=len(created), errors=invalid, skipped=skipped, partial=partial)


def _sender(ids: list[int]) -> Callable[[], None]:
    from assessments.questionnaire import tasks

    return lambda: tasks.send_invitation_emails.delay(ids)


def schedule_unsent(*, assessment: Assessment) -> int:
    """After commit, email every invitation of this assessment that has not been sent yet."""
    ids = list(
        Invitation.objects.filter(assessment=assessment, sent_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    # robust: a broker outage must not turn a saved import into an error page. Unsent invitations
    # stay visible on the invitations page, with a button that schedules them again. A task per
    # SEND_BATCH invitations keeps each message small and lets several workers share a large import.
    for start in range(0, len(ids), SEND_BATCH):
        transaction.on_commit(_sender(ids[start : start + SEND_BATCH]), robust=True)
    return len(ids)


@transaction.atomic
def send_unsent(*, assessment: Assessment) -> int:
    """The manager's "send now": schedules every invitation that has not gone out yet."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.OPEN:
        raise InvitationError(_("Invitations are emailed once the assessment is open."))
    return schedule_unsent(assessment=assessment)
