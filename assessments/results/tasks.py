"""Celery tasks of results: each one only loads by id and calls a service."""

from typing import Any

from celery import shared_task
from celery.signals import worker_init, worker_process_init, worker_process_shutdown, worker_shutdown


@shared_task(name="assessments.render_report")  # type: ignore[untyped-decorator]  # celery ships no type hints
def render_report_task(report_id: int) -> None:
    """Render one report, the PDF or the slide deck (the page polls its status)."""
    from assessments.results.services.reports import render_report

    render_report(report_id=report_id)


@worker_process_init.connect  # type: ignore[untyped-decorator]  # celery ships no type hints
@worker_init.connect  # type: ignore[untyped-decorator]
def _keep_chart_browser_warm(**kwargs: Any) -> None:
    # Workers live long: one Chromium for all reports instead of one per report.
    from assessments.results.services.chart_export import keep_warm

    keep_warm()


@worker_process_shutdown.connect  # type: ignore[untyped-decorator]  # celery ships no type hints
@worker_shutdown.connect  # type: ignore[untyped-decorator]
def _close_chart_browser(**kwargs: Any) -> None:
    from assessments.results.services.chart_export import stop_warm

    stop_warm()
