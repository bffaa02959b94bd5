"""The organisation-level extras of a result: priorities, advice, reliability (alpha), the perception gap,
the change since the previous round, comments and the response rate."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, cast

from assessments.questionnaire.models import Assessment
from assessments.scoring import fold, statistics
from assessments.scoring.organisations import organisation_scores
from assessments.scoring.queries import AdviceRow, FactorCount, FactorRow
from assessments.scoring.result import (
    PRIORITY_WEIGHTS,
    FactorAdvice,
    FactorAlpha,
    FactorChange,
    FactorComments,
    FactorStats,
    GroupResult,
    PerceptionGap,
    PreviousRound,
    Priority,
    ResponseRate,
)

# The model's advice per (factor code, level code).
AdviceByLevel = dict[tuple[str, str | None], AdviceRow]


def _advice(organisation: GroupResult, advice: AdviceByLevel) -> tuple[FactorAdvice, ...]:
    result = []
    for s in organisation.factors:
        entry = advice.get((s.factor_code, s.level_code))
        if s.level_code is None or entry is None:
            continue
        result.append(
            FactorAdvice(
                factor_code=s.factor_code,
                level_code=s.level_code,
                actions_en=tuple(entry["actions_en"] or ()),
                actions_nl=tuple(entry["actions_nl"] or entry["actions_en"] or ()),
            )
        )
    return tuple(result)


def _alphas(
    factors: Iterable[FactorCount], organisation: GroupResult, complete: Mapping[int, fold.AlphaSums]
) -> tuple[FactorAlpha, ...]:
    """complete: per factor id the exact sums of the complete cases' answers (fold.AlphaSums)."""
    result = []
    for f in factors:
        sums = complete.get(f["id"])
        n = sums[0] if sums is not None else 0
        alpha = None
        k = f["statement_count"]
        shown = not organisation.factor(f["code"]).suppressed
        if (
            sums is not None
            and shown
            and k >= statistics.ALPHA_MIN_STATEMENTS
            and n >= statistics.ALPHA_MIN_RESPONDENTS
        ):
            item_stats, total_variance = item_moments_of(sums)
            alpha = statistics.alpha_of(statements=k, item_stats=item_stats, total_variance=total_variance)
        result.append(FactorAlpha(factor_code=f["code"], n=n, alpha=alpha))
    return tuple(result)


def _item_moments(
    cases: Mapping[int, int], *, statements: int, scale_max: int
) -> tuple[list[tuple[int, float, float]], float]:
    """Per statement (count, fsum, fsum of squares) of the complete cases' answers, and the population
    variance of their totals (statistics.pvariance), exactly; cases: packed answers -> how many gave them."""
    return item_moments_of(fold.alpha_sums(cases, statements=statements, scale_max=scale_max))


def item_moments_of(sums: fold.AlphaSums) -> tuple[list[tuple[int, float, float]], float]:
    """_item_moments from the complete cases' exact sums: the answers are small ints, so the sums are exact
    ints and add up over cells (fold.AlphaSums)."""
    n, item_sums, item_squares, t_sum, t_squares = sums
    variance = Fraction(n * t_squares - t_sum * t_sum, n * n)  # = pvariance's exact (ss / n) / n
    # As statistics.pvariance returns it for ints: an int when exact, else the float nearest.
    total_variance = int(variance) if variance.denominator == 1 else float(variance)
    return [(n, float(s), float(q)) for s, q in zip(item_sums, item_squares, strict=True)], total_variance


def _perception_gaps(management: GroupResult | None, staff: GroupResult | None) -> tuple[PerceptionGap, ...]:
    if management is None or staff is None:
        return ()
    gaps = []
    for m, s in zip(management.factors, staff.factors, strict=True):
        gap = m.score - s.score if m.score is not None and s.score is not None else None
        gaps.append(PerceptionGap(factor_code=m.factor_code, management_score=m.score, staff_score=s.score, gap=gap))
    return tuple(gaps)


def priority_value(stats: FactorStats) -> float:
    """The documented priority rule (PRIORITY_RULE); higher means work on it sooner."""
    assert stats.score is not None  # only shown factors (with a score) are ranked
    gap = max(stats.gap_score or 0.0, 0.0)
    disagreement = 100 - stats.consensus if stats.consensus is not None else 0.0
    return (
        PRIORITY_WEIGHTS["gap"] * gap
        + PRIORITY_WEIGHTS["room"] * (100 - stats.score)
        + PRIORITY_WEIGHTS["disagreement"] * disagreement
    )


def _priorities(organisation: GroupResult, advice: AdviceByLevel) -> tuple[Priority, ...]:
    candidates = [(priority_value(s), i, s) for i, s in enumerate(organisation.factors) if s.score is not None]
    candidates.sort(key=lambda item: (-item[0], item[1]))
    result = []
    for rank, (value, _i, s) in enumerate(candidates[:3], start=1):
        assert s.score is not None  # candidates are the factors with a score
        entry: Mapping[str, Any] = advice.get((s.factor_code, s.level_code), {})
        result.append(
            Priority(
                rank=rank,
                factor_code=s.factor_code,
                value=value,
                score=s.score,
                gap_score=s.gap_score,
                consensus=s.consensus,
                # A shown score always has a level: a model's first level starts at 0 (models_9plus schema).
                level_code=cast(str, s.level_code),
                advice_en=tuple(entry.get("actions_en") or ()),
                advice_nl=tuple(entry.get("actions_nl") or entry.get("actions_en") or ()),
            )
        )
    return tuple(result)


def _comments(factors: Iterable[FactorCount], comment_rows: Iterable[tuple[int, str]]) -> tuple[FactorComments, ...]:
    by_factor: defaultdict[int, list[str]] = defaultdict(list)
    for factor_id, text in comment_rows:
        by_factor[factor_id].append(text.strip())
    return tuple(
        FactorComments(factor_code=f["code"], comments=tuple(sorted(t for t in by_factor[f["id"]] if t)))
        for f in factors
        if by_factor[f["id"]]
    )


def _response_rate(submitted: int, invitations: Mapping[str, int]) -> ResponseRate:
    invited = invitations["invited"]
    link_responses = max(0, submitted - invitations["completed"])
    denominator = invited + link_responses
    rate = submitted / denominator if invited and denominator else None
    return ResponseRate(submitted=submitted, invited=invited, link_responses=link_responses, rate=rate)


def previous_round(
    assessment: Assessment, organisation: GroupResult, factors: Iterable[FactorRow]
) -> tuple[PreviousRound | None, tuple[FactorChange, ...]]:
    """The previous round (when the assessment names one) and each factor's change since, with its margin."""
    prev = assessment.previous
    if prev is None:
        return None, ()
    # The previous round's organisation scores by the same path as the benchmark's peers.
    before = organisation_scores(assessments=[prev])[prev.pk]
    comparable = before.codes == {f["code"] for f in factors}
    info = PreviousRound(public_id=prev.public_id, title=prev.title, comparable=comparable)
    if not comparable:
        return info, ()
    changes = []
    for s in organisation.factors:
        old = before.factors.get(s.factor_code)
        change = s.score - old if s.score is not None and old is not None else None
        old_margin = before.margins.get(s.factor_code)
        margin = statistics.difference_margin(s.margin, old_margin) if change is not None else None
        changes.append(
            FactorChange(
                factor_code=s.factor_code,
                previous_score=old,
                score=s.score,
                change=change,
                previous_margin=old_margin,
                margin=margin,
                meaningful=statistics.meaningful(change, margin),
            )
        )
    return info, tuple(changes)
