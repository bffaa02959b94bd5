"""Render an assessment's slide deck to a file: `manage.py render_deck <public id> --output deck.pptx`."""

from assessments.management.commands import render_report
from assessments.questionnaire.models import Assessment
from assessments.results.deck.document import build_report_deck


class Command(render_report.Command):
    help = "Render the editable slide deck (.pptx) of an assessment (by its public id) to a file."
    example = "deck.pptx"

    def build(self, *, assessment: Assessment, language: str) -> bytes:
        return build_report_deck(assessment=assessment, language=language)
