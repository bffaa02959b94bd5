"""What the results dashboard shows, shaped from an AssessmentResult (no database access here)."""

import json
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from assessments.results import charts, teams, wording
from assessments.results.lenses import factor_layer_scores, lens_context
from assessments.scoring.cache import code_fingerprint, get_or_compute
from assessments.scoring.result import AssessmentResult, FactorStats
from assessments.scoring.rounding import display_round

# Building plotly figures validates every property and takes most of a warm dashboard's time, so their
# JSON is cached next to the result; the key changes with the result and with the chart code.
FIGURES_FORMAT = code_fingerprint(charts, teams)
PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


def _figure_json(fig: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(fig.to_json())
    return data


def _overlay_labels() -> dict[str, str]:
    return {
        "teams": _("Teams"),
        "roles": _("Roles"),
        "management": _("Management vs staff"),
        "previous": _("Previous round"),
    }


def _distribution(stats: FactorStats, result: AssessmentResult, language: str) -> list[dict[str, Any]] | None:
    if stats.distribution is None:
        return None
    total = sum(stats.distribution) or 1
    return [
        {
            "value": point.value,
            "label": point.label(language),
            "count": count,
            "percent": display_round(100 * count / total, 1),
            "step": i,
        }
        for i, (point, count) in enumerate(zip(result.scale.points, stats.distribution, strict=False))
    ]


def factor_cards(result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    gaps = {g.factor_code: g for g in result.perception_gaps}
    cards: list[dict[str, Any]] = []
    for info in result.factors:
        stats = result.organisation.factor(info.code)
        advice = result.advice_for(info.code)
        cards.append(
            {
                "info": info,
                "name": info.name(language),
                "description": info.description(language),
                "stats": stats,
                "level": result.level(stats.level_code),
                "level_name": level.name(language)
                if stats.level_code and (level := result.level(stats.level_code))
                else "",
                "level_description": result.factor_level_text(info.code, stats.level_code, language)
                if stats.level_code
                else "",
                "layers": factor_layer_scores(result, "organisation", info.code),
                "change": result.change_for(info.code),
                "alpha": result.alpha_for(info.code),
                "advice": advice.actions(language) if advice else [],
                "distribution": _distribution(stats, result, language),
                "perception_gap": gaps.get(info.code),
                "hidden_reason": _hidden_explanation(result, stats),
                "is_strongest": info.code == result.strongest,
                "is_weakest": info.code == result.weakest,
            }
        )
    return cards


def _hidden_explanation(result: AssessmentResult, stats: FactorStats) -> str:
    if not stats.suppressed:
        return ""
    return wording.reason_explanation(
        stats.suppressed_reason, threshold=result.thresholds.scores, respondents=result.organisation.respondents
    )


def heatmap_table(result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    return [
        {
            "group": group,
            "name": group.group.name(language),
            "indent": group.group.depth,
            "hidden": wording.cell_text(group, None, result.thresholds),
            "cells": [{"stats": s, "hidden": wording.cell_text(group, s, result.thresholds)} for s in group.factors],
        }
        for group in charts.heatmap_rows(result)
    ]


def _extremes_note(result: AssessmentResult) -> dict[str, int] | None:
    """How many teams the chart shows of how many, when it shows only the strongest and weakest."""
    if not teams.many(result.teams):
        return None
    strongest, weakest = teams.extremes(result.teams)
    return {"each": len(strongest), "total": len(result.teams)}


def perception_rows(result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    """Management and staff per factor: every factor either group may show, each hidden cell with its reason."""
    if result.management is None or result.staff is None:
        return []
    rows: list[dict[str, Any]] = []
    for info, gap in zip(result.factors, result.perception_gaps, strict=False):
        management, staff = result.management.factor(info.code), result.staff.factor(info.code)
        rows.append(
            {
                "gap": gap,
                "name": info.name(language),
                "management_hidden": wording.cell_text(result.management, management, result.thresholds),
                "staff_hidden": wording.cell_text(result.staff, staff, result.thresholds),
            }
        )
    return rows if any(not (r["management_hidden"] and r["staff_hidden"]) for r in rows) else []


Figures = tuple[list[str], dict[str, Any], dict[str, Any]]  # overlays, radar, heatmap


def _figures(result: AssessmentResult, language: str) -> Figures:
    overlays = charts.available_overlays(result)  # draws every overlay to see which have data: cache it too
    radar = {
        "figure": _figure_json(charts.radar_figure(result=result, language=language)),
        "overlays": {
            name: [
                t.to_plotly_json() for t in charts.radar_overlay_traces(result=result, overlay=name, language=language)
            ]
            for name in overlays
        },
        "config": PLOTLY_CONFIG,
    }
    # Two hundred teams make a chart nobody reads: the strongest and weakest, and the table lists them all.
    if teams.many(result.teams):
        figure = teams.extremes_figure(result=result, teams=result.teams, language=language)
    else:
        figure = charts.heatmap_figure(result=result, language=language)
    heatmap = {
        "figure": _figure_json(figure),
        "config": PLOTLY_CONFIG,
    }
    return overlays, radar, heatmap


def _level_name(result: AssessmentResult, code: str | None, language: str) -> str:
    level = result.level(code) if code else None
    return level.name(language) if level else ""


def dashboard_context(*, result: AssessmentResult, language: str, cache_key: str | None = None) -> dict[str, Any]:
    """Everything the dashboard template and dashboard.js need.

    cache_key: the result's cache key (see scoring.cached.result_cache_key); the figures are cached under it.
    """
    labels = _overlay_labels()
    if cache_key is None:
        overlays, radar, heatmap = _figures(result, language)
    else:
        # Figures hold translated labels: the key holds the content and the interface language.
        key = f"{cache_key}:figures:{FIGURES_FORMAT}:{language}:{translation.get_language()}"
        figures: Figures = get_or_compute(key, lambda: _figures(result, language))
        overlays, radar, heatmap = figures
    level = result.level(result.level_code)
    priorities = [
        {
            "priority": p,
            "name": result.factor(p.factor_code).name(language),
            # Not a walrus: inside a comprehension it would rebind the overall `level` above.
            "level_name": _level_name(result, p.level_code, language),
            "advice": p.advice(language),
        }
        for p in result.priorities
    ]
    comments = [
        {"name": result.factor(block.factor_code).name(language), "comments": block.comments}
        for block in result.comments
    ]
    gaps = perception_rows(result, language)
    has_teams = any(g.group.kind == "team" for g in result.teams)
    return {
        "result": result,
        "level": level,
        "level_name": level.name(language) if level else "",
        "level_description": level.description(language) if level else "",
        "strongest": result.factor(result.strongest).name(language) if result.strongest else "",
        "weakest": result.factor(result.weakest).name(language) if result.weakest else "",
        "cards": factor_cards(result, language),
        "alpha_explanation": wording.alpha_explanation() if any(a.alpha is not None for a in result.alpha) else "",
        "hidden_teams_summary": wording.hidden_teams_summary(result),
        "gap_unit_header": wording.gap_header(),
        "perception_unit_header": wording.perception_header(),
        "points_unit": wording.points_unit(),
        "factor_names": [info.name(language) for info in result.factors],
        "priorities": priorities,
        "comments": comments,
        "perception_gaps": gaps,
        "radar_rows": [
            {
                "name": info.name(language),
                "stats": result.organisation.factor(info.code),
                "change": result.change_for(info.code),
            }
            for info in result.factors
        ],
        "heatmap_rows": heatmap_table(result, language) if has_teams else [],
        "heatmap_extremes": _extremes_note(result) if has_teams else None,
        "overlays": [{"name": name, "label": labels[name]} for name in overlays],
        "radar_data": radar,
        "heatmap_data": heatmap if has_teams else None,
        **lens_context(result, language),
    }
