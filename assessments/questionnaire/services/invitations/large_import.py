"""A file of up to 100,000 addresses, imported in the background with its progress shown.

A file above the page's limits (MAX_ROWS rows or MAX_CSV_BYTES) becomes an `InvitationImport`; the task
`import_invitation_file` checks every row and invites everyone in one transaction, or nobody when a row needs
fixing (the first ERRORS_KEPT rows are kept with their line and reason, and the count of all of them). Progress
goes to the cache, outside that transaction, so the page that polls it sees it move. The same file uploaded again
while the first is waiting or running leads to the first; once it has run, everyone in it is already invited
and a second run creates nobody.
"""

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.questionnaire.models import Assessment, InvitationImport
from assessments.questionnaire.services.invitations.common import MAX_CSV_BYTES, MAX_ROWS, InvitationError, RowError
from assessments.questionnaire.services.invitations.importing import import_invitations
from assessments.questionnaire.services.invitations.parsing import parse_csv_text

MAX_IMPORT_ROWS = 100_000
MAX_IMPORT_BYTES = 16 * 1024 * 1024
ERRORS_KEPT = 100
PROGRESS_SECONDS = 24 * 3600


def is_large(upload: "UploadedFile[bytes]") -> bool:
    """Whether the upload is beyond what the page imports at once (then it goes to the background)."""
    assert upload.size is not None  # an uploaded file always has its size
    if upload.size > MAX_CSV_BYTES:
        return True
    lines = sum(chunk.count(b"\n") for chunk in upload.chunks())
    upload.seek(0)
    return lines > MAX_ROWS + 1


def _progress_key(job: InvitationImport) -> str:
    return f"invitation-import:{job.public_id}"


def progress_of(job: InvitationImport) -> dict[str, Any]:
    """{"phase": "checking" | "saving", "done": rows, "total": rows} while it runs; {} before and after."""
    if job.finished:
        return {}
    found: dict[str, Any] = cache.get(_progress_key(job)) or {}
    return found


def _report(job: InvitationImport, phase: str, done: int, total: int) -> None:
    cache.set(_progress_key(job), {"phase": phase, "done": done, "total": total}, PROGRESS_SECONDS)


@transaction.atomic
def queue_import(
    *, assessment: Assessment, actor: Any, upload: "UploadedFile[bytes]", language: str
) -> InvitationImport | RowError:
    """Keeps the file and schedules its import; a RowError when the file cannot be read at all."""
    assert upload.size is not None
    if upload.size > MAX_IMPORT_BYTES:
        return RowError(0, "", _("The file is larger than 16 MB. Split it into smaller files."))
    data = upload.read(MAX_IMPORT_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RowError(0, "", _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."))
    # Counted before anything is kept: a file over the limit is refused on the page, not an hour later.
    if len(text.splitlines()) > MAX_IMPORT_ROWS + 1:
        return RowError(0, "", _("The file has more than 100,000 rows. Split it into smaller files."))
    digest = hashlib.sha256(data).hexdigest()
    # Two clicks on "upload" at once: the second waits here and then finds the first.
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    waiting = InvitationImport.Status.QUEUED, InvitationImport.Status.RUNNING
    same = InvitationImport.objects.filter(assessment=assessment, digest=digest, status__in=waiting).first()
    if same is not None:
        return same
    job = InvitationImport.objects.create(
        assessment=assessment, created_by=actor, digest=digest, content=text, language=language
    )
    from assessments.questionnaire import tasks

    transaction.on_commit(lambda: tasks.import_invitation_file.delay(job.pk), robust=True)
    return job


def _claim(import_id: int) -> InvitationImport | None:
    """Marks the import running, once: a task delivered twice runs it once."""
    with transaction.atomic():
        job = (
            InvitationImport.objects.select_for_update(of=("self",))
            .select_related("assessment", "created_by")
            .get(pk=import_id)
        )
        if job.status != InvitationImport.Status.QUEUED:
            return None
        job.status = InvitationImport.Status.RUNNING
        job.save(update_fields=["status"])
    return job


def run_import(*, import_id: int) -> InvitationImport:
    """Checks and imports the file of this import: everyone is invited, or nobody (see the module)."""
    job = _claim(import_id)
    if job is None:
        return InvitationImport.objects.get(pk=import_id)
    rows, errors = parse_csv_text(
        assessment=job.assessment,
        text=job.content,
        max_rows=MAX_IMPORT_ROWS,
        progress=lambda done: _report(job, "checking", done, job.content.count("\n")),
    )
    job.rows = len(rows) + len(errors)
    problem = ""
    result = None
    if job.created_by is None:
        problem = _("The person who uploaded the file no longer has an account.")
    else:
        try:
            result = import_invitations(
                assessment=job.assessment,
                actor=job.created_by,
                rows=rows,
                errors=errors,
                language=job.language,
                progress=lambda done: _report(job, "saving", done, len(rows)),
            )
        except InvitationError as exc:
            problem = str(exc)
    if result is not None:
        job.created, job.skipped, job.error_count = result.created, len(result.skipped), len(result.errors)
        job.errors = [[e.line, e.value[:200], e.reason] for e in result.errors[:ERRORS_KEPT]]
    ok = result is not None and result.ok
    job.status = InvitationImport.Status.DONE if ok else InvitationImport.Status.FAILED
    job.problem = problem[:300]
    job.content = ""  # the addresses live on in the invitations, or nowhere
    job.finished_at = timezone.now()
    job.save()
    cache.delete(_progress_key(job))
    return job
