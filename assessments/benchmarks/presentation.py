"""How a benchmark is shown: table rows, the radar overlay (dashboard and own page) and the PDF page."""

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.benchmarks import guard
from assessments.benchmarks.selectors import Benchmark, benchmark_for
from assessments.questionnaire.models import Assessment
from assessments.results import charts
from assessments.results.contributions import Overlay
from assessments.scoring.result import AssessmentResult
from assessments.scoring.rounding import display_round

MEDIAN_COLOUR = "#2a9d8f"
BAND_COLOUR = "#8d6cab"


def group_label(group: str) -> str:
    labels = {"all": _("All organisations"), "sector": _("Same sector"), "size": _("Same size")}
    return labels.get(group, labels["all"])


def rows(*, result: AssessmentResult, benchmark: Benchmark, language: str) -> list[dict[str, Any]]:
    return [
        {"name": result.factor(f.code).name(language), "factor": f, "figures": (f.q1, f.median, f.q3)}
        for f in benchmark.factors
    ]


def _closed(values: list[Any]) -> list[Any]:
    return [*values, values[0]] if values else values


def _trace(
    *,
    result: AssessmentResult,
    values: Sequence[float | None],
    name: str,
    colour: str,
    language: str,
    dash: str,
    overlay: str,
) -> dict[str, Any]:
    trace: dict[str, Any] = go.Scatterpolar(
        r=_closed([display_round(v) for v in values]),  # rounded once, to the whole points the hover shows
        theta=charts.radar_theta(result=result, language=language),
        name=name,
        mode="lines+markers",
        line={"color": colour, "width": 2, "dash": dash},
        marker={"size": 5},
        connectgaps=False,
        hovertemplate="%{theta}: %{r:.0f}<extra>" + name.replace("%", "%%") + "</extra>",
        meta={"overlay": overlay},
    ).to_plotly_json()
    return trace


def overlay_traces(
    *, result: AssessmentResult, benchmark: Benchmark, language: str, overlay: str = "benchmark"
) -> list[dict[str, Any]]:
    """The peers' median (solid) and quartiles (dotted), as published: never a single peer's score."""
    by_code = {f.code: f for f in benchmark.factors}

    def series(attribute: str) -> list[float | None]:
        return [getattr(by_code.get(f.code), attribute, None) for f in result.factors]

    with translation.override(language):
        common: dict[str, Any] = {"result": result, "language": language, "overlay": overlay}
        lines = [
            ("median", _("Benchmark median"), MEDIAN_COLOUR, "solid"),
            ("q1", _("Lower quartile"), BAND_COLOUR, "dot"),
            ("q3", _("Upper quartile"), BAND_COLOUR, "dot"),
        ]
        # A line whose every figure is withheld (benchmarks/guard.py) has nothing to draw: no legend entry either.
        drawn = [(series(attribute), name, colour, dash) for attribute, name, colour, dash in lines]
        return [
            _trace(values=values, name=name, colour=colour, dash=dash, **common)
            for values, name, colour, dash in drawn
            if any(v is not None for v in values)
        ]


def _cheap_to_skip(assessment: Assessment) -> bool:
    # Asked by every dashboard: no query unless a benchmark can exist.
    return assessment.status != Assessment.Status.CLOSED or not assessment.organisation.benchmark_opt_in


def radar_overlay(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Overlay]:
    if _cheap_to_skip(assessment):
        return []
    benchmark = benchmark_for(assessment=assessment, result=result)
    if not benchmark.shown:
        return []
    with translation.override(language):
        label = _("Benchmark")
    return [
        Overlay(
            name="benchmark", label=label, traces=overlay_traces(result=result, benchmark=benchmark, language=language)
        )
    ]


def pdf_page(*, assessment: Assessment, result: AssessmentResult, language: str) -> str | None:
    if _cheap_to_skip(assessment):
        return None
    benchmark = benchmark_for(assessment=assessment, result=result)
    if not benchmark.shown:
        return None
    with translation.override(language):
        return render_to_string(
            "benchmarks/_report_page.html",
            {
                "benchmark": benchmark,
                "rows": rows(result=result, benchmark=benchmark, language=language),
                "group_label": group_label(benchmark.group),
                "minimum": guard.MIN_OWNERS_MEDIAN,
            },
        )
