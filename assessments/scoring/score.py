"""score_assessment: from stored per-response sums to an anonymity-safe AssessmentResult.

Each respondent's weighted sums per factor are stored at submit (ResponseFactorSums); Python folds them
into per-cell tallies of respondent factor scores (never answers), kept per cell until one of the cell's
responses changes (scoring/cells.py); every group's figures follow from its cells' tallies (scoring.tally: the
distinct values and their counts) and are kept per group until one of its cells changes (kept_groups.py).
Anonymity is applied to them on every scoring (steps 2 and 3 below): the thresholds and which groups hide
which are never kept.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.sums import scale_bounds
from assessments.scoring import (
    cells,
    fold,
    group_figures,
    kept_groups,
    lenses,
    level,
    model_content,
    queries,
    statistics,
)
from assessments.scoring.anonymity import Hider
from assessments.scoring.audience import Audience, audience_for
from assessments.scoring.group_figures import FactorFigures, GroupFigures
from assessments.scoring.groups import MANAGEMENT, ORGANISATION, STAFF, GroupLayout, build_layout
from assessments.scoring.queries import Cell, FactorRow, SumsRow
from assessments.scoring.result import (
    DIFFERENCING,
    THRESHOLD,
    TOO_FEW_COUNTED,
    AssessmentResult,
    FactorStats,
    GroupLenses,
    GroupResult,
    Thresholds,
)
from assessments.scoring.summaries import (
    AdviceByLevel,
    _advice,
    _alphas,
    _comments,
    _perception_gaps,
    _priorities,
    _response_rate,
    previous_round,
)


def _fold_rows(
    rows: Sequence[SumsRow],
    cell_of: Mapping[int, Cell],
    *,
    scorer: "_Scorer",
    audience: Audience | None,
    ambition: bool,
    lenses_on: bool,
) -> dict[Cell, fold.CellFigures]:
    """fold.collect with the scorer's factors, scale and audience, tallied per cell."""
    per_factor = scorer.per_factor_ambition
    bins, complete, lens_means = fold.collect(
        rows,
        cells=cell_of,
        factors=scorer.factor_rows,
        kinds=audience.kinds if audience else {},
        asked=audience.counts if audience else None,
        ambition=ambition and not per_factor,
        factor_ambition=ambition and per_factor,
        scale=(scorer.lo, scorer.hi),
        lens_counts=lenses.asked_counts(scorer.statements) if lenses_on else None,
        nine_plus_min=lenses.nine_plus_minimum(scorer.statements),
    )
    return fold.tallied(
        bins,
        complete,
        lens_means,
        statements={f["id"]: f["statement_count"] for f in scorer.factor_rows},
        scale_max=scorer.hi,
    )


class _Scorer:
    def __init__(self, *, assessment: Assessment) -> None:
        self.assessment = assessment
        version = assessment.model_version
        self.content = content = model_content.kept(version=version)
        scale, levels, factors, advice, self.positions, self.statements = content.rows
        self.per_factor_ambition = version.ambition_per_factor
        self.level_texts = content.level_texts
        self.scale_rows, self.level_rows, self.factor_rows = scale, levels, factors
        self.advice: AdviceByLevel = {(a["factor__code"], a["level__code"]): a for a in advice}
        self.lo, self.hi = scale_bounds(s["value"] for s in scale)
        self.level_pairs = [(lv["code"], float(lv["min_score"])) for lv in levels]
        self.thresholds = Thresholds(
            scores=assessment.threshold_scores,
            comments=assessment.threshold_comments,
            spread=assessment.threshold_spread,
        )

    def score(self, mean_value: float) -> float:
        return statistics.to_score(mean_value, scale_min=self.lo, scale_max=self.hi)


@dataclass(frozen=True)
class _Measured:
    """What was measured, per group key: the layout of groups, respondents and each group's figures."""

    layout: GroupLayout
    respondents: dict[str, int]
    groups: dict[str, GroupFigures]  # group key -> its figures before anonymity (factors and lenses)
    complete: Mapping[int, fold.AlphaSums]  # factor id -> the exact sums of the complete cases
    audience: Audience | None = None
    lenses_on: bool = False  # the model tags statements (7+ basics, 9+ moments, SERVQUAL gaps)


@dataclass(frozen=True)
class _Hidden:
    """Which groups are hidden: whole groups, and per factor id their score, ambition and spread."""

    groups: set[str]
    score: dict[int, set[str]]  # factor id -> hidden group keys
    ambition: dict[int, set[str]]
    spread: dict[int, set[str]]
    hider: Hider  # the layout's anonymity rule, for the lenses


def _measure(scorer: _Scorer, *, assessment: Assessment, ambition: bool) -> _Measured:
    """Step 1: the cells' fingerprints (one GROUP BY), the layout of groups and every group's figures: kept
    where none of its cells changed (kept_groups), else computed from the cells' tallies (cells)."""
    factors = scorer.factor_rows
    teams, roles, team_ids, role_ids = queries.organisation_structure(assessment=assessment)
    audience = audience_for(scorer.statements, roles)
    lenses_on = any(s["tag"] or s["gap"] for s in scorer.statements)
    # What a cell's fold depends on besides its responses' rows (the model version never changes once loaded).
    kinds = ",".join(f"{r['id']}:{int(r['is_management'])}" for r in sorted(roles, key=lambda r: r["id"]))
    depends_on = f"{assessment.model_version_id}|{int(ambition)}|{kinds}"
    current = cells.fingerprints(assessment=assessment)
    cell_counts = {cell: n for cell, (n, _fingerprint) in current.items()}
    layout = build_layout(
        teams=teams,
        roles=roles,
        team_ids=team_ids,
        role_ids=role_ids,
        # In a fixed order: the team x role groups are made in the order their cells come.
        cells=sorted(cell_counts, key=lambda c: (c[0] is not None, c[0] or 0, c[1] is not None, c[1] or 0)),
        organisation_name=assessment.organisation.name,
    )
    keys = list(layout.refs)
    respondents = {key: sum(cell_counts.get(c, 0) for c in layout.cells.get(key, ())) for key in keys}
    shape = group_figures.Shape(
        factor_ids=tuple(f["id"] for f in factors),
        subsets=tuple(lenses.subsets(f["id"] for f in factors)) if lenses_on else (),
        scale=(scorer.lo, scorer.hi),
    )

    def cell_figures() -> cells.Cells:
        return cells.figures(
            assessment=assessment,
            depends_on=depends_on,
            read_rows=lambda team_ids: queries.respondent_sums_of(assessment_ids=[assessment.pk], team_ids=team_ids),
            fold_rows=lambda rows, cell_of: _fold_rows(
                rows, cell_of, scorer=scorer, audience=audience, ambition=ambition, lenses_on=lenses_on
            ),
            current=current,
        )

    groups = kept_groups.figures(
        assessment=assessment,
        members={key: layout.cells.get(key, set()) for key in keys},
        organisation=ORGANISATION,
        current=current,
        depends_on=depends_on,
        shape=shape,
        cell_figures=cell_figures,
    )
    return _Measured(
        layout=layout,
        respondents=respondents,
        groups=groups,
        complete=groups[ORGANISATION].complete,
        audience=audience,
        lenses_on=lenses_on,
    )


def _hide(measured: _Measured, *, factors: Iterable[FactorRow], thresholds: Thresholds) -> _Hidden:
    """Step 2, anonymity: whole groups first, then per factor for scores, ambition and spread."""
    layout, groups = measured.layout, measured.groups
    keys = list(layout.refs)
    hider = Hider(keys=keys, partitions=layout.partitions, nested=layout.nested, identical=layout.identical)
    hidden = hider.hidden(counts=measured.respondents, threshold=thresholds.scores)
    hidden_score: dict[int, set[str]] = {}
    hidden_ambition: dict[int, set[str]] = {}
    hidden_spread: dict[int, set[str]] = {}
    for f in factors:
        n = {key: groups[key].factors[f["id"]].n for key in keys}
        hidden_score[f["id"]] = hider.hidden(counts=n, threshold=thresholds.scores, already_hidden=hidden)
        a_n = {key: groups[key].factors[f["id"]].ambition_n for key in keys}
        hidden_ambition[f["id"]] = hider.hidden(
            counts=a_n, threshold=thresholds.scores, already_hidden=hidden_score[f["id"]]
        )
        hidden_spread[f["id"]] = hider.hidden(
            counts=n, threshold=thresholds.spread, already_hidden=hidden_score[f["id"]]
        )
    return _Hidden(groups=hidden, score=hidden_score, ambition=hidden_ambition, spread=hidden_spread, hider=hider)


def group_reason_of(*, respondents: int, threshold: int, hidden: _Hidden, key: str) -> str | None:
    """Why a whole group is hidden: "threshold" (too few respondents) or "differencing"; None when shown."""
    if key not in hidden.groups:
        return None
    return THRESHOLD if respondents < threshold else DIFFERENCING


def factor_reason(*, group_reason: str | None, counted: int, threshold: int) -> str:
    """Why a factor of a group is hidden: the group's own reason when the whole group is hidden; else
    "too_few_counted" (enough respondents, but fewer than the threshold answered enough of the factor's
    statements to count) or "differencing" (enough counted, hidden so it cannot be had by subtraction)."""
    if group_reason is not None:
        return group_reason
    return TOO_FEW_COUNTED if counted < threshold else DIFFERENCING


def _factor_stats(
    scorer: _Scorer,
    *,
    key: str,
    factor: FactorRow,
    data: FactorFigures,
    hidden: _Hidden,
    ambition: bool,
    group_reason: str | None = None,
) -> FactorStats:
    """Step 3a: one factor's figures for one group, leaving out what anonymity hides."""
    n = data.n
    a_n = data.ambition_n if ambition else None
    if key in hidden.score[factor["id"]]:
        # Hidden cells keep no counts: a "counted 1" would say as much as the score it hides.
        reason = factor_reason(group_reason=group_reason, counted=n, threshold=scorer.thresholds.scores)
        return FactorStats(factor_code=factor["code"], n=None, suppressed=True, suppressed_reason=reason)
    lo, hi = scorer.lo, scorer.hi
    mean_value = data.mean
    # Shown, so at least the threshold counted: the figures are there.
    assert mean_value is not None
    assert data.sd is not None
    score = scorer.score(mean_value)
    spread_shown = key not in hidden.spread[factor["id"]]
    # The interval reveals the spread (its width is t x sd / sqrt(n)): from the respondents' spread only
    # where the spread itself may be shown, else from the scale's bound, which says nothing beyond n.
    margin, margin_basis = data.margin(spread_shown=spread_shown)
    sd = data.sd if spread_shown else None
    a_mean = a_score = None
    if ambition and key not in hidden.ambition[factor["id"]] and data.ambition_mean is not None:
        a_mean = data.ambition_mean
        a_score = scorer.score(a_mean)
    return FactorStats(
        factor_code=factor["code"],
        n=n,
        suppressed=False,
        mean=mean_value,
        median=data.median,
        score=score,
        level_code=statistics.level_for(score, scorer.level_pairs),
        dont_know_rate=data.dont_know / data.given if data.given else None,
        sd=sd,
        consensus=statistics.consensus(sd, scale_min=lo, scale_max=hi) if sd is not None else None,
        distribution=data.distribution if spread_shown else None,
        ambition_n=a_n,
        ambition_mean=a_mean,
        ambition_score=a_score,
        gap=a_mean - mean_value if a_mean is not None else None,
        gap_score=a_score - score if a_score is not None else None,
        margin=margin,
        margin_basis=margin_basis,
    )


def _group_result(
    scorer: _Scorer,
    key: str,
    *,
    measured: _Measured,
    hidden: _Hidden,
    ambition: bool,
    group_lenses: GroupLenses | None = None,
) -> GroupResult:
    """Step 3b: one group's result: every factor, and its index when every factor may be shown; its level
    needs the 9+ layer as well as the index for the top level (statistics.phase_for)."""
    reason = group_reason_of(
        respondents=measured.respondents[key], threshold=scorer.thresholds.scores, hidden=hidden, key=key
    )
    stats = tuple(
        _factor_stats(
            scorer,
            key=key,
            factor=f,
            data=measured.groups[key].factors[f["id"]],
            hidden=hidden,
            ambition=ambition,
            group_reason=reason,
        )
        for f in scorer.factor_rows
    )
    index = level = index_margin = None
    if key not in hidden.groups and stats and all(not s.suppressed for s in stats):
        scores = [s.score for s in stats if s.score is not None]
        assert len(scores) == len(stats)  # every factor is shown, so every factor has a score
        index = statistics.mean(scores)
        index_margin = statistics.mean_of_margins([s.margin for s in stats])
        nine_plus = group_lenses.nine_plus if group_lenses is not None else None
        level = statistics.phase_for(
            index,
            scorer.level_pairs,
            layered=group_lenses is not None,
            nine_plus=nine_plus.score if nine_plus is not None and not nine_plus.suppressed else None,
        )
    return GroupResult(
        group=measured.layout.refs[key],
        respondents=measured.respondents[key],
        suppressed=key in hidden.groups,
        suppressed_reason=reason,
        factors=stats,
        index=index,
        level_code=level,
        index_margin=index_margin,
    )


def score_assessment(*, assessment: Assessment) -> AssessmentResult:
    """Score every factor for every group of the assessment, with anonymity rules applied, and the
    organisation's level by the whole rule (scoring.level, which also reads the customers' 9+ share)."""
    return level.with_customers(score_scores(assessment=assessment), assessment=assessment)


def score_scores(*, assessment: Assessment) -> AssessmentResult:
    """The scores (what the cache keeps): the organisation's level from the index and the 9+ layer only;
    score_assessment adds the customers' condition."""
    scorer = _Scorer(assessment=assessment)
    ambition = assessment.ask_ambition
    thresholds = scorer.thresholds
    measured = _measure(scorer, assessment=assessment, ambition=ambition)
    hidden = _hide(measured, factors=scorer.factor_rows, thresholds=thresholds)
    layout = measured.layout
    group_lenses = lenses.compute(scorer, measured=measured, hidden=hidden)
    lenses_of = dict(zip(layout.refs, group_lenses, strict=True)) if group_lenses else {}

    def group(key: str) -> GroupResult:
        return _group_result(
            scorer, key, measured=measured, hidden=hidden, ambition=ambition, group_lenses=lenses_of.get(key)
        )

    organisation = group(ORGANISATION)
    management = group(MANAGEMENT) if layout.has_management else None
    staff = group(STAFF) if layout.has_management else None
    ranked = sorted((s for s in organisation.factors if s.score is not None), key=lambda s: -(s.score or 0.0))
    previous, changes = previous_round(assessment, organisation, scorer.factor_rows)
    comments_visible = organisation.respondents >= thresholds.comments and not organisation.suppressed
    comment_rows = queries.comment_texts(assessment=assessment)
    comments = _comments(scorer.factor_rows, comment_rows) if comments_visible else ()
    scale, levels, factor_infos = model_content.result_infos(scorer.content, scale_min=scorer.lo, scale_max=scorer.hi)

    return AssessmentResult(
        assessment_id=assessment.public_id,
        title=assessment.title,
        organisation_name=assessment.organisation.name,
        status=assessment.status,
        model_name_en=assessment.model_version.name_en,
        model_name_nl=assessment.model_version.name_nl,
        ask_ambition=ambition,
        thresholds=thresholds,
        scale=scale,
        levels=levels,
        factors=factor_infos,
        respondents=organisation.respondents,
        organisation=organisation,
        teams=tuple(group(k) for k in layout.team_keys),
        roles=tuple(group(k) for k in layout.role_keys),
        team_roles=tuple(group(k) for k in layout.team_role_keys),
        management=management,
        staff=staff,
        index=organisation.index,
        level_code=organisation.level_code,
        strongest=ranked[0].factor_code if ranked else None,
        weakest=ranked[-1].factor_code if ranked else None,
        alpha=_alphas(scorer.factor_rows, organisation, measured.complete),
        perception_gaps=_perception_gaps(management, staff),
        priorities=_priorities(organisation, scorer.advice),
        previous=previous,
        changes=changes,
        comments_visible=comments_visible,
        comments=comments,
        response_rate=_response_rate(organisation.respondents, queries.invitation_counts(assessment=assessment)),
        advice=_advice(organisation, scorer.advice),
        lenses=group_lenses,
    )
