"""The PDF report's teams, readable at any size: a handful of teams or two hundred.

An A4 page holds a heatmap of about sixteen teams. Up to that many the report draws them all, in tree order.
Beyond it the chart shows the strongest and the weakest `EXTREMES` teams (ranked by their average score) with
a row saying how many teams lie between; a page shows how far apart the teams are (per factor the weakest
and strongest team and the middle half, and how many teams reach each level); and an appendix lists every
team in a tinted table, `APPENDIX_ROWS` a page with its header repeated. Hidden teams never appear (see
`report_document._chart_specs`).
"""

import dataclasses
import statistics
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext

from assessments.core.colours import readable_on
from assessments.results import charts
from assessments.results.teams import extremes, extremes_figure, many, ranked, team_average
from assessments.results.wording import cell_text
from assessments.scoring.result import AssessmentResult, GroupResult

APPENDIX_ROWS = 25  # teams per page of the appendix table
# Heights in CSS pixels at the chart width (640 px = 170 mm): a page holds about 700 beside its title and notes.
ROW_HEIGHT = 36
CHART_CHROME = 230  # the angled factor names and margins
MAX_HEIGHT = 700


def heatmap_spec(*, result: AssessmentResult, visible_teams: Sequence[GroupResult], language: str) -> tuple[Any, int]:
    """The print heatmap's plotly figure and its height: every team, or the extremes with a row between."""
    if not many(visible_teams):
        figure = charts.heatmap_figure(
            result=dataclasses.replace(result, teams=tuple(visible_teams)), language=language
        )
        return figure, max(300, min(MAX_HEIGHT, CHART_CHROME + ROW_HEIGHT * (len(visible_teams) + 1)))
    figure = extremes_figure(result=result, teams=visible_teams, language=language)
    return figure, min(MAX_HEIGHT, CHART_CHROME + ROW_HEIGHT * len(figure.data[0].y))


# ---------------------------------------------------------------- the spread page


def _quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q1, _median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def spread_rows(
    *, result: AssessmentResult, visible_teams: Sequence[GroupResult], language: str
) -> list[dict[str, Any]]:
    """Per factor: the weakest and strongest team with their scores, the middle half and the median."""
    rows: list[dict[str, Any]] = []
    for info in result.factors:
        scored = [(t.factor(info.code).score, t) for t in visible_teams]
        present = [(score, t) for score, t in scored if score is not None]
        if not present:
            continue
        values = sorted(score for score, _t in present)
        low_score, low = min(present, key=lambda pair: pair[0])
        high_score, high = max(present, key=lambda pair: pair[0])
        q1, q3 = _quartiles(values)
        rows.append(
            {
                "name": info.name(language),
                "teams": len(values),
                "lowest": low_score,
                "lowest_team": low.group.name(language),
                "q1": q1,
                "median": statistics.median(values),
                "q3": q3,
                "highest": high_score,
                "highest_team": high.group.name(language),
                "range": high_score - low_score,
            }
        )
    return rows


def level_counts(
    *, result: AssessmentResult, visible_teams: Sequence[GroupResult], language: str
) -> list[dict[str, Any]]:
    """How many teams reach each level (by their index), lowest level first; teams without an index last."""
    counts = {level.code: 0 for level in result.levels}
    without = 0
    for team in visible_teams:
        if team.level_code in counts:
            counts[team.level_code] += 1
        else:
            without += 1
    peak = max([*counts.values(), without, 1])
    rows = [
        {"label": level.name(language), "count": counts[level.code], "bar": round(100 * counts[level.code] / peak)}
        for level in result.levels
    ]
    if without:
        rows.append(
            {"label": gettext("No index (a factor hidden)"), "count": without, "bar": round(100 * without / peak)}
        )
    return rows


# ---------------------------------------------------------------- the appendix


def _colour(score: float) -> str:
    """The heatmap's colour at this score (linear between the stops of charts.HEATMAP_COLOURS)."""
    position = max(0.0, min(1.0, score / 100))
    stops = [(float(value), str(colour)) for value, colour in charts.HEATMAP_COLOURS]
    for (low, low_hex), (high, high_hex) in zip(stops, stops[1:], strict=False):
        if position <= high:
            share = 0.0 if high == low else (position - low) / (high - low)
            a = [int(low_hex[i : i + 2], 16) for i in (1, 3, 5)]
            b = [int(high_hex[i : i + 2], 16) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))
    return stops[-1][1]


def appendix_pages(
    *, result: AssessmentResult, visible_teams: Sequence[GroupResult], language: str
) -> list[dict[str, Any]]:
    """Every shown team in tree order, APPENDIX_ROWS a page: name, respondents, rank, average and tinted cells."""
    ranks = {team.group.key: rank for rank, team in ranked(visible_teams)}
    rows: list[dict[str, Any]] = []
    for team in visible_teams:
        cells: list[dict[str, Any]] = []
        for stats in team.factors:
            if stats.score is None:
                cells.append({"value": None, "hidden": cell_text(team, stats, result.thresholds) or gettext("hidden")})
            else:
                colour = _colour(stats.score)
                cells.append({"value": stats.score, "colour": colour, "text": readable_on(colour)})
        rows.append(
            {
                "name": team.group.name(language),
                "depth": team.group.depth,
                "respondents": team.respondents,
                "rank": ranks.get(team.group.key),
                "average": team_average(team),
                "cells": cells,
            }
        )
    return [
        {
            "first": start + 1,
            "last": start + len(rows[start : start + APPENDIX_ROWS]),
            "rows": rows[start : start + APPENDIX_ROWS],
        }
        for start in range(0, len(rows), APPENDIX_ROWS)
    ]


def teams_context(*, result: AssessmentResult, visible_teams: Sequence[GroupResult], language: str) -> dict[str, Any]:
    """What report.html needs for the teams beyond the heatmap: empty when one chart shows them all."""
    if not many(visible_teams):
        return {"many_teams": False}
    strongest, weakest = extremes(visible_teams)
    return {
        "many_teams": True,
        "team_extremes": len(strongest),
        "teams_between": len(visible_teams) - len(strongest) - len(weakest),
        "team_spread": spread_rows(result=result, visible_teams=visible_teams, language=language),
        "team_levels": level_counts(result=result, visible_teams=visible_teams, language=language),
        "team_pages": appendix_pages(result=result, visible_teams=visible_teams, language=language),
        "factor_key": [(number, info.name(language)) for number, info in enumerate(result.factors, start=1)],
    }
