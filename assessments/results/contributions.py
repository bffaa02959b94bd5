"""What the domains above results add to the dashboard's radar and to the PDF report.

Results cannot import them (imports only run down), so they register here when the app is ready
(`AssessmentsConfig.ready`), like `organisations/dependents.py`:

- a radar overlay provider `(*, assessment, result, language) -> list[Overlay]`: extra toggles on the radar;
- a PDF page provider `(*, assessment, result, language) -> str | None`: the HTML of one or more
  `<section class="page">` placed before the appendix (rendered by the provider's own template, so already
  escaped);
- a report pages provider `(*, assessment, result, language) -> [{"template": ..., **context}, ...]`: pages
  drawn by report.html itself with the provider's template and context (the next steps, the trend);
- a key message facts provider `(*, assessment, result, language) -> list[KnowledgeFacts | PlanFacts]`: the
  figures of the customer check and the plan that the key message (`selectors/key_message.py`) states;
- a deck slides provider `(*, assessment, result, language) -> list[deck.slides.Slide]`: the slides of the
  plan, the trend and the customer figures in the slide deck (`results/deck/`), described as plain data.
- a picked quotes provider `(*, assessment, language) -> {factor code or "customers": (quote, ...)}`: the
  quotes a manager picked for the report (comment themes); when any factor's are picked, the factor pages
  quote only those. The PDF and the slide deck read them through `picked_quotes` below.

A provider must be cheap when it has nothing to add (no queries), since every dashboard asks it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from assessments.questionnaire.models import Assessment
from assessments.scoring.result import AssessmentResult


@dataclass(frozen=True)
class Overlay:
    name: str  # unique among the dashboard's overlays, used as the toggle's id
    label: str
    traces: list[dict[str, Any]]  # plotly trace dicts (`trace.to_plotly_json()`)


Provider = Callable[..., Any]
_radar_overlays: list[Provider] = []
_pdf_pages: list[Provider] = []
_report_pages: list[Provider] = []
_key_message_facts: list[Provider] = []
_deck_slides: list[Provider] = []
_picked_quotes: list[Provider] = []


def register_radar_overlay(provider: Provider) -> Provider:
    if provider not in _radar_overlays:
        _radar_overlays.append(provider)
    return provider


def register_pdf_page(provider: Provider) -> Provider:
    if provider not in _pdf_pages:
        _pdf_pages.append(provider)
    return provider


def register_report_pages(provider: Provider) -> Provider:
    if provider not in _report_pages:
        _report_pages.append(provider)
    return provider


def register_key_message_facts(provider: Provider) -> Provider:
    if provider not in _key_message_facts:
        _key_message_facts.append(provider)
    return provider


def register_deck_slides(provider: Provider) -> Provider:
    if provider not in _deck_slides:
        _deck_slides.append(provider)
    return provider


def register_picked_quotes(provider: Provider) -> Provider:
    if provider not in _picked_quotes:
        _picked_quotes.append(provider)
    return provider
    return provider


def radar_overlays(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Overlay]:
    return [o for p in _radar_overlays for o in p(assessment=assessment, result=result, language=language)]


def pdf_pages(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[SafeString]:
    pages = (p(assessment=assessment, result=result, language=language) for p in _pdf_pages)
    # Each page was rendered by its provider's template with autoescaping on; mark_safe keeps its markup.
    return [mark_safe(page) for page in pages if page]  # noqa: S308


def report_pages(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    return [page for p in _report_pages for page in p(assessment=assessment, result=result, language=language)]


def key_message_facts(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Any]:
    return [f for p in _key_message_facts for f in p(assessment=assessment, result=result, language=language)]


def deck_slides(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Any]:
    return [s for p in _deck_slides for s in p(assessment=assessment, result=result, language=language)]


def picked_quotes(*, assessment: Assessment, language: str) -> dict[str, tuple[str, ...]]:
    """{factor code, or "customers" for the customers' answers: the quotes picked for the report, alphabetical};
    empty when nothing is picked. Only quotes above the comment threshold (comments.selectors.quotes)."""
    picked: dict[str, tuple[str, ...]] = {}
    for provider in _picked_quotes:
        picked.update(provider(assessment=assessment, language=language))
    return picked
