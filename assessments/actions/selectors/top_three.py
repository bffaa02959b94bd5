"""A group's "top three": its weakest statements with the model library's actions, to discuss with the group.

Built for a team (the team leader's page) and kept to a scoring group key, so a role's top three (issue 27's
"top three for you" per stakeholder) is the same call with a role's key. Every figure is what the statement
drill-down shows for that group (`results.selectors.statements.group_statements`): a group or factor the
anonymity rules hide gives no statement, and a statement fewer than the score threshold answered is never a
candidate. The actions are the library's for the factor at the group's own level on it.
"""

from dataclasses import dataclass

from assessments.actions.selectors.suggestions import Suggestion, suggestions_for
from assessments.questionnaire.models import Assessment
from assessments.results import wording
from assessments.results.selectors.statements import StatementRow, group_statements
from assessments.scoring.result import AssessmentResult, FactorStats, GroupResult

TOP = 3
# Library actions shown per statement: enough to choose from in one conversation.
SUGGESTIONS_PER_STATEMENT = 3


@dataclass(frozen=True)
class TopStatement:
    rank: int
    factor_code: str
    factor_name: str
    level_name: str  # the group's level on the factor
    row: StatementRow
    suggestions: tuple[Suggestion, ...]
    # The rank of an earlier statement of the same factor, whose suggestions these are (not repeated).
    suggestions_as: int | None = None


@dataclass(frozen=True)
class GroupFactor:
    code: str
    name: str
    stats: FactorStats
    level_name: str
    hidden: str  # why the score is hidden ("" when shown)


@dataclass(frozen=True)
class TopThree:
    group: GroupResult | None  # None: the group is not part of this assessment (no team, no responses)
    hidden: str  # why the whole group is hidden ("" when shown)
    factors: tuple[GroupFactor, ...]
    top: tuple[TopStatement, ...]


def _level_name(result: AssessmentResult, level_code: str | None, language: str) -> str:
    level = result.level(level_code) if level_code else None
    return level.name(language) if level else ""


def top_three(
    *, assessment: Assessment, result: AssessmentResult, group_key: str, language: str, limit: int = TOP
) -> TopThree:
    group = next((g for g in result.groups() if g.group.key == group_key), None)
    if group is None:
        return TopThree(group=None, hidden="", factors=(), top=())
    threshold = result.thresholds.scores
    if group.suppressed:
        hidden = wording.reason_explanation(group.suppressed_reason, threshold=threshold)
        return TopThree(group=group, hidden=hidden, factors=(), top=())
    factors = tuple(
        GroupFactor(
            code=info.code,
            name=info.name(language),
            stats=(stats := group.factor(info.code)),
            level_name=_level_name(result, stats.level_code, language),
            hidden=wording.reason_text(stats.suppressed_reason, threshold=threshold, respondents=group.respondents)
            if stats.suppressed
            else "",
        )
        for info in result.factors
    )
    rows = group_statements(assessment=assessment, result=result, group_key=group_key, language=language)
    order = {info.code: info.order for info in result.factors}
    candidates = sorted(
        ((code, row) for code, factor_rows in rows.items() for row in factor_rows if row.score is not None),
        key=lambda item: (item[1].score, order[item[0]], item[1].code),
    )[:limit]
    by_code = {f.code: f for f in factors}
    top = []
    first_rank: dict[str, int] = {}  # factor code -> the rank that lists its suggestions
    for rank, (code, row) in enumerate(candidates, start=1):
        earlier = first_rank.setdefault(code, rank)
        suggestions: list[Suggestion] = []
        if earlier == rank:
            level_code = by_code[code].stats.level_code or ""
            suggestions = suggestions_for(
                assessment=assessment, factor_code=code, level_code=level_code, language=language
            )
        top.append(
            TopStatement(
                rank=rank,
                factor_code=code,
                factor_name=by_code[code].name,
                level_name=by_code[code].level_name,
                row=row,
                suggestions=tuple(suggestions[:SUGGESTIONS_PER_STATEMENT]),
                suggestions_as=earlier if earlier != rank else None,
            )
        )
    return TopThree(group=group, hidden="", factors=factors, top=tuple(top))
