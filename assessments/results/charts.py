"""Chart figures for a scored assessment, shared by the dashboard (plotly.js) and the PDF (SVG via kaleido).

Plain functions of an `AssessmentResult`: they only draw what the result shows, so anonymity holds here
too (a suppressed group has no scores to draw). Scores are plotted on the 0-100 scale.
"""

import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import plotly.graph_objects as go
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.results import wording
from assessments.scoring.result import DIFFERENCING, AssessmentResult, FactorStats, GroupResult, Thresholds
from assessments.scoring.rounding import display_round, display_text

BRAND = "#17496b"
ACCENT = "#e07a1f"
GRID = "#d7dee5"
MUTED = "#6c757d"
SUPPRESSED = "#e9ecef"
# The heatmap's colours from score 0 to 100 (plotly colorscale); the PDF's team table tints its cells with them.
HEATMAP_COLOURS: list[list[float | str]] = [[0, "#f4e1cf"], [0.35, "#f3efe6"], [0.6, "#cfdde8"], [1, "#3f7aa3"]]
# Calm, distinguishable colours for overlays (teams, roles, management/staff, previous round).
OVERLAY_COLOURS = ("#2a9d8f", "#b56576", "#8d6cab", "#c9a227", "#5b8db8", "#7a9e7e", "#d08c60", "#4f6d7a")
NBSP = "\u00a0"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"

OVERLAYS = ("teams", "roles", "management", "previous")

_T = TypeVar("_T")


def _wrap(text: str, width: int = 14) -> str:
    """Short lines for a chart label; a word too long for a line breaks after a bracket or hyphen."""
    words: list[str] = []
    for word in text.split():
        if len(word) > width + 2:
            word = re.sub(r"([)\-])(?=\w)", "\\1 ", word)
        words.append(word)
    return "<br>".join(textwrap.wrap(" ".join(words), width=width, break_long_words=False)) or text


def plain(name: object) -> str:
    """A team, role or organisation name as text: plotly renders a subset of HTML in names and labels."""
    return html.escape(str(name), quote=True)


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 12, "color": "#212529"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 40, "r": 40, "t": 30, "b": 30},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.08, "xanchor": "center", "x": 0.5},
    }
    layout.update(extra)
    return layout


def _closed(values: list[_T]) -> list[_T]:
    """Radar lines close on the first point."""
    return [*values, values[0]] if values else values


def radar_theta(*, result: AssessmentResult, language: str) -> list[str]:
    """The radar's angular labels (closed): traces added from elsewhere must use exactly these."""
    return _closed([_wrap(f.name(language)) for f in result.factors])


def _radar_trace(
    *,
    result: AssessmentResult,
    scores: Iterable[float | None],
    name: str,
    colour: str,
    language: str,
    dash: str = "solid",
    fill: str | None = None,
    overlay: str | None = None,
    margins: Iterable[float | None] | None = None,
) -> go.Scatterpolar:
    theta = radar_theta(result=result, language=language)
    # The hover gives each score's margin of error (scoring.statistics), rounded by the one rule as the score.
    notes = _closed([f" ± {display_text(m)}" if m is not None else "" for m in margins] if margins else [])
    trace = go.Scatterpolar(
        # Rounded once, by the one rule, to the whole points the hover shows (its .0f then changes nothing).
        r=_closed([display_round(s) for s in scores]),
        theta=theta,
        name=name,
        mode="lines+markers",
        line={"color": colour, "width": 2.5 if overlay is None else 2, "dash": dash},
        marker={"size": 6 if overlay is None else 5},
        fill=fill,
        fillcolor=f"rgba{_rgba(colour, 0.15)}" if fill else None,
        connectgaps=False,
        customdata=notes or None,
        hovertemplate="%{theta}: %{r:.0f}"
        + ("%{customdata}" if notes else "")
        + "<extra>"
        + name.replace("%", "%%").replace("{", "&#123;")
        + "</extra>",
        meta={"overlay": overlay} if overlay else None,
    )
    return trace


def _rgba(hex_colour: str, alpha: float) -> tuple[int, int, int, float]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)


def _group_scores(group: GroupResult) -> list[float | None]:
    return [s.score for s in group.factors]


RADAR_TEAMS = 8  # more team lines than this on one radar cannot be told apart
RADAR_EXTREMES = 3  # then the strongest and the weakest this many


def group_average(group: GroupResult) -> float | None:
    """The group's index, or the mean of the factor scores it shows when one of them is hidden."""
    if group.index is not None:
        return group.index
    scores = [f.score for f in group.factors if f.score is not None]
    return sum(scores) / len(scores) if scores else None


def _radar_teams(groups: list[GroupResult]) -> list[GroupResult]:
    """Every team, or with many teams the strongest and the weakest few (the heatmap's table lists them all)."""
    if len(groups) <= RADAR_TEAMS:
        return groups
    scored = sorted((g for g in groups if group_average(g) is not None), key=lambda g: -(group_average(g) or 0))
    return scored[:RADAR_EXTREMES] + scored[-RADAR_EXTREMES:]


def radar_overlay_traces(*, result: AssessmentResult, overlay: str, language: str) -> list[go.Scatterpolar]:
    """Extra radar traces for one overlay: "teams", "roles", "management" (vs staff) or "previous"."""
    with translation.override(language):
        traces: list[go.Scatterpolar] = []
        groups: list[GroupResult]
        if overlay == "teams":
            groups = _radar_teams([g for g in result.teams if g.group.depth == 0 and not g.suppressed])
        elif overlay == "roles":
            groups = [g for g in result.roles if not g.suppressed]
        elif overlay == "management":
            groups = [g for g in (result.management, result.staff) if g is not None and not g.suppressed]
        elif overlay == "previous":
            if not result.changes:
                return []
            return [
                _radar_trace(
                    result=result,
                    scores=[c.previous_score for c in result.changes],
                    margins=[c.previous_margin for c in result.changes],
                    name=_("Previous round"),
                    colour=MUTED,
                    language=language,
                    dash="dot",
                    overlay=overlay,
                )
            ]
        else:
            raise ValueError(f"unknown overlay {overlay!r}")
        for i, group in enumerate(groups):
            name = _("Management") if group.group.kind == "management" else plain(group.group.name(language))
            if group.group.kind == "staff":
                name = _("Staff")
            traces.append(
                _radar_trace(
                    result=result,
                    scores=_group_scores(group),
                    margins=[f.margin for f in group.factors],
                    name=name,
                    colour=OVERLAY_COLOURS[i % len(OVERLAY_COLOURS)],
                    language=language,
                    dash="dash" if group.group.kind == "staff" else "solid",
                    overlay=overlay,
                )
            )
        return traces


def available_overlays(result: AssessmentResult) -> list[str]:
    """Overlays that would draw at least one line."""
    return [o for o in OVERLAYS if radar_overlay_traces(result=result, overlay=o, language="en")]


def radar_figure(*, result: AssessmentResult, overlays: Iterable[str] = (), language: str) -> go.Figure:
    """Current (and ambition) of the organisation per factor, plus the chosen overlays."""
    with translation.override(language):
        fig = go.Figure()
        org = result.organisation
        fig.add_trace(
            _radar_trace(
                result=result,
                scores=_group_scores(org),
                margins=[f.margin for f in org.factors],
                name=_("Current"),
                colour=BRAND,
                language=language,
                fill="toself",
            )
        )
        # Only with data: a legend entry "Ambition" without a line would claim a measurement that is not there.
        if result.ambition_used:
            fig.add_trace(
                _radar_trace(
                    result=result,
                    scores=[s.ambition_score for s in org.factors],
                    name=_("Ambition"),
                    colour=ACCENT,
                    language=language,
                    dash="dash",
                )
            )
        for overlay in overlays:
            for trace in radar_overlay_traces(result=result, overlay=overlay, language=language):
                fig.add_trace(trace)
        fig.update_layout(
            **_layout(
                polar={
                    "bgcolor": "rgba(0,0,0,0)",
                    "radialaxis": {
                        "range": [0, 100],
                        "tickvals": [20, 40, 60, 80],
                        "gridcolor": GRID,
                        "linecolor": GRID,
                        "tickfont": {"size": 10, "color": MUTED},
                        # Ticks between the first two factors, away from the labels.
                        "angle": 90 - 180 / max(1, len(result.factors)),
                        "tickangle": 90 - 180 / max(1, len(result.factors)),
                    },
                    "angularaxis": {"gridcolor": GRID, "linecolor": GRID, "direction": "clockwise", "rotation": 90},
                },
                showlegend=True,
                # Plotly reserves no room for the angular labels: wide sides keep wrapped Dutch names whole.
                margin={"l": 105, "r": 105, "t": 50, "b": 40},
            )
        )
        return fig


def heatmap_rows(result: AssessmentResult) -> list[GroupResult]:
    """The organisation and its teams (indented by depth), as the heatmap and its table show them."""
    return [result.organisation, *result.teams]


def _suppressed_text(group_or_stats: GroupResult | FactorStats, thresholds: Thresholds) -> str:
    """The short label inside a grey cell; the full reason (results.wording) is in its hover text."""
    if group_or_stats.suppressed_reason == DIFFERENCING:
        return _("hidden")
    return f"n<{thresholds.scores}"


def _row_label(group: GroupResult, language: str) -> str:
    # Labels are right-aligned, so sub-teams get a visible marker rather than an indent.
    prefix = (NBSP * 2 * (group.group.depth - 1) + "↳ ") if group.group.depth else ""
    return f"{prefix}{plain(group.group.name(language))} ({group.respondents})"


def _heatmap_grids(
    rows: Sequence[GroupResult], thresholds: Thresholds
) -> tuple[list[list[int | None]], list[list[str]], list[list[int | None]], list[list[str]], list[list[str]]]:
    """Scores and their labels, and the grey layer of hidden cells with its labels and reasons."""
    z: list[list[int | None]] = []
    text: list[list[str]] = []
    hidden_z: list[list[int | None]] = []
    hidden_text: list[list[str]] = []
    reasons: list[list[str]] = []
    for group in rows:
        z_row: list[int | None] = []
        t_row: list[str] = []
        hz_row: list[int | None] = []
        ht_row: list[str] = []
        reasons.append([wording.cell_text(group, stats, thresholds) or "" for stats in group.factors])
        for stats in group.factors:
            if stats.score is None:
                z_row.append(None)
                t_row.append("")
                hz_row.append(1)
                ht_row.append(_suppressed_text(group if group.suppressed else stats, thresholds))
            else:
                z_row.append(display_round(stats.score))
                t_row.append(display_text(stats.score))
                hz_row.append(None)
                ht_row.append("")
        z.append(z_row)
        text.append(t_row)
        hidden_z.append(hz_row)
        hidden_text.append(ht_row)
    return z, text, hidden_z, hidden_text, reasons


def heatmap_figure(*, result: AssessmentResult, language: str) -> go.Figure:
    """Teams x factors; hidden cells are grey with their reason, never drawn as a low score."""
    with translation.override(language):
        rows = heatmap_rows(result)
        factors = [f.name(language) for f in result.factors]
        # Non-breaking spaces indent sub-teams (plotly trims ordinary leading spaces).
        labels = [_row_label(g, language) for g in rows]
        z, text, hidden_z, hidden_text, reasons = _heatmap_grids(rows, result.thresholds)
        x = [_wrap(name, 12) for name in factors]
        fig = go.Figure()
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=x,
                y=labels,
                text=text,
                texttemplate="%{text}",
                zmin=0,
                zmax=100,
                colorscale=HEATMAP_COLOURS,
                colorbar={"title": {"text": _("Score")}, "thickness": 12, "len": 0.8},
                hovertemplate="%{y}<br>%{x}: %{z:.0f}<extra></extra>",
                xgap=2,
                ygap=2,
                name=_("Score"),
            )
        )
        fig.add_trace(
            go.Heatmap(
                z=hidden_z,
                x=x,
                y=labels,
                text=hidden_text,
                texttemplate="%{text}",
                textfont={"color": MUTED},
                colorscale=[[0, SUPPRESSED], [1, SUPPRESSED]],
                showscale=False,
                customdata=reasons,
                hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
                xgap=2,
                ygap=2,
                name=_("Hidden"),
            )
        )
        fig.update_layout(
            **_layout(
                margin={"l": 10, "r": 10, "t": 10, "b": 10},
                height=max(220, 60 + 36 * len(rows)),
                xaxis={"side": "top", "tickfont": {"size": 11}, "tickangle": 0, "fixedrange": True},
                yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
                showlegend=False,
            )
        )
        fig.update_xaxes(automargin=True)
        return fig


def distribution_figure(*, result: AssessmentResult, language: str) -> go.Figure:
    """Per factor, the share of the organisation's respondents at each scale point (stacked bars)."""
    with translation.override(language):
        factors = list(result.factors)
        stats = [result.organisation.factor(f.code) for f in factors]
        y = [_wrap(f.name(language), 24) for f in factors]
        palette = ["#c8553d", "#e9a46a", "#e6e1d6", "#8fb3cf", BRAND]
        fig = go.Figure()
        points = result.scale.points
        for i, point in enumerate(points):
            shares: list[int | None] = []
            for s in stats:
                if s.distribution is None or not sum(s.distribution):
                    shares.append(None)
                else:
                    shares.append(display_round(100 * s.distribution[i] / sum(s.distribution)))
            fig.add_trace(
                go.Bar(
                    x=shares,
                    y=y,
                    orientation="h",
                    name=point.label(language),
                    marker={"color": palette[round(i * (len(palette) - 1) / max(1, len(points) - 1))]},
                    hovertemplate="%{y}: %{x:.0f}%<extra>" + point.label(language) + "</extra>",
                )
            )
        fig.update_layout(
            **_layout(
                barmode="stack",
                height=max(240, 60 + 46 * len(factors)),
                xaxis={"range": [0, 100], "ticksuffix": "%", "gridcolor": GRID, "fixedrange": True},
                yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
                margin={"l": 10, "r": 10, "t": 10, "b": 10},
            )
        )
        return fig
