"""Reports, the PDF and the slide deck: request one, render it in the background, keep it until the data changes.

A Report row is the cache entry for (assessment, kind, language, data_version). Any
service that changes responses bumps `assessment.data_version`, so the next
request finds no matching row and renders afresh; older rows are dropped.

The request never waits for the render. With a Celery broker a worker renders; without one a single
background thread of the web process does (`_executor`). Its limits: one render at a time per web
process, and a render in flight is lost when the process restarts or is killed. That is why a report
running longer than CXM_REPORT_RENDER_TIMEOUT counts as lost: it is marked failed and can be retried at once.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from assessments.questionnaire.models import Assessment
from assessments.results.models import Report
from assessments.results.services import report_document
from assessments.results.services.chart_export import ChartExportError

logger = logging.getLogger(__name__)

# A pending report this old was most likely lost with a restarted worker: queue it again.
STALE_AFTER = timedelta(minutes=10)


class UnknownLanguageError(ValueError):
    pass


def report_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def check_language(language: str) -> str:
    if language not in report_languages():
        raise UnknownLanguageError(
            gettext("Unknown report language %(language)r; choose one of %(choices)s.")
            % {"language": language, "choices": ", ".join(report_languages())}
        )
    return language


_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _background_executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cxm-report")
        return _executor


def _render_in_thread(report_id: int) -> None:
    try:
        render_report(report_id=report_id)
    except Exception:
        logger.exception("Report %s: background render crashed", report_id)
    finally:
        connections.close_all()  # this thread's own connections; the pool thread lives on


def _dispatch(report_id: int) -> None:
    from assessments.results.tasks import render_report_task

    if not settings.CELERY_TASK_ALWAYS_EAGER or settings.CXM_REPORT_EXECUTOR == "inline":
        render_report_task.delay(report_id)  # a worker, or (tests) at once in this request
    else:
        _background_executor().submit(_render_in_thread, report_id)


def _queue(report_id: int) -> None:
    transaction.on_commit(lambda: _dispatch(report_id))


def _lost(report: Report, now: datetime) -> bool:
    """A render that cannot still be going: queued too long ago, or running past the timeout."""
    if report.status == Report.Status.PENDING:
        return report.requested_at < now - STALE_AFTER
    if report.status == Report.Status.RUNNING:
        started = report.started_at or report.requested_at
        return started < now - timedelta(seconds=settings.CXM_REPORT_RENDER_TIMEOUT)
    return False


def fail_lost_render(*, report: Report | None, now: datetime | None = None) -> Report | None:
    """Marks a lost render failed (so the page offers a retry at once); returns the report as it now is."""
    now = now or timezone.now()
    if report is None or not _lost(report, now):
        return report
    message = gettext("Creating the report took too long and was stopped. Try again.")
    changed = Report.objects.filter(pk=report.pk, status=report.status).update(
        status=Report.Status.FAILED, error=message, finished_at=now
    )
    if changed:
        logger.warning("Report %s was %s for too long: marked failed", report.public_id, report.status)
    report.refresh_from_db()
    return report


def request_report(*, assessment: Assessment, language: str, kind: str = Report.Kind.PDF) -> Report:
    """The cached report (PDF or deck) if it is done, otherwise a pending one with its rendering queued."""
    check_language(language)
    if kind not in Report.Kind.values:
        raise ValueError(f"unknown report kind {kind!r}")
    with transaction.atomic():
        # The caller's instance may be stale; the row lock also serialises double clicks.
        current = Assessment.objects.select_for_update().only("id", "data_version").get(pk=assessment.pk)
        report, created = Report.objects.get_or_create(
            assessment_id=current.pk, kind=kind, language=language, data_version=current.data_version
        )
        if report.status == Report.Status.DONE:
            return report
        stale = _lost(report, timezone.now())
        if created or report.status == Report.Status.FAILED or stale:
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.PENDING,
                error="",
                content=None,
                requested_at=timezone.now(),
                started_at=None,
                finished_at=None,
            )
            report.refresh_from_db()
            # Reports of older data are never served again.
            Report.objects.filter(assessment_id=current.pk, kind=kind, language=language).exclude(pk=report.pk).delete()
            _queue(report.pk)
        return report


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, ChartExportError):
        return str(exc)
    return gettext(
        "The report could not be created because of an unexpected error. It has been logged; try again later."
    )


def _build(report: Report) -> bytes:
    if report.kind == Report.Kind.DECK:
        from assessments.results.deck.document import build_report_deck  # python-pptx only where a deck is made

        return build_report_deck(assessment=report.assessment, language=report.language)
    return report_document.build_report_pdf(assessment=report.assessment, language=report.language)


def render_report(*, report_id: int) -> None:
    """Render one report and store its file (PDF or deck); on failure store a message and no file."""
    report = Report.objects.select_related("assessment__organisation").filter(pk=report_id).first()
    if report is None or report.status == Report.Status.DONE:
        return
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING, started_at=timezone.now())
    try:
        content = _build(report)
    except Exception as exc:
        logger.exception(
            "Report %s (%s, assessment %s) failed to render", report.public_id, report.kind, report.assessment.public_id
        )
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED, content=None, error=_failure_message(exc), finished_at=timezone.now()
        )
        return
    # One UPDATE: the bytes and the status appear together or not at all.
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE, content=content, error="", finished_at=timezone.now()
    )


# The file type of each kind: the download's extension and media type.
FILE_TYPES = {
    Report.Kind.PDF: ("pdf", "application/pdf"),
    Report.Kind.DECK: ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}


def report_filename(*, assessment: Assessment, language: str, kind: str = Report.Kind.PDF) -> str:
    org = slugify(assessment.organisation.name) or "organisation"
    title = slugify(assessment.title) or "assessment"
    extension = FILE_TYPES[Report.Kind(kind)][0]
    return f"cx-maturity-{org}-{title}-{language}.{extension}"
