"""What the domains above results add to the dashboard's radar and to the PDF report.

Results cannot import them (imports only run down), so they register here when the app is ready
(`AssessmentsConfig.ready`), like `organisations/dependents.py`:

- a radar overlay provider `(*, assessment, result, language) -> list[Overlay]`: extra toggles on the radar;
- a PDF page provider `(*, assessment, result, language) -> str | None`: the HTML of one `<section class="page">`
  placed before the appendix (rendered by the provider's own template, so already escaped).

A provider must be cheap when it has nothing to add (no queries), since every dashboard asks it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Overlay:
    name: str  # unique among the dashboard's overlays, used as the toggle's id
    label: str
    traces: list[dict[str, Any]]  # plotly trace dicts (`trace.to_plotly_json()`)


Provider = Callable[..., Any]
_radar_overlays: list[Provider] = []
_pdf_pages: list[Provider] = []


def register_radar_overlay(provider: Provider) -> Provider:
    if provider not in _radar_overlays:
        _radar_overlays.append(provider)
    return provider


def register_pdf_page(provider: Provider) -> Provider:
    if provider not in _pdf_pages:
        _pdf_pages.append(provider)
    return provider


def radar_overlays(*, assessment, result, language) -> list[Overlay]:
    return [o for p in _radar_overlays for o in p(assessment=assessment, result=result, language=language)]


def pdf_pages(*, assessment, result, language) -> list[str]:
    pages = (p(assessment=assessment, result=result, language=language) for p in _pdf_pages)
    return [page for page in pages if page]
