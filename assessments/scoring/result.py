"""The result of scoring an assessment: plain frozen dataclasses, safe to hand to any page, export or PDF.

`assessments.scoring.score_assessment(assessment=...)` builds an `AssessmentResult`. Anonymity is
already applied: a suppressed group carries only its respondent counts (every score field is None), so a
consumer can never show more than it is allowed to, whatever it does with the object.

Scales and units (see the "how we score" page for the full method):
- "mean", "median", "ambition_mean" are on the answer scale (`ScaleInfo.min`..`ScaleInfo.max`, 1..5 in 9+).
- "score", "ambition_score", "index", "previous_score", "change" are on 0-100:
  score = (mean - min) / (max - min) * 100.
- Maturity is never turned into a school grade: a 1-10 grade belongs to customers (see outside_in).
- "gap" = ambition_mean - mean (scale points); "gap_score" = ambition_score - score (0-100 points).
- "sd" is the population standard deviation (divide by n) of the respondents' factor scores (scale points).
- "consensus" = 100 * (1 - sd / sd_max), sd_max = (max - min) / 2, the largest population sd possible on the
  scale (half the respondents at each end). 100 = everyone agrees, 0 = split into two opposite camps.
- "distribution": the respondents' factor scores rounded half up to the nearest scale point, counted per
  scale point: a tuple of counts, index 0 = scale min.
- "dont_know_rate": share (0..1) of the group's given answers on the factor's statements that were
  "don't know" (unanswered statements are not given answers).
- "median" of an even count is the mean of the two middle values.
- "margin" (factor, lens), "index_margin" (group): half the width of the 95% interval around the score, in
  0-100 points (score ± margin; the page may clip the ends to 0..100). "margin_basis": "spread" (from the
  respondents' own spread) or "bound" (the widest spread the scale allows, where the spread may not be
  shown). None wherever the score is hidden or fewer than two respondents count. See statistics.score_margin.
- a change's "margin" is the margin of the difference of the two rounds' scores; "meaningful" is True when
  the change is larger than that margin (None when either margin is unknown).
All floats are unrounded; round for display, once, with `assessments.scoring.rounding`.
"""

from dataclasses import asdict, dataclass, field
from operator import attrgetter
from typing import Any
from uuid import UUID

from models_9plus.i18n import content_language

# Why a group or a factor is hidden (`suppressed_reason`); the words are in assessments.results.wording.
THRESHOLD = "threshold"  # the group has fewer respondents than threshold_scores
DIFFERENCING = "differencing"  # enough respondents, hidden so it cannot be worked out by subtraction
TOO_FEW_COUNTED = "too_few_counted"  # factor only: enough respondents, fewer counted (answered >= half)


class _PickledByPosition:
    """Pickled as its class and its field values in order, not as a dict of names and values: a result holds
    thousands of these (every group's factors and lenses), and the cache pickles it on every scoring and
    unpickles it on every page, in about half the bytes and two thirds of the time."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        cls = type(self)
        getter = _FIELD_GETTERS.get(cls)
        if getter is None:  # a dataclass's fields are known only after the decorator has run
            names = tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]
            getter = _FIELD_GETTERS[cls] = attrgetter(*names) if len(names) > 1 else lambda o: (getattr(o, names[0]),)
        return cls, getter(self)


_FIELD_GETTERS: dict[type, Any] = {}


def _pick(obj: object, name: str, language: str | None) -> Any:
    lang = content_language(language)
    return getattr(obj, f"{name}_{lang}") or getattr(obj, f"{name}_en")


@dataclass(frozen=True)
class Thresholds:
    scores: int  # minimum respondents for any score of a group (else only its count is shown)
    comments: int  # minimum respondents in the organisation before comments are shown
    spread: int  # minimum respondents for sd, consensus and distribution


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label_en: str
    label_nl: str

    def label(self, language: str | None = None) -> str:
        picked: str = _pick(self, "label", language)
        return picked


@dataclass(frozen=True)
class ScaleInfo:
    min: int
    max: int
    points: tuple[ScalePoint, ...]


@dataclass(frozen=True)
class LevelInfo:
    code: str
    order: int
    min_score: float  # lowest 0-100 score that reaches this level
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str

    def name(self, language: str | None = None) -> str:
        picked: str = _pick(self, "name", language)
        return picked

    def description(self, language: str | None = None) -> str:
        picked: str = _pick(self, "description", language)
        return picked


@dataclass(frozen=True)
class FactorInfo:
    code: str
    order: int
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str
    statements: int  # number of statements; a respondent counts for the factor with >= half answered
    # What this factor looks like at each level (per-factor model files); empty: use the level's description.
    level_texts: tuple["FactorLevelInfo", ...] = ()

    def name(self, language: str | None = None) -> str:
        picked: str = _pick(self, "name", language)
        return picked

    def description(self, language: str | None = None) -> str:
        picked: str = _pick(self, "description", language)
        return picked


@dataclass(frozen=True)
class FactorLevelInfo:
    level_code: str
    text_en: str
    text_nl: str

    def text(self, language: str | None = None) -> str:
        picked: str = _pick(self, "text", language)
        return picked


@dataclass(frozen=True)
class GroupRef(_PickledByPosition):
    """Which respondents a group holds.

    kind: "organisation" | "team" (the team and all its sub-teams) | "role" | "team_role" (a team with its
    sub-teams x one role) | "management" (all roles marked management) | "staff" (all other roles).
    key: stable and unique within a result, e.g. "organisation", "team:<uuid>", "role:<uuid>",
    "team_role:<team uuid>:<role uuid>", "management", "staff".
    """

    kind: str
    key: str
    name_en: str
    name_nl: str
    team_id: UUID | None = None  # Team.public_id for "team" and "team_role"
    role_id: UUID | None = None  # Role.public_id for "role" and "team_role"
    parent_key: str | None = None  # the enclosing team group for teams (None for top-level teams)
    depth: int = 0  # nesting depth of a team (0 = top level)

    def name(self, language: str | None = None) -> str:
        picked: str = _pick(self, "name", language)
        return picked


@dataclass(frozen=True)
class FactorStats(_PickledByPosition):
    """One factor in one group. When `suppressed`, `n` and every field below it are None: a hidden cell
    reveals nothing, not even how many respondents it counted."""

    factor_code: str
    n: int | None  # respondents who count for this factor in this group (answered >= half its statements)
    suppressed: bool  # below threshold_scores, or hidden to prevent differencing
    mean: float | None = None
    median: float | None = None
    score: float | None = None
    level_code: str | None = None
    dont_know_rate: float | None = None
    # Spread: None unless n >= threshold_spread (and not derivable by subtraction).
    sd: float | None = None
    consensus: float | None = None
    distribution: tuple[int, ...] | None = None
    # Ambition (only when the assessment asks it): same counting rule, own respondent count.
    ambition_n: int | None = None
    ambition_mean: float | None = None
    ambition_score: float | None = None
    gap: float | None = None
    gap_score: float | None = None
    # None | "threshold" | "differencing" (the group's reason when the whole group is hidden) | "too_few_counted"
    suppressed_reason: str | None = None
    # The margin of error of `score` (0-100 points; score ± margin is the 95% interval) and its basis:
    # "spread" or "bound" (see the module docstring). None when hidden.
    margin: float | None = None
    margin_basis: str | None = None


@dataclass(frozen=True)
class GroupResult(_PickledByPosition):
    group: GroupRef
    respondents: int  # submitted responses in the group; always shown
    suppressed: bool  # True: scores of the whole group are hidden (see `suppressed_reason`)
    suppressed_reason: str | None  # None | "threshold" | "differencing"
    factors: tuple[FactorStats, ...]  # in model order, one per factor
    index: float | None = None  # mean of the factor scores (0-100); None unless every factor is shown
    level_code: str | None = None  # level of `index`
    index_margin: float | None = None  # margin of error of `index` (0-100 points), the mean of the factors'

    def factor(self, code: str) -> FactorStats:
        return next(f for f in self.factors if f.factor_code == code)


@dataclass(frozen=True)
class FactorAlpha:
    factor_code: str
    n: int  # complete cases: respondents who answered every statement of the factor (no don't know)
    alpha: float | None  # Cronbach's alpha; None with < 10 complete cases, < 2 statements or zero variance


@dataclass(frozen=True)
class PerceptionGap:
    factor_code: str
    management_score: float | None
    staff_score: float | None
    gap: float | None  # management_score - staff_score (0-100 points); positive = management sees it rosier


@dataclass(frozen=True)
class Priority:
    rank: int  # 1..3
    factor_code: str
    value: float  # the priority rule's number (higher = more urgent), see PRIORITY_RULE below
    score: float
    gap_score: float | None
    consensus: float | None
    level_code: str  # the factor's current level; the advice belongs to it
    advice_en: tuple[str, ...]
    advice_nl: tuple[str, ...]

    def advice(self, language: str | None = None) -> tuple[str, ...]:
        picked: tuple[str, ...] = _pick(self, "advice", language)
        return picked


@dataclass(frozen=True)
class FactorAdvice:
    """The model's advice for a factor at the organisation's current level on it."""

    factor_code: str
    level_code: str
    actions_en: tuple[str, ...]
    actions_nl: tuple[str, ...]

    def actions(self, language: str | None = None) -> tuple[str, ...]:
        picked: tuple[str, ...] = _pick(self, "actions", language)
        return picked


@dataclass(frozen=True)
class FactorChange:
    factor_code: str
    previous_score: float | None  # the previous round's organisation score (None if hidden there)
    score: float | None
    change: float | None  # score - previous_score (0-100 points)
    previous_margin: float | None = None  # the previous round's margin of error of its score
    margin: float | None = None  # margin of error of `change`: sqrt(margin² + previous_margin²)
    meaningful: bool | None = None  # |change| > margin; False = "within the margin"; None when unknown


@dataclass(frozen=True)
class PreviousRound:
    public_id: UUID
    title: str
    comparable: bool  # False when the model versions' factor codes differ: no changes are computed


@dataclass(frozen=True)
class FactorComments:
    factor_code: str
    comments: tuple[str, ...]  # sorted alphabetically so the order reveals nothing


@dataclass(frozen=True)
class ResponseRate:
    submitted: int
    invited: int  # personal invitations sent out
    link_responses: int  # submitted responses that did not come from an invitation (team links)
    rate: float | None  # submitted / (invited + link_responses), 0..1; None without invitations


@dataclass(frozen=True)
class LensScore(_PickledByPosition):
    """One lens subset in one group: the 7+ basics, the 9+ moments, or one SERVQUAL gap (see scoring.lenses)."""

    key: str  # "basis" | "nine_plus" | "knowledge" | "standards" | "delivery" | "communication"
    n: int  # respondents who count for it (answered >= half of its statements they were asked)
    suppressed: bool  # below threshold_scores, the group or factor is hidden, or hidden against differencing
    score: float | None = None  # 0-100; None when suppressed
    # Why a hidden lens is hidden, as for factors: "threshold" | "differencing" | "too_few_counted";
    # None when shown (and for the overall layers, which are hidden because a factor's layer is).
    suppressed_reason: str | None = None
    margin: float | None = None  # margin of error of `score` (0-100 points); None when hidden
    margin_basis: str | None = None  # "spread" | "bound" (the overall layers: "bound" if any factor's is)


@dataclass(frozen=True)
class FactorLayers(_PickledByPosition):
    factor_code: str
    basis: LensScore
    nine_plus: LensScore


@dataclass(frozen=True)
class GroupLenses(_PickledByPosition):
    """Both lenses for one group (per-factor model versions only)."""

    group_key: str  # GroupRef.key
    basis: LensScore  # all factors' basis statements
    nine_plus: LensScore
    factors: tuple[FactorLayers, ...]  # model order
    servqual: tuple[LensScore, ...]  # knowledge, standards, delivery, communication

    def factor(self, code: str) -> FactorLayers:
        return next(f for f in self.factors if f.factor_code == code)


# The documented priority rule (also shown on the "how we score" page).
PRIORITY_WEIGHTS = {"gap": 0.5, "room": 0.3, "disagreement": 0.2}
PRIORITY_RULE = (
    "priority = 0.5 x gap (ambition - current, 0-100 points, negative counts as 0)"
    " + 0.3 x room to grow (100 - score) + 0.2 x disagreement (100 - consensus); missing parts count as 0"
)


@dataclass(frozen=True)
class AssessmentResult:
    assessment_id: UUID  # Assessment.public_id
    title: str
    organisation_name: str
    status: str
    model_name_en: str
    model_name_nl: str
    ask_ambition: bool
    thresholds: Thresholds
    scale: ScaleInfo
    levels: tuple[LevelInfo, ...]  # by order, lowest first
    factors: tuple[FactorInfo, ...]  # model order
    respondents: int  # submitted responses
    organisation: GroupResult
    teams: tuple[GroupResult, ...]  # depth-first tree order (parent before its sub-teams)
    roles: tuple[GroupResult, ...]
    team_roles: tuple[GroupResult, ...]  # only cells with at least one respondent
    management: GroupResult | None  # None when the organisation marks no role as management
    staff: GroupResult | None
    index: float | None  # overall maturity index = organisation.index
    level_code: str | None  # the organisation's level by the whole rule (scoring.level)
    strongest: str | None  # factor code with the highest organisation score
    weakest: str | None
    alpha: tuple[FactorAlpha, ...]
    perception_gaps: tuple[PerceptionGap, ...]  # empty without management and staff groups
    priorities: tuple[Priority, ...]  # up to 3, most urgent first
    previous: PreviousRound | None
    changes: tuple[FactorChange, ...]  # empty without a comparable previous round
    comments_visible: bool  # organisation has >= threshold_comments respondents
    comments: tuple[FactorComments, ...]  # empty unless comments_visible
    response_rate: ResponseRate
    advice: tuple[FactorAdvice, ...] = ()  # per factor with a visible organisation score, model order
    notes: tuple[str, ...] = field(default=())  # reserved for future caveats
    # The two lenses, one entry per group (same keys as groups()); empty for models without statement tags.
    lenses: tuple[GroupLenses, ...] = ()
    # The customers' share of 9s and 10s the level rule used (scoring.level), None without a shown share.
    customers_nine_plus: float | None = None

    def factor(self, code: str) -> FactorInfo:
        return next(f for f in self.factors if f.code == code)

    @property
    def ambition_used(self) -> bool:
        """Whether any factor has an ambition score; without one the priorities rank without the gap."""
        return any(s.ambition_score is not None for s in self.organisation.factors)

    def level(self, code: str | None) -> LevelInfo | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    def factor_level_text(self, factor_code: str, level_code: str | None, language: str | None = None) -> str:
        """What the factor looks like at the level; the level's general description where the model has none."""
        own = next((t for t in self.factor(factor_code).level_texts if t.level_code == level_code), None)
        if own is not None:
            return own.text(language)
        level = self.level(level_code)
        return level.description(language) if level else ""

    def advice_for(self, code: str) -> FactorAdvice | None:
        return next((a for a in self.advice if a.factor_code == code), None)

    def change_for(self, code: str) -> FactorChange | None:
        return next((c for c in self.changes if c.factor_code == code), None)

    def alpha_for(self, code: str) -> FactorAlpha | None:
        return next((a for a in self.alpha if a.factor_code == code), None)

    def lenses_for(self, group_key: str) -> GroupLenses | None:
        """The GroupLenses of a group key ("organisation", "management", ...), or None."""
        return next((g for g in self.lenses if g.group_key == group_key), None)

    def groups(self) -> tuple[GroupResult, ...]:
        """Every group, organisation first."""
        extra = tuple(g for g in (self.management, self.staff) if g is not None)
        return (self.organisation, *self.teams, *self.roles, *extra, *self.team_roles)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (UUIDs as strings)."""
        converted: dict[str, Any] = _jsonable(asdict(self))
        return converted


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, UUID):
        return str(value)
    return value
