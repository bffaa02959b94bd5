"""Erases invitation email addresses of assessments closed longer than the retention period."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from assessments.privacy.services import apply_invitation_retention


class Command(BaseCommand):
    help = "Blank invitation emails of assessments closed more than CXM_INVITATION_RETENTION_DAYS days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="Override the retention period in days.")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = apply_invitation_retention(days=days)
        period = settings.CXM_INVITATION_RETENTION_DAYS if days is None else days
        self.stdout.write(f"Erased {count} invitation email address(es) (retention {period} days).")
