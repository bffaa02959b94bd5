"""The PDF report's view models: a page per factor, the level scale, strengths and management vs staff."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from assessments.results import wording
from assessments.results.lenses import factor_layer_scores
from assessments.results.quotes import Quotes, pick_quotes
from assessments.results.services.report_format import signed
from assessments.scoring.result import (
    AssessmentResult,
    FactorChange,
    FactorStats,
    GroupResult,
    LevelInfo,
    ScaleInfo,
)
from assessments.scoring.rounding import display_round

# What report_document hands over from the model (selectors.reports): keyed by (factor code, level code).
AdviceRows = Mapping[tuple[str, str], Mapping[str, Any]]
LibraryRows = Mapping[tuple[str, str], Sequence[Mapping[str, str]]]


@dataclass
class FactorPage:
    code: str
    number: int
    name: str
    description: str
    respondents: int | None  # None for a hidden factor: a hidden cell reveals no count
    suppressed: bool
    score: float | None
    level: LevelInfo | None
    next_level: LevelInfo | None
    consensus: float | None
    sd: float | None
    dont_know_rate: float | None
    ambition_score: float | None
    gap_score: float | None
    distribution: list[dict[str, Any]] = field(default_factory=list)
    change: str | None = None
    previous_score: float | None = None
    margin: float | None = None  # the score's margin of error (scoring.statistics), 0-100 points
    change_mark: FactorChange | None = None  # the change with its margin, for results/_change_mark.html
    comments: tuple[str, ...] = ()  # the quotes shown: the most distinct few (see results.quotes), alphabetical
    comments_total: int = 0  # distinct comments on the factor
    quotes_picked: bool = False  # the comments are the quotes a manager picked, not the automatic choice
    advice: list[dict[str, str]] = field(
        default_factory=list
    )  # [{"title": ..., "how_to": ...}]; how_to "" without a library
    layer_rows: list[dict[str, Any]] = field(
        default_factory=list
    )  # the score, basics and 9+ per group (see _layer_rows)
    layer_groups: list[str] = field(default_factory=list)  # the groups' column headers
    priority_rank: int | None = None
    consensus_label: str = ""
    hidden_reason: str = ""
    level_text: str = ""  # what this factor looks like at its level (falls back to the general level text)


def _consensus_label(consensus: float | None) -> str:
    if consensus is None:
        return ""
    if consensus >= 75:
        return gettext("broad agreement")
    if consensus >= 55:
        return gettext("moderate agreement")
    return gettext("opinions differ widely: worth discussing")


def _distribution_rows(stats: FactorStats, scale: ScaleInfo, language: str) -> list[dict[str, Any]]:
    if not stats.distribution:
        return []
    total = sum(stats.distribution) or 1
    peak = max(stats.distribution) or 1
    rows: list[dict[str, Any]] = []
    for point, count in zip(scale.points, stats.distribution, strict=False):
        rows.append(
            {
                "value": point.value,
                "label": point.label(language),
                "count": count,
                "percent": display_round(100 * count / total),
                "bar": round(100 * count / peak),
            }
        )
    return rows


def _advice(
    code: str, level_code: str | None, language: str, advice_by_key: AdviceRows, library_by_key: LibraryRows
) -> list[dict[str, str]]:
    """The actions advised at the factor's level: from the action library with their how-to where the model
    has one, else the model's advice lines (titles only)."""
    if not level_code:
        return []
    library = library_by_key.get((code, level_code))
    if library:
        return [
            {"title": a[f"title_{language}"] or a["title_en"], "how_to": a[f"how_to_{language}"] or a["how_to_en"]}
            for a in library
        ]
    row = advice_by_key.get((code, level_code))
    if not row:
        return []
    return [{"title": title, "how_to": ""} for title in row[f"actions_{language}"] or row["actions_en"]]


def _layer_groups(result: AssessmentResult) -> list[tuple[str, GroupResult, str]]:
    """Organisation, and management and staff when the organisation marks management roles."""
    groups: list[tuple[str, GroupResult, str]] = [("organisation", result.organisation, gettext("Organisation"))]
    if result.management is not None and result.staff is not None:
        groups += [("management", result.management, gettext("Management")), ("staff", result.staff, gettext("Staff"))]
    return groups


def _layer_rows(
    result: AssessmentResult, code: str, groups: Sequence[tuple[str, GroupResult, str]]
) -> list[dict[str, Any]]:
    """Rows score / basics / 9+ moments, a cell per group: {"value": float} or {"hidden": reason label}."""
    rows: list[dict[str, Any]] = [{"label": gettext("Score"), "cells": []}]
    has_layers = result.lenses_for("organisation") is not None
    if has_layers:
        rows += [{"label": gettext("Basics (7+)"), "cells": []}, {"label": gettext("9+ moments"), "cells": []}]
    for key, group, _label in groups:
        stats = group.factor(code)
        hidden = wording.cell_text(group, stats, result.thresholds)
        rows[0]["cells"].append({"value": stats.score, "hidden": hidden})
        if has_layers:
            for row, value in zip(rows[1:], factor_layer_scores(result, key, code), strict=True):
                row["cells"].append({"value": value, "hidden": hidden or (gettext("hidden") if value is None else "")})
    return rows


def factor_pages(
    *,
    result: AssessmentResult,
    language: str,
    advice_by_key: AdviceRows,
    comments_by_factor: Mapping[str, Sequence[str]],
    changes_by_factor: Mapping[str, FactorChange],
    priority_ranks: Mapping[str, int],
    library_by_key: LibraryRows | None = None,
    quotes_picked: bool = False,
) -> list[FactorPage]:
    levels = list(result.levels)
    groups = _layer_groups(result)
    pages: list[FactorPage] = []
    for number, info in enumerate(result.factors, start=1):
        stats = result.organisation.factor(info.code)
        level = result.level(stats.level_code) if stats.level_code else None
        next_level = None
        if level is not None:
            next_level = next((lv for lv in levels if lv.order > level.order), None)
        given = comments_by_factor.get(info.code, ())
        # Picked quotes are shown as picked (all of them); otherwise the most distinct few.
        quotes = Quotes(shown=tuple(given), total=len(given)) if quotes_picked else pick_quotes(given)
        change = changes_by_factor.get(info.code)
        pages.append(
            FactorPage(
                code=info.code,
                number=number,
                name=info.name(language),
                description=info.description(language),
                respondents=stats.n,
                suppressed=stats.suppressed,
                hidden_reason=wording.reason_explanation(
                    stats.suppressed_reason,
                    threshold=result.thresholds.scores,
                    respondents=result.organisation.respondents,
                )
                if stats.suppressed
                else "",
                score=stats.score,
                level=level,
                next_level=next_level,
                consensus=stats.consensus,
                sd=stats.sd,
                dont_know_rate=None if stats.dont_know_rate is None else 100 * stats.dont_know_rate,
                ambition_score=stats.ambition_score,
                gap_score=stats.gap_score,
                distribution=_distribution_rows(stats, result.scale, language),
                change=signed(change.change) if change is not None and change.change is not None else None,
                previous_score=change.previous_score if change is not None else None,
                margin=stats.margin,
                change_mark=change if change is not None and change.change is not None else None,
                comments=quotes.shown,
                comments_total=quotes.total,
                quotes_picked=quotes_picked and bool(quotes.shown),
                advice=_advice(info.code, stats.level_code, language, advice_by_key, library_by_key or {}),
                layer_rows=_layer_rows(result, info.code, groups),
                layer_groups=[label for _key, _group, label in groups],
                level_text=result.factor_level_text(info.code, stats.level_code, language) if level else "",
                priority_rank=priority_ranks.get(info.code),
                consensus_label=_consensus_label(stats.consensus),
            )
        )
    return pages


def level_bands(result: AssessmentResult, index: float | None) -> list[dict[str, Any]]:
    bands: list[dict[str, Any]] = []
    levels = list(result.levels)
    for position, level in enumerate(levels):
        high = levels[position + 1].min_score if position + 1 < len(levels) else 100
        bands.append(
            {
                "level": level,
                "low": level.min_score,
                "high": high,
                "width": high - level.min_score,
                "current": index is not None and level.min_score <= index < high + (1 if high == 100 else 0),
            }
        )
    return bands


def strengths(result: AssessmentResult, pages: Sequence[FactorPage]) -> list[FactorPage]:
    """The factor pages of the result's strengths (see `wording.STRENGTH_MIN_SCORE`), best first."""
    by_code = {p.code: p for p in pages}
    return [by_code[code] for code in wording.strength_codes(result)]


def perception_rows(result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    """Management and staff on every factor; a hidden cell says why, a factor shown for both has its difference."""
    if result.management is None or result.staff is None or result.management.suppressed or result.staff.suppressed:
        return []
    rows: list[dict[str, Any]] = []
    for gap in result.perception_gaps:
        management = result.management.factor(gap.factor_code)
        staff = result.staff.factor(gap.factor_code)
        rows.append(
            {
                "name": result.factor(gap.factor_code).name(language),
                "management": gap.management_score,
                "staff": gap.staff_score,
                "management_hidden": wording.cell_text(result.management, management, result.thresholds),
                "staff_hidden": wording.cell_text(result.staff, staff, result.thresholds),
                "gap": signed(gap.gap),
                "large": gap.gap is not None and abs(gap.gap) >= 10,
            }
        )
    return rows if any(r["gap"] is not None for r in rows) else []
