"""Recompute the stored per-response sums scoring reads (ResponseFactorSums) from the answers.

The data migration that introduced them ran this once; run it again after writing answers outside the
submit path (a bulk import, a repair by hand). Idempotent: it rewrites the sums, it never adds to them.
"""

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.services.response_sums import backfill_response_sums


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"--batch-size must be a whole number, not {value!r}.") from None
    if number < 1:
        raise CommandError(f"--batch-size must be at least 1, not {number}.")
    return number


class Command(BaseCommand):
    help = "Recompute the stored scoring sums of submitted responses (all, or one assessment's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--assessment", help="only this assessment (its public id, a UUID)")
        parser.add_argument("--batch-size", default="500", help="responses per transaction (default 500)")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = _positive(options["batch_size"])
        assessment = None
        if options["assessment"] is not None:
            try:
                public_id = uuid.UUID(options["assessment"])
            except ValueError:
                raise CommandError(f"{options['assessment']!r} is not a valid assessment id (a UUID).") from None
            assessment = Assessment.objects.filter(public_id=public_id).first()
            if assessment is None:
                raise CommandError(f"No assessment with id {public_id}.")
        responses, rows = backfill_response_sums(assessment=assessment, batch_size=batch_size)
        self.stdout.write(f"Recomputed the sums of {responses} submitted responses ({rows} rows).")
