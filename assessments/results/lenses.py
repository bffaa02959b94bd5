"""The model's two lenses as shown on the dashboard, in the PDF and in the exports (v2 models).

7+ basics vs 9+ moments: reliable service everywhere versus the exceptional moments customers remember.
SERVQUAL: where the chain from knowing customers to keeping promises breaks. The scores come from
`AssessmentResult.lenses`, where anonymity has already been applied: a hidden score is None here.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.results import wording
from assessments.scoring.result import AssessmentResult, GroupResult, LensScore
from assessments.scoring.rounding import display_round

GAPS = ("knowledge", "standards", "delivery", "communication")


def gap_texts() -> dict[str, tuple[str, str]]:
    """{gap: (name, question)} in the active language."""
    return {
        "knowledge": (_("Knowing"), _("Do we know what customers expect and experience?")),
        "standards": (_("Designing"), _("Are those expectations turned into service standards and designs?")),
        "delivery": (_("Delivering"), _("Do people and systems deliver to the standard?")),
        "communication": (_("Promising"), _("Do our promises match what we deliver?")),
    }


def _score(lens: LensScore | None) -> float | None:
    return None if lens is None or lens.suppressed else lens.score


def _margin(lens: LensScore | None) -> float | None:
    return None if lens is None or lens.suppressed else lens.margin


def _weakest(rows: list[dict[str, Any]]) -> str | None:
    scored = [r for r in rows if r["organisation"] is not None]
    weakest: str | None = min(scored, key=lambda r: r["organisation"])["key"] if len(scored) > 1 else None
    return weakest


def lens_context(result: AssessmentResult, language: str) -> dict[str, Any]:
    """{"lenses": None} for models without tags, else the figures the lens sections show."""
    org = result.lenses_for("organisation")
    if org is None:
        return {"lenses": None}
    management = result.lenses_for("management")
    staff = result.lenses_for("staff")
    texts = gap_texts()
    servqual: list[dict[str, Any]] = []
    for i, gap in enumerate(GAPS):
        name, question = texts[gap]
        servqual.append(
            {
                "key": gap,
                "step": i + 1,
                "name": name,
                "question": question,
                "organisation": _score(org.servqual[i]),
                "organisation_margin": _margin(org.servqual[i]),
                "management": _score(management.servqual[i]) if management else None,
                "staff": _score(staff.servqual[i]) if staff else None,
            }
        )
    weakest = _weakest(servqual)
    for row in servqual:
        row["weakest"] = row["key"] == weakest
    factors = [
        {
            "name": info.name(language),
            "basis": _score(org.factor(info.code).basis),
            "nine_plus": _score(org.factor(info.code).nine_plus),
            "basis_margin": _margin(org.factor(info.code).basis),
            "nine_plus_margin": _margin(org.factor(info.code).nine_plus),
        }
        for info in result.factors
    ]
    return {
        "lenses": {
            "basis": _score(org.basis),
            "nine_plus": _score(org.nine_plus),
            "basis_margin": _margin(org.basis),
            "nine_plus_margin": _margin(org.nine_plus),
            "factors": factors,
            "servqual": servqual,
            "weakest": next((r for r in servqual if r["weakest"]), None),
            "has_management": management is not None,
        }
    }


def _lens_hidden_text(result: AssessmentResult, group: GroupResult, lens: LensScore) -> str | None:
    """Why a lens row is hidden: the group's own reason first, as its factor rows say; else too few counted
    for the lens, or a factor the overall figure rests on is hidden."""
    if group.suppressed:
        return wording.cell_text(group, None, result.thresholds)
    if lens.n < result.thresholds.scores:
        return ngettext(
            "hidden: fewer than %(threshold)s respondent counted for it",
            "hidden: fewer than %(threshold)s respondents counted for it",
            result.thresholds.scores,
        ) % {"threshold": result.thresholds.scores}
    return _("hidden: a factor it rests on is hidden")


def lens_export_rows(
    result: AssessmentResult, group: GroupResult, kinds: Mapping[str, str], language: str
) -> list[list[Any]]:
    """Extra score-export rows of one group: overall basics, 9+ moments and the four SERVQUAL gaps."""
    lenses = result.lenses_for(group.group.key)
    if lenses is None:
        return []
    texts = gap_texts()
    named = [("lens:basis", _("Basics (7+)"), lenses.basis), ("lens:nine_plus", _("9+ moments"), lenses.nine_plus)]
    named += [(f"servqual:{gap}", texts[gap][0], lens) for gap, lens in zip(GAPS, lenses.servqual, strict=True)]
    rows: list[list[Any]] = []
    for code, name, lens in named:
        rows.append(
            [
                kinds[group.group.kind],
                group.group.name(language),
                group.respondents,
                code,
                name,
                _lens_hidden_text(result, group, lens) if lens.suppressed else _("shown"),
                None if lens.suppressed else lens.n,  # a hidden cell reveals no count
                None,
                None,
                display_round(lens.score, 1),
                display_round(lens.margin, 1),
            ]
        )
    return rows


def factor_layer_scores(
    result: AssessmentResult, group_key: str, factor_code: str
) -> tuple[float | None, float | None]:
    """(basics, 9+ moments) scores of one factor in one group, None where hidden or not a v2 model."""
    lenses = result.lenses_for(group_key)
    if lenses is None:
        return None, None
    layers = lenses.factor(factor_code)
    return _score(layers.basis), _score(layers.nine_plus)
