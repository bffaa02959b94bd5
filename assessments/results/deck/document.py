"""The slide deck of an assessment: score it, take the PDF's facts and key message, describe, draw."""

from django.utils import translation

from assessments.questionnaire.models import Assessment
from assessments.results.deck.draw import draw_deck
from assessments.results.deck.slides import Slide
from assessments.results.deck.story import build_slides
from assessments.results.selectors.key_message import key_message
from assessments.results.services.report_document import report_facts
from assessments.scoring import score_assessment


def deck_slides(*, assessment: Assessment, language: str) -> list[Slide]:
    """The deck described as plain data (what the tests read back against the scoring result)."""
    with translation.override(language):
        result = score_assessment(assessment=assessment)
        facts = report_facts(assessment=assessment, result=result, language=language)
        km = key_message(assessment=assessment, result=result, language=language)
        return build_slides(facts=facts, km=km)


def build_report_deck(*, assessment: Assessment, language: str) -> bytes:
    slides = deck_slides(assessment=assessment, language=language)
    with translation.override(language):
        footer = f"{assessment.organisation.name}   ·   {assessment.title}"
        return draw_deck(slides=slides, organisation=assessment.organisation, language=language, footer=footer)
