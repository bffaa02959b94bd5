"""Result -> words: the one wording of every hidden reason, unit and label that outputs share.

The dashboard, both exports, the PDF report and `score_assessment --json` all describe the same
`AssessmentResult`; they say it with the functions here so a reason or a unit is never phrased two ways.
Texts follow the active language (callers wrap them in `translation.override`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.scoring.result import AssessmentResult, FactorStats, GroupResult, Thresholds

THRESHOLD = "threshold"
DIFFERENCING = "differencing"

# A factor is called a strength only from this score (0-100) up, rather than being the best of a weak set.
# (Stated as a score, not a school grade: the grade belongs to customers.)
STRENGTH_MIN_SCORE = 60
MAX_STRENGTHS = 3


# ---------------------------------------------------------------- hidden reasons


def reason_text(reason: str | None, *, threshold: int) -> str:
    """The short label of a hidden reason, e.g. in a table cell: "hidden: fewer than 5 respondents"."""
    if reason == DIFFERENCING:
        return _("hidden to prevent subtraction")
    return ngettext(
        "hidden: fewer than %(threshold)s respondent",
        "hidden: fewer than %(threshold)s respondents",
        threshold,
    ) % {"threshold": threshold}


def reason_explanation(reason: str | None, *, threshold: int) -> str:
    """One sentence explaining a reason, for legends and notes."""
    if reason == DIFFERENCING:
        return _(
            "Hidden to prevent subtraction: these figures could otherwise be worked out by subtracting the "
            "other groups from the total."
        )
    return ngettext(
        "Hidden: fewer than %(threshold)s respondent answered, so nobody's answers can be recognised.",
        "Hidden: fewer than %(threshold)s respondents answered, so nobody's answers can be recognised.",
        threshold,
    ) % {"threshold": threshold}


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
    return None if reason is None else reason_text(reason, threshold=thresholds.scores)


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
