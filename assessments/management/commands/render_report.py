"""Render an assessment's PDF report to a file: `manage.py render_report <public id> --output report.pdf`."""

import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.questionnaire.models import Assessment
from assessments.results.services import report_document
from assessments.results.services.chart_export import ChartExportError
from assessments.results.services.reports import report_languages


class Command(BaseCommand):
    help = "Render the PDF maturity report of an assessment (by its public id) to a file."
    example = "report.pdf"

    def build(self, *, assessment: Assessment, language: str) -> bytes:
        return report_document.build_report_pdf(assessment=assessment, language=language)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessment", help="the assessment's public id (UUID)")
        parser.add_argument("--output", "-o", required=True, help=f"where to write the file, e.g. {self.example}")
        parser.add_argument("--language", default=None, help="nl or en (default: the organisation's language)")

    def handle(self, *args: Any, assessment: str, output: str, language: str | None, **options: Any) -> None:
        try:
            public_id = uuid.UUID(assessment)
        except ValueError:
            raise CommandError(f"{assessment!r} is not an assessment id (expected a UUID).") from None
        found = Assessment.objects.select_related("organisation").filter(public_id=public_id).first()
        if found is None:
            raise CommandError(f"No assessment with id {public_id}.")
        language = language or found.organisation.default_language
        if language not in report_languages():
            raise CommandError(f"Unknown language {language!r}; use one of: {', '.join(report_languages())}.")

        target = Path(output).expanduser().resolve()
        if target.is_dir():
            raise CommandError(f"{target} is a directory; give a file name such as {self.example}.")
        if not target.parent.is_dir():
            raise CommandError(f"Cannot write {target}: the folder {target.parent} does not exist.")
        if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise CommandError(f"Cannot write {target}: permission denied.")

        try:
            data = self.build(assessment=found, language=language)
        except ChartExportError as exc:
            raise CommandError(str(exc)) from exc
        self._write_atomically(target, data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {target} ({len(data) // 1024} KB, {language})."))

    def _write_atomically(self, target: Path, data: bytes) -> None:
        # A reader never sees half a file: write beside the target, then rename over it.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, target)
        except OSError as exc:
            Path(tmp_name).unlink(missing_ok=True)
            raise CommandError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
