"""Runs every scheduled job once (for cron, when there is no Celery broker and no beat)."""

from typing import Any

from django.core.management.base import BaseCommand

from assessments.scheduling import run_due_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, planned closes, retention) once. Cron it every 15 minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        results = run_due_jobs()
        for name, count in results.items():
            self.stdout.write(f"{name}: {'failed (see the log)' if count < 0 else count}")
        if any(count < 0 for count in results.values()):
            raise SystemExit(1)
