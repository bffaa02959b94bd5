"""The customer check's charts for the PDF report, drawn like the report's other charts (plotly figures
exported to SVG by kaleido, cached per data version: results.services.chart_cache).

- the grade distribution in three bands: 6 or lower, 7 or 8 (the basics: fine, not loyal), 9 or 10 (loyal);
- the knowledge gap: each shown group's estimate of the customers' grade and 9+ share against the customers'
  own figure, management first, labelled with the same gap figures as the Outside-in page;
- per factor, the share of customers who agree with that factor's customer statement, on its own 0-100 %
  scale: never drawn beside or subtracted from a maturity score.
Only shown figures reach here (figures.CustomerFigures carries none when hidden), so nothing can leak.
"""

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from django.utils import translation
from django.utils.translation import gettext as _
from plotly.subplots import make_subplots

from assessments.outside_in import display
from assessments.outside_in.figures import CustomerFigures
from assessments.outside_in.selectors import EstimateGroup, FactorRowView
from assessments.results.charts import FONT, GRID, MUTED, plain

LOW = "#c8553d"
BASICS = "#9fb3c8"
LOYAL = "#157347"
ESTIMATE = "#17496b"
BANDS = ((1, 6, LOW), (7, 8, BASICS), (9, 10, LOYAL))


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 12, "color": "#212529"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        # Axis numbers in the reader's format (7,9 in Dutch).
        "separators": ",." if translation.get_language() == "nl" else ".,",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    }
    layout.update(extra)
    return layout


def _band_name(low: int, high: int) -> str:
    if low == 1:
        return _("6 or lower, dissatisfied")
    if high == 8:
        return _("7 or 8, indifferent")
    return _("9 or 10, loyal")


def grade_bands_figure(*, figures: CustomerFigures, language: str) -> go.Figure:
    """% of customers per grade 1-10, coloured by band; each band's total share in the legend."""
    with translation.override(language):
        counts = figures.distribution or ()
        total = sum(counts)
        fig = go.Figure()
        for low, high, colour in BANDS:
            grades = list(range(low, high + 1))
            shares = [100 * counts[g - 1] / total if total else 0 for g in grades]
            band = sum(shares)
            fig.add_trace(
                go.Bar(
                    x=grades,
                    y=shares,
                    name=f"{_band_name(low, high)}: {display.percent(band)}",
                    marker={"color": colour},
                    text=[display.percent(s) if s else "" for s in shares],
                    textposition="outside",
                    cliponaxis=False,
                )
            )
        highest = max((100 * c / total for c in counts), default=0) if total else 0
        fig.update_layout(
            **_layout(
                barmode="group",
                bargap=0.15,
                height=230,
                margin={"l": 45, "r": 10, "t": 20, "b": 40},
                legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
                xaxis={"tickmode": "array", "tickvals": list(range(1, 11)), "title": {"text": _("Grade")}},
                yaxis={
                    "range": [0, max(10, highest * 1.25)],
                    "ticksuffix": "%",
                    "gridcolor": GRID,
                    "title": {"text": _("Share of customers")},
                },
            )
        )
        return fig


def gap_rows(*, estimates: Sequence[EstimateGroup], language: str) -> list[EstimateGroup]:
    """The shown groups of the knowledge gap, management first (as estimate_groups orders them)."""
    return [g for g in estimates if g.shown and (g.grade is not None or g.share is not None)]


def _gap_panel(
    fig: go.Figure,
    *,
    column: int,
    rows: Sequence[EstimateGroup],
    values: Sequence[float | None],
    gaps: Sequence[float | None],
    actual: float | None,
    digits: int,
    suffix: str,
    axis_range: list[float],
    language: str,
) -> None:
    names = [plain(g.name(language)) for g in rows]
    texts: list[str] = []
    for value, gap in zip(values, gaps, strict=True):
        if value is None:
            texts.append("–")
            continue
        shown = display.number(value, digits) + suffix
        if gap is not None:
            shown += f"  ({display.signed(gap, digits) if not suffix else display.points(gap)})"
        texts.append(shown)
    fig.add_trace(
        go.Bar(
            x=[0 if v is None else v for v in values],
            y=names,
            orientation="h",
            marker={"color": ESTIMATE},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
        ),
        row=1,
        col=column,
    )
    if actual is not None:
        fig.add_vline(x=actual, line={"color": LOYAL, "width": 2.5, "dash": "dash"}, row=1, col=column)
        fig.add_annotation(
            x=actual,
            y=1.0,
            yref="paper",
            xref=f"x{column if column > 1 else ''}",
            text=_("Customers: %(value)s") % {"value": display.number(actual, digits) + suffix},
            showarrow=False,
            yanchor="bottom",
            font={"color": LOYAL, "size": 11},
        )
    ticks = [1, 4, 7, 10] if not suffix else [0, 50, 100]
    fig.update_xaxes(
        range=axis_range, gridcolor=GRID, tickvals=ticks, ticktext=[f"{t}{suffix}" for t in ticks], row=1, col=column
    )


def knowledge_gap_figure(*, rows: Sequence[EstimateGroup], actual: CustomerFigures | None, language: str) -> go.Figure:
    """Estimated grade and 9+ share per group beside the customers' own figure (a dashed line)."""
    with translation.override(language):
        fig = make_subplots(
            rows=1,
            cols=2,
            shared_yaxes=True,
            horizontal_spacing=0.12,
            subplot_titles=(_("Estimated grade"), _("Estimated share of 9s and 10s")),
        )
        _gap_panel(
            fig,
            column=1,
            rows=rows,
            values=[g.grade for g in rows],
            gaps=[g.grade_gap for g in rows],
            actual=actual.grade_mean if actual else None,
            digits=1,
            suffix="",
            axis_range=[1, 12.5],
            language=language,
        )
        _gap_panel(
            fig,
            column=2,
            rows=rows,
            values=[g.share for g in rows],
            gaps=[g.share_gap for g in rows],
            actual=actual.nine_plus_share if actual else None,
            digits=0,
            suffix="%",
            axis_range=[0, 135],
            language=language,
        )
        fig.update_yaxes(autorange="reversed", automargin=True)
        # The subplot titles sit where the "Customers" labels go: move them up a line.
        for annotation in fig.layout.annotations[:2]:
            annotation.update(yshift=18, font={"size": 12, "color": MUTED})
        height = max(200, 110 + 34 * len(rows))
        fig.update_layout(**_layout(height=height, margin={"l": 10, "r": 20, "t": 60, "b": 20}))
        return fig


def agreement_figure(*, factor_rows: Sequence[FactorRowView], language: str) -> go.Figure:
    """Per factor, % of the customers who agree with its customer statement (0-100 %, its own scale)."""
    with translation.override(language):
        names = ["<br>".join(textwrap.wrap(plain(r["name"]), 30)) for r in factor_rows]
        values = [r["row"].agree_share for r in factor_rows]
        texts = [
            _("too few answers")
            if v is None
            else _("%(share)s (%(n)s answers)") % {"share": display.percent(v), "n": r["row"].agree_n}
            for v, r in zip(values, factor_rows, strict=True)
        ]
        fig = go.Figure(
            go.Bar(
                x=[0 if v is None else v for v in values],
                y=names,
                orientation="h",
                marker={"color": LOYAL},
                text=texts,
                textposition="outside",
                cliponaxis=False,
                textfont={"color": "#212529"},
            )
        )
        fig.update_layout(
            **_layout(
                height=max(180, 60 + 36 * len(names)),
                margin={"l": 10, "r": 30, "t": 10, "b": 35},
                xaxis={
                    "range": [0, 130],
                    "tickvals": [0, 25, 50, 75, 100],
                    "ticktext": ["0%", "25%", "50%", "75%", "100%"],
                    "gridcolor": GRID,
                },
                yaxis={"autorange": "reversed", "automargin": True},
                showlegend=False,
            )
        )
        return fig
