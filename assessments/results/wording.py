"""Result -> words: the one wording of every hidden reason, unit and label that outputs share.

The dashboard, both exports, the PDF report and `score_assessment --json` all describe the same
`AssessmentResult`; they say it with the functions here so a reason or a unit is never phrased two ways.
Texts follow the active language (callers wrap them in `translation.override`).
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.scoring.result import (
    DIFFERENCING,
    THRESHOLD,
    TOO_FEW_COUNTED,
    AssessmentResult,
    FactorStats,
    GroupResult,
    Thresholds,
)

# A factor is called a strength only from this score (0-100) up, rather than being the best of a weak set.
# (Stated as a score, not a school grade: the grade belongs to customers.)
STRENGTH_MIN_SCORE = 60
MAX_STRENGTHS = 3


# ---------------------------------------------------------------- hidden reasons


def reason_text(reason: str | None, *, threshold: int, respondents: int | None = None) -> str:
    """The short label of a hidden reason, e.g. in a table cell: "hidden: fewer than 5 respondents".

    respondents: the group's respondents (always public), named in the "too few counted" reason."""
    if reason == DIFFERENCING:
        return _("hidden to prevent subtraction")
    if reason == TOO_FEW_COUNTED:
        if respondents is None:
            return ngettext(
                "hidden: fewer than %(threshold)s respondent counted for this factor",
                "hidden: fewer than %(threshold)s respondents counted for this factor",
                threshold,
            ) % {"threshold": threshold}
        return ngettext(
            "hidden: fewer than %(threshold)s of the %(respondents)s respondent counted for this factor",
            "hidden: fewer than %(threshold)s of the %(respondents)s respondents counted for this factor",
            respondents,
        ) % {"threshold": threshold, "respondents": respondents}
    return ngettext(
        "hidden: fewer than %(threshold)s respondent",
        "hidden: fewer than %(threshold)s respondents",
        threshold,
    ) % {"threshold": threshold}


def reason_explanation(reason: str | None, *, threshold: int, respondents: int | None = None) -> str:
    """One sentence explaining a reason, for legends and notes."""
    if reason == DIFFERENCING:
        return _(
            "Hidden to prevent subtraction: these figures could otherwise be worked out by subtracting the "
            "other groups from the total."
        )
    if reason == TOO_FEW_COUNTED:
        return (
            _(
                "Hidden: a respondent counts for a factor after answering at least half of its statements, and "
                "fewer than %(threshold)s of the %(respondents)s respondents did, so nobody's answers can be "
                "recognised."
            )
            if respondents is not None
            else _(
                "Hidden: a respondent counts for a factor after answering at least half of its statements, and "
                "fewer than %(threshold)s respondents did, so nobody's answers can be recognised."
            )
        ) % {"threshold": threshold, "respondents": respondents}
    return ngettext(
        "Hidden: fewer than %(threshold)s respondent answered, so nobody's answers can be recognised.",
        "Hidden: fewer than %(threshold)s respondents answered, so nobody's answers can be recognised.",
        threshold,
    ) % {"threshold": threshold}


def statement_reason_text(*, threshold: int, dont_know: int) -> str:
    """Why the drill-down shows a statement's score as "–": fewer than the score threshold answered it on the
    scale (so nobody's answer can be recognised); "don't know" answers are named when they played a part."""
    text = ngettext(
        "hidden: fewer than %(threshold)s person answered this statement on the scale",
        "hidden: fewer than %(threshold)s people answered this statement on the scale",
        threshold,
    ) % {"threshold": threshold}
    if dont_know:
        text = _("%(reason)s (“don't know” does not count)") % {"reason": text}
    return text


def cell_reason(group: GroupResult, stats: FactorStats | None = None) -> str | None:
    """Why a group (or one factor of it) is hidden: the group's reason first; None when shown."""
    if group.suppressed:
        return group.suppressed_reason or THRESHOLD
    if stats is not None and stats.suppressed:
        return stats.suppressed_reason or THRESHOLD
    return None


def cell_text(group: GroupResult, stats: FactorStats | None, thresholds: Thresholds) -> str | None:
    """The reason label for a hidden cell, None when it is shown."""
    reason = cell_reason(group, stats)
    return None if reason is None else reason_text(reason, threshold=thresholds.scores, respondents=group.respondents)


def hidden_teams_summary(result: AssessmentResult) -> list[str]:
    """Sentences such as "1 team is not shown separately (hidden to prevent subtraction)", one per reason."""
    counts = {THRESHOLD: 0, DIFFERENCING: 0}
    for team in result.teams:
        if team.suppressed:
            counts[team.suppressed_reason if team.suppressed_reason in counts else THRESHOLD] += 1
    return [
        ngettext(
            "%(count)s team is not shown separately (%(reason)s).",
            "%(count)s teams are not shown separately (%(reason)s).",
            count,
        )
        % {"count": count, "reason": reason_text(reason, threshold=result.thresholds.scores)}
        for reason, count in counts.items()
        if count
    ]


def visible_factor_codes(group: GroupResult | None) -> list[str]:
    """The factors of a group whose score may be shown, in model order."""
    if group is None or group.suppressed:
        return []
    return [s.factor_code for s in group.factors if not s.suppressed]


# ---------------------------------------------------------------- units and headers


def gap_header() -> str:
    return _("Gap to ambition (ambition − current, 0–100 points)")


def perception_header() -> str:
    return _("Difference (management − staff, 0–100 points)")


def points_unit() -> str:
    """The unit of scores, gaps and differences, for a short header's second line."""
    return _("0–100 points")


def shown_text() -> str:
    return _("shown")


# ---------------------------------------------------------------- strengths


def strength_codes(result: AssessmentResult) -> list[str]:
    """Up to three factors scoring at least STRENGTH_MIN_SCORE, best first."""
    scored = [
        (s.score, i, s.factor_code)
        for i, s in enumerate(result.organisation.factors)
        if s.score is not None and s.score >= STRENGTH_MIN_SCORE
    ]
    return [code for _score, _i, code in sorted(scored, key=lambda t: (-t[0], t[1]))[:MAX_STRENGTHS]]


def strengths_rule() -> str:
    return _("A strength is a factor scoring at least %(score)s out of 100.") % {"score": STRENGTH_MIN_SCORE}


def no_strengths_text() -> str:
    return _("No factor reaches %(score)s out of 100 yet, so none is called a strength.") % {
        "score": STRENGTH_MIN_SCORE
    }


# ---------------------------------------------------------------- other shared words


def alpha_explanation() -> str:
    return _(
        "α (Cronbach's alpha) shows whether a factor's statements measure the same thing: 0.7 or more is "
        "good, below 0.6 read the score with care."
    )


# ---------------------------------------------------------------- the result as JSON


def result_json(result: AssessmentResult) -> dict[str, Any]:
    """The result's JSON (API and `score_assessment --json`) with every hidden group's and factor's reason
    in words as well as its code (`suppressed_reason_text`, in the active language; None when shown)."""
    data: dict[str, Any] = result.to_dict()
    extra = [data[k] for k in ("management", "staff") if data[k] is not None]
    groups = [data["organisation"], *data["teams"], *data["roles"], *extra, *data["team_roles"]]
    for group, source in zip(groups, result.groups(), strict=True):
        group["suppressed_reason_text"] = cell_text(source, None, result.thresholds)
        for stats, factor in zip(group["factors"], source.factors, strict=True):
            stats["suppressed_reason_text"] = cell_text(source, factor, result.thresholds)
    return data
