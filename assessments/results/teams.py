"""Teams ranked by their average score, and the heatmap of the strongest and weakest when there are many.

A heatmap of two hundred teams is a chart nobody reads, on a page or on paper. Above `CHART_TEAMS` teams the
dashboard and the PDF report draw the strongest and the weakest `EXTREMES` teams, with a row between them that
says how many teams are left out; the dashboard's table and the report's appendix list every team.
"""

import dataclasses
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from django.utils.translation import ngettext

from assessments.results import charts
from assessments.scoring.result import AssessmentResult, GroupResult

CHART_TEAMS = 16  # the most teams one heatmap shows readably (an A4 page, a laptop screen and a bit)
EXTREMES = 8  # above CHART_TEAMS: the strongest and the weakest this many


def many(visible_teams: Sequence[GroupResult]) -> bool:
    """Whether the teams are too many for one chart: the report then shows extremes, spread and appendix."""
    return len(visible_teams) > CHART_TEAMS


def team_average(group: GroupResult) -> float | None:
    """The team's index, or the mean of the factor scores it shows when one of them is hidden."""
    return charts.group_average(group)


def ranked(visible_teams: Sequence[GroupResult]) -> list[tuple[int, GroupResult]]:
    """(rank, team), strongest first; teams without any score are not ranked. Ties keep the tree order."""
    scored = [(team_average(t), position, t) for position, t in enumerate(visible_teams)]
    ordered = sorted(((-avg, position, t) for avg, position, t in scored if avg is not None), key=lambda x: x[:2])
    return [(rank, team) for rank, (_avg, _position, team) in enumerate(ordered, start=1)]


def extremes(
    visible_teams: Sequence[GroupResult],
) -> tuple[list[tuple[int, GroupResult]], list[tuple[int, GroupResult]]]:
    """The strongest and the weakest EXTREMES teams, each with its rank, strongest first in both lists."""
    order = ranked(visible_teams)
    if len(order) <= 2 * EXTREMES:
        half = (len(order) + 1) // 2
        return order[:half], order[half:]
    return order[:EXTREMES], order[-EXTREMES:]


def _flat(group: GroupResult) -> GroupResult:
    # A ranked list is no tree: no sub-team marker.
    return dataclasses.replace(group, group=dataclasses.replace(group.group, depth=0))


def _label(rank: int, group: GroupResult, language: str) -> str:
    return f"{rank}. {charts.plain(group.group.name(language))} ({group.respondents})"


def _insert_row(values: Any, at: int, width: int, empty: object) -> list[Any]:
    rows = [list(row) for row in values]
    return [*rows[:at], [empty] * width, *rows[at:]]


def extremes_figure(*, result: AssessmentResult, teams: Sequence[GroupResult], language: str) -> go.Figure:
    """The heatmap of the organisation, the strongest and the weakest teams of `teams`, and a row between."""
    strongest, weakest = extremes(teams)
    chosen = tuple(_flat(team) for _rank, team in (*strongest, *weakest))
    figure = charts.heatmap_figure(result=dataclasses.replace(result, teams=chosen), language=language)
    others = len(teams) - len(chosen)
    separator = "⋯ " + ngettext("%(count)s other team", "%(count)s other teams", others) % {"count": others} + " ⋯"
    labels = [
        figure.data[0].y[0],
        *(_label(rank, team, language) for rank, team in strongest),
        separator,
        *(_label(rank, team, language) for rank, team in weakest),
    ]
    at = 1 + len(strongest)
    width = len(result.factors)
    for trace in figure.data:
        trace.z = _insert_row(trace.z, at, width, None)
        trace.text = _insert_row(trace.text, at, width, "")
        if trace.customdata is not None:
            trace.customdata = _insert_row(trace.customdata, at, width, "")
        trace.y = labels
    figure.update_xaxes(showgrid=False)
    figure.update_yaxes(showgrid=False)
    figure.update_layout(height=60 + 36 * len(labels))
    return figure
