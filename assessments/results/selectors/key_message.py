"""The key message: the three findings that matter and the decisions the board is asked to take.

One selector for the PDF's first page and the dashboard's top card, so both say the same thing. Every
finding is picked by a fixed rule from figures that are already shown elsewhere (the rules are on the
"how we score" page, `results/_how_we_score_key_message.html`); a finding whose figures do not exist or
are hidden by the anonymity rules is left out, never guessed. The texts are the templates' (one partial,
`results/_key_message.html`); this module only chooses and carries numbers.

- Weakest link: the factor with the lowest organisation score (`AssessmentResult.weakest`, the same factor
  the dashboard calls "weakest"); with statement tags also the weakest link of the service-quality chain.
- Perception gap: the factor with the largest management-minus-staff difference in absolute points,
  among the factors shown for both groups (first in model order on a tie). "Large" from LARGE_GAP points,
  the same bar as the highlighted rows of the perception table.
- Knowledge gap: management's estimate of the customers' grade against the customers' own grade (the
  organisation's estimate when management's is hidden or absent), only when a customer check gave a grade.
- Level held back: when the index reaches the top level's band but the level (scoring.level, the one rule
  every surface shows) stays one lower, which condition was missed: the 9+ layer (below the band or hidden)
  and/or the customers' share of 9s and 10s.
- Change: with a comparable previous round, the factors whose change since then is larger than its margin
  of error (scoring.statistics.meaningful), largest first, at most MAX_CHANGES; a change within the margin
  is never reported as one. When no change is meaningful the finding says so.
- Decisions: the top priorities of the scoring result, each with how many actions the plan already holds on
  that factor (dropped ones not counted).

The knowledge gap and the plan live in domains above results; they hand their figures in through
`contributions.register_key_message_facts` as `KnowledgeFacts` and `PlanFacts`.
"""

from dataclasses import dataclass, field
from typing import Any

from assessments.questionnaire.models import Assessment
from assessments.results import contributions
from assessments.results.lenses import lens_context
from assessments.scoring.result import AssessmentResult
from assessments.scoring.statistics import CUSTOMERS_NINE_PLUS_MIN, level_for

LARGE_GAP = 10  # points on the 0-100 scale; also the highlight bar of the perception table
MAX_CHANGES = 3  # meaningful changes named in the key message


@dataclass(frozen=True)
class KnowledgeFacts:
    """What the customer check hands in when the assessment has one: shown figures only (None where hidden)."""

    who: str  # "management" | "organisation": whose estimate ("" when none is shown)
    estimate_grade: float | None
    customers_grade: float | None
    estimate_share: float | None  # estimated share of 9s and 10s, 0-100
    customers_share: float | None
    customers_n: int


@dataclass(frozen=True)
class PlanFacts:
    """What the action plan hands in: per factor code, its actions that are not dropped, by status."""

    by_factor: dict[str, dict[str, int]] = field(default_factory=dict)  # {"planned": 1, "in_progress": 0, ...}


@dataclass(frozen=True)
class WeakestLink:
    factor_code: str
    name: str
    score: float
    level_name: str
    scored_factors: int  # how many factors have a shown score: "lowest of N"
    chain_link: str = ""  # the weakest link of the service-quality chain (v2 models), or ""
    chain_question: str = ""
    chain_score: float | None = None


@dataclass(frozen=True)
class PerceptionFinding:
    factor_code: str
    name: str
    management: float
    staff: float
    gap: float  # management - staff
    large: bool


@dataclass(frozen=True)
class KnowledgeFinding:
    who: str
    estimate_grade: float | None
    customers_grade: float | None
    grade_gap: float | None  # estimate - customers: positive = we think too well of ourselves
    estimate_share: float | None
    customers_share: float | None
    share_gap: float | None  # percentage points
    customers_n: int


@dataclass(frozen=True)
class LevelHold:
    """The index is in the top band, the level one lower: why (scoring.level)."""

    level_name: str  # the level shown everywhere
    top_name: str
    top_min: float
    index: float
    nine_plus: float | None  # the overall 9+ layer when it is below top_min; None when not the reason
    nine_plus_hidden: bool
    customers_share: float | None  # the customers' share of 9s and 10s when below the minimum, else None
    customers_min: float = CUSTOMERS_NINE_PLUS_MIN


@dataclass(frozen=True)
class ChangeItem:
    factor_code: str
    name: str
    change: float  # 0-100 points since the previous round
    margin: float  # the change's margin of error; |change| > margin
    score: float
    previous_score: float


@dataclass(frozen=True)
class ChangeFinding:
    previous_title: str
    meaningful: tuple[ChangeItem, ...]  # beyond their margin, largest first, at most MAX_CHANGES
    more: int  # further meaningful changes not named
    within: int  # changes within their margin (not reported one by one)


@dataclass(frozen=True)
class Decision:
    rank: int
    factor_code: str
    name: str
    score: float
    gap_score: float | None
    planned: int = 0
    in_progress: int = 0
    done: int = 0

    @property
    def in_plan(self) -> int:
        return self.planned + self.in_progress + self.done

    @property
    def plan_parts(self) -> tuple[tuple[str, int], ...]:
        """(status, count) of the statuses the plan holds on this factor, open work first."""
        parts = (("in_progress", self.in_progress), ("planned", self.planned), ("done", self.done))
        return tuple((key, count) for key, count in parts if count)


@dataclass(frozen=True)
class KeyMessage:
    weakest: WeakestLink | None
    perception: PerceptionFinding | None
    knowledge: KnowledgeFinding | None
    decisions: tuple[Decision, ...]
    plan_known: bool  # the plan's coverage could be read (False: say nothing about the plan)
    customer_check: bool = False  # the assessment has a customer check (its figures may still be hidden)
    level_hold: LevelHold | None = None
    change: ChangeFinding | None = None  # None without a comparable previous round with shown changes

    @property
    def findings(self) -> int:
        return sum(
            1 for f in (self.level_hold, self.weakest, self.perception, self.knowledge, self.change) if f is not None
        )

    @property
    def empty(self) -> bool:
        return not self.findings and not self.decisions


def _weakest(result: AssessmentResult, language: str) -> WeakestLink | None:
    code = result.weakest
    if code is None:
        return None
    stats = result.organisation.factor(code)
    if stats.score is None:
        return None
    level = result.level(stats.level_code)
    link: dict[str, Any] = {}
    weakest_chain = (lens_context(result, language)["lenses"] or {}).get("weakest")
    if weakest_chain:
        link = {
            "chain_link": weakest_chain["name"],
            "chain_question": weakest_chain["question"],
            "chain_score": weakest_chain["organisation"],
        }
    return WeakestLink(
        factor_code=code,
        name=result.factor(code).name(language),
        score=stats.score,
        level_name=level.name(language) if level else "",
        scored_factors=sum(1 for s in result.organisation.factors if s.score is not None),
        **link,
    )


def _perception(result: AssessmentResult, language: str) -> PerceptionFinding | None:
    for group in (result.management, result.staff):
        if group is None or group.suppressed:
            return None
    shown = [g for g in result.perception_gaps if g.gap is not None]
    if not shown:
        return None
    # max() keeps the first of equal values: model order breaks ties.
    gap = max(shown, key=lambda g: abs(g.gap or 0.0))  # `or 0.0` only for the type: every gap here is set
    # A gap is only computed from two shown scores (scoring.summaries._perception_gaps).
    assert gap.gap is not None
    assert gap.management_score is not None
    assert gap.staff_score is not None
    return PerceptionFinding(
        factor_code=gap.factor_code,
        name=result.factor(gap.factor_code).name(language),
        management=gap.management_score,
        staff=gap.staff_score,
        gap=gap.gap,
        large=abs(gap.gap) >= LARGE_GAP,
    )


def _level_hold(result: AssessmentResult, language: str) -> LevelHold | None:
    if result.index is None or len(result.levels) < 2:
        return None
    top = max(result.levels, key=lambda lv: lv.min_score)
    by_index = level_for(result.index, [(lv.code, lv.min_score) for lv in result.levels])
    shown = result.level(result.level_code)
    if by_index != top.code or shown is None or shown.code == top.code:
        return None
    lenses = result.lenses_for("organisation")
    layer = lenses.nine_plus if lenses is not None and result.lenses else None
    hidden = layer is not None and layer.suppressed
    short = layer is not None and not layer.suppressed and layer.score is not None and layer.score < top.min_score
    customers = result.customers_nine_plus
    return LevelHold(
        level_name=shown.name(language),
        top_name=top.name(language),
        top_min=top.min_score,
        index=result.index,
        nine_plus=layer.score if short and layer is not None else None,
        nine_plus_hidden=hidden,
        customers_share=customers if customers is not None and customers < CUSTOMERS_NINE_PLUS_MIN else None,
    )


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _knowledge(facts: KnowledgeFacts | None) -> KnowledgeFinding | None:
    if facts is None or facts.customers_grade is None or facts.estimate_grade is None:
        return None
    return KnowledgeFinding(
        who=facts.who,
        estimate_grade=facts.estimate_grade,
        customers_grade=facts.customers_grade,
        grade_gap=_difference(facts.estimate_grade, facts.customers_grade),
        estimate_share=facts.estimate_share,
        customers_share=facts.customers_share,
        share_gap=_difference(facts.estimate_share, facts.customers_share),
        customers_n=facts.customers_n,
    )


def _change(result: AssessmentResult, language: str) -> ChangeFinding | None:
    """The changes since the previous round that are larger than their margin of error, largest first."""
    if result.previous is None or not result.previous.comparable:
        return None
    known = [c for c in result.changes if c.meaningful is not None]
    if not known:
        return None
    beyond = sorted((c for c in known if c.meaningful), key=lambda c: -abs(c.change or 0.0))
    items = []
    for c in beyond[:MAX_CHANGES]:
        # meaningful is only set from a change and its margin, both from shown scores (scoring.score._previous)
        assert c.change is not None
        assert c.margin is not None
        assert c.score is not None
        assert c.previous_score is not None
        items.append(
            ChangeItem(
                factor_code=c.factor_code,
                name=result.factor(c.factor_code).name(language),
                change=c.change,
                margin=c.margin,
                score=c.score,
                previous_score=c.previous_score,
            )
        )
    return ChangeFinding(
        previous_title=result.previous.title,
        meaningful=tuple(items),
        more=len(beyond) - len(items),
        within=len(known) - len(beyond),
    )


def _decisions(result: AssessmentResult, language: str, plan: PlanFacts | None) -> tuple[Decision, ...]:
    by_factor = plan.by_factor if plan is not None else {}
    return tuple(
        Decision(
            rank=p.rank,
            factor_code=p.factor_code,
            name=result.factor(p.factor_code).name(language),
            score=p.score,
            gap_score=p.gap_score,
            planned=by_factor.get(p.factor_code, {}).get("planned", 0),
            in_progress=by_factor.get(p.factor_code, {}).get("in_progress", 0),
            done=by_factor.get(p.factor_code, {}).get("done", 0),
        )
        for p in result.priorities
    )


def build_key_message(
    *, result: AssessmentResult, language: str, knowledge: KnowledgeFacts | None = None, plan: PlanFacts | None = None
) -> KeyMessage:
    """The key message from a scoring result and the facts of the customer check and the plan (no queries)."""
    if result.organisation.suppressed:
        return KeyMessage(weakest=None, perception=None, knowledge=None, decisions=(), plan_known=False)
    return KeyMessage(
        weakest=_weakest(result, language),
        perception=_perception(result, language),
        knowledge=_knowledge(knowledge),
        decisions=_decisions(result, language, plan),
        plan_known=plan is not None,
        customer_check=knowledge is not None,
        level_hold=_level_hold(result, language),
        change=_change(result, language),
    )


def key_message(*, assessment: Assessment, result: AssessmentResult, language: str) -> KeyMessage:
    """The key message of an assessment, with the facts the customer check and the plan contribute."""
    knowledge: KnowledgeFacts | None = None
    plan: PlanFacts | None = None
    # Asked even when nothing will be said, so a page costs the same queries whatever the data.
    for fact in contributions.key_message_facts(assessment=assessment, result=result, language=language):
        if isinstance(fact, KnowledgeFacts):
            knowledge = fact
        elif isinstance(fact, PlanFacts):
            plan = fact
    return build_key_message(result=result, language=language, knowledge=knowledge, plan=plan)
