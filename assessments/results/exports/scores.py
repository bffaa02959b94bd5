"""The scores export: every factor of every group, hidden cells with their reason and no figures."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from assessments.results import wording
from assessments.results.lenses import factor_layer_scores, lens_export_rows
from assessments.scoring.result import AssessmentResult
from assessments.scoring.rounding import display_round


def _round(value: float | None, digits: int = 2) -> float | None:
    rounded: float | None = display_round(value, digits)
    return rounded


def _kinds() -> dict[str, str]:
    return {
        "organisation": _("Organisation"),
        "team": _("Team"),
        "role": _("Role"),
        "team_role": _("Team × role"),
        "management": _("Management"),
        "staff": _("Staff"),
    }


def score_header() -> list[str]:
    return [
        _("Group type"),
        _("Group"),
        _("Respondents"),
        _("Factor code"),
        _("Factor"),
        _("Status"),
        _("Counted respondents"),
        _("Mean (answer scale)"),
        _("Median (answer scale)"),
        _("Score (0-100)"),
        _("Margin of error (95%, ± points)"),
        _("Level"),
        _("Standard deviation (answer scale)"),
        _("Consensus (0-100)"),
        _("Don't know rate"),
        _("Ambition (0-100)"),
        wording.gap_header(),
        _("Basics (7+) score"),
        _("9+ moments score"),
    ]


def score_rows(result: AssessmentResult, language: str) -> Iterator[list[Any]]:
    kinds = _kinds()
    for group in result.groups():
        for stats in group.factors:
            level = result.level(stats.level_code)
            hidden = wording.cell_text(group, stats, result.thresholds)
            basis, nine_plus = factor_layer_scores(result, group.group.key, stats.factor_code)
            yield [
                kinds[group.group.kind],
                group.group.name(language),
                group.respondents,
                stats.factor_code,
                result.factor(stats.factor_code).name(language),
                hidden or wording.shown_text(),
                None if hidden else stats.n,
                _round(stats.mean),
                _round(stats.median),
                _round(stats.score, 1),
                _round(stats.margin, 1),
                level.name(language) if level else None,
                _round(stats.sd),
                _round(stats.consensus, 1),
                _round(stats.dont_know_rate, 3),
                _round(stats.ambition_score, 1),
                _round(stats.gap_score, 1),
                _round(basis, 1),
                _round(nine_plus, 1),
            ]
        yield from lens_export_rows(result, group, kinds, language)
