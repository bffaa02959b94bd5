"""The statements behind a factor's score: answers per statement for the groups the anonymity rules show.

Which groups exist, and which (team, role) cells each holds, comes from scoring's own layout
(`scoring.groups.build_layout`), and whether a group may be shown comes from the scoring result: a group
whose factor score is hidden shows no statements either; its answer distributions appear only where the
factor's spread is shown (the spread threshold). On top of that a statement is shown only when at least
`threshold_scores` people in the group gave it a scale answer, so a thinly answered statement names
nobody. Four database reads in all, whatever the number of respondents or groups.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import translation

from assessments.questionnaire.models import DONT_KNOW, Answer, Assessment
from assessments.results import wording
from assessments.scoring import queries
from assessments.scoring.audience import is_asked, kind_of
from assessments.scoring.groups import ORGANISATION, GroupLayout, build_layout
from assessments.scoring.result import AssessmentResult, GroupResult
from assessments.scoring.rounding import display_round
from assessments.scoring.statistics import to_score
from models_9plus.models import Statement

# A statement "pulls the factor down" when its score is this many points (0-100) below the factor's.
PULL_DOWN_MARGIN = 5.0


@dataclass(frozen=True)
class StatementRow:
    code: str
    text: str
    answered: int  # scale answers given
    dont_know: int
    score: float | None  # 0-100, None when hidden
    mean: float | None
    dont_know_share: float | None  # 0..1 of the given answers
    distribution: tuple[dict[str, Any], ...] | None  # per scale point: value, label, count, percent
    pulls_down: bool = False
    hidden: str = ""  # why the score is not shown (results.wording), "" when it is


StatementValues = Mapping[str, Any]  # id, code, text_en, text_nl, reverse, audience
Cell = tuple[int | None, int | None]  # (team id, role id)
CellCounts = defaultdict[Cell, defaultdict[int, Counter[int]]]


def _statements(assessment: Assessment, factor_code: str | None) -> list[StatementValues]:
    """The statements of one factor (None: of every factor, in model order), with their factor's code."""
    statements = Statement.objects.filter(factor__version_id=assessment.model_version_id)
    if factor_code is not None:
        statements = statements.filter(factor__code=factor_code)
    return list(
        statements.order_by("factor__order", "order", "id").values(
            "id", "code", "text_en", "text_nl", "reverse", "audience", "factor__code"
        )
    )


def _answer_counts(assessment: Assessment, statements: Sequence[StatementValues]) -> CellCounts:
    """{(team id, role id): {statement id: Counter(value -> count)}} of the responses scoring counts
    (submitted, not excluded), by scoring's audience rule: an answer to a statement the respondent's
    current role kind is not asked (given before a role change) is left out, as the factor score does."""
    audiences = {s["id"]: tuple(s["audience"] or ()) for s in statements}
    rows = (
        Answer.objects.filter(
            response__assessment=assessment,
            response__submitted_at__isnull=False,
            response__excluded_at__isnull=True,
            statement_id__in=list(audiences),
        )
        .values_list(
            "response__team_id", "response__role_id", "response__role__is_management", "statement_id", "current"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: CellCounts = defaultdict(lambda: defaultdict(Counter))
    for team_id, role_id, is_management, statement_id, value, n in rows:
        if is_asked(audiences[statement_id], kind_of(is_management)):
            counts[(team_id, role_id)][statement_id][value] += n
    return counts


def _layout(assessment: Assessment) -> GroupLayout:
    teams, roles, team_ids, role_ids = queries.organisation_structure(assessment=assessment)
    cells = set(queries.cell_counts(assessment=assessment))
    layout: GroupLayout = build_layout(
        teams=teams,
        roles=roles,
        team_ids=team_ids,
        role_ids=role_ids,
        cells=cells,
        organisation_name=assessment.organisation.name,
    )
    return layout


def visible_groups(result: AssessmentResult, factor_code: str) -> list[GroupResult]:
    """The groups whose score on this factor the anonymity rules show, organisation first."""
    return [g for g in result.groups() if not g.suppressed and not g.factor(factor_code).suppressed]


def _row(
    statement: StatementValues,
    counter: Mapping[int, int],
    *,
    result: AssessmentResult,
    factor_score: float | None,
    with_distribution: bool,
    language: str,
) -> StatementRow:
    lo, hi = result.scale.min, result.scale.max
    answered = sum(n for value, n in counter.items() if lo <= value <= hi)
    dont_know = counter.get(DONT_KNOW, 0)
    text: str = statement[f"text_{language}"] or statement["text_en"]
    if answered < result.thresholds.scores:
        with translation.override(language):
            hidden = wording.statement_reason_text(threshold=result.thresholds.scores, dont_know=dont_know)
        return StatementRow(statement["code"], text, answered, dont_know, None, None, None, None, hidden=hidden)
    total = sum(value * n for value, n in counter.items() if lo <= value <= hi)
    mean = total / answered
    scored = lo + hi - mean if statement["reverse"] else mean
    score = to_score(scored, scale_min=lo, scale_max=hi)
    distribution: tuple[dict[str, Any], ...] | None = None
    if with_distribution:
        distribution = tuple(
            {
                "value": point.value,
                "label": point.label(language),
                "count": counter.get(point.value, 0),
                "percent": display_round(100 * counter.get(point.value, 0) / answered),
            }
            for point in result.scale.points
        )
    return StatementRow(
        code=statement["code"],
        text=text,
        answered=answered,
        dont_know=dont_know,
        score=score,
        mean=mean,
        dont_know_share=dont_know / (answered + dont_know),
        distribution=distribution,
        pulls_down=factor_score is not None and score <= factor_score - PULL_DOWN_MARGIN,
    )


def factor_statements(
    *, assessment: Assessment, result: AssessmentResult, factor_code: str, group_keys: list[str], language: str
) -> dict[str, list[StatementRow]]:
    """Statement rows per requested group key; groups the anonymity rules hide are left out."""
    allowed = {g.group.key: g for g in visible_groups(result, factor_code)}
    keys = [key for key in group_keys if key in allowed]
    if not keys:
        return {}
    statements = _statements(assessment, factor_code)
    counts = _answer_counts(assessment, statements)
    layout = _layout(assessment) if keys != [ORGANISATION] else None
    rows: dict[str, list[StatementRow]] = {}
    for key in keys:
        cells = layout.cells.get(key, ()) if layout is not None else counts.keys()
        stats = allowed[key].factor(factor_code)
        per_statement: defaultdict[int, Counter[int]] = defaultdict(Counter)
        for cell in cells:
            for statement_id, counter in counts.get(cell, {}).items():
                per_statement[statement_id].update(counter)
        rows[key] = [
            _row(
                s,
                per_statement[s["id"]],
                result=result,
                factor_score=stats.score,
                with_distribution=stats.distribution is not None,
                language=language,
            )
            for s in statements
        ]
    return rows


def group_statements(
    *, assessment: Assessment, result: AssessmentResult, group_key: str, language: str
) -> dict[str, list[StatementRow]]:
    """Statement rows of one group for every factor the anonymity rules show for it ({factor code: rows}):
    the drill-down's rows (same cells, same rules), for all factors in four database reads."""
    return groups_statements(assessment=assessment, result=result, group_keys=[group_key], language=language).get(
        group_key, {}
    )


def groups_statements(
    *, assessment: Assessment, result: AssessmentResult, group_keys: Sequence[str], language: str
) -> dict[str, dict[str, list[StatementRow]]]:
    """`group_statements` for several groups at once ({group key: {factor code: rows}}), in the same four
    database reads however many groups (the service blueprint asks one per moment's owning team). A group the
    anonymity rules hide, or without a shown factor, is left out."""
    wanted = set(group_keys)
    groups = [g for g in result.groups() if g.group.key in wanted and not g.suppressed]
    shown_by_group = {g.group.key: {f.factor_code: f for f in g.factors if not f.suppressed} for g in groups}
    shown_by_group = {key: shown for key, shown in shown_by_group.items() if shown}
    if not shown_by_group:
        return {}
    any_shown = {code for shown in shown_by_group.values() for code in shown}
    statements = [s for s in _statements(assessment, None) if s["factor__code"] in any_shown]
    counts = _answer_counts(assessment, statements)
    layout = _layout(assessment) if set(shown_by_group) != {ORGANISATION} else None
    found: dict[str, dict[str, list[StatementRow]]] = {}
    for key, shown in shown_by_group.items():
        cells = layout.cells.get(key, ()) if layout is not None and key != ORGANISATION else counts.keys()
        per_statement: defaultdict[int, Counter[int]] = defaultdict(Counter)
        for cell in cells:
            for statement_id, counter in counts.get(cell, {}).items():
                per_statement[statement_id].update(counter)
        rows: dict[str, list[StatementRow]] = {code: [] for code in shown}
        for s in statements:
            stats = shown.get(s["factor__code"])
            if stats is None:
                continue
            rows[s["factor__code"]].append(
                _row(
                    s,
                    per_statement[s["id"]],
                    result=result,
                    factor_score=stats.score,
                    with_distribution=stats.distribution is not None,
                    language=language,
                )
            )
        found[key] = rows
    return found


def strongest_and_weakest(rows: list[StatementRow]) -> tuple[StatementRow | None, StatementRow | None]:
    """The statements with the highest and lowest score (None when fewer than two are shown)."""
    shown = [r for r in rows if r.score is not None]
    if len(shown) < 2:
        return None, None
    ordered = sorted(shown, key=lambda r: (r.score, r.code))
    return ordered[-1], ordered[0]
