"""Rounds over time: the index and every factor per round, and the actions completed between rounds."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import NotRequired, TypedDict

from django.utils import formats, timezone, translation

from assessments.actions.models import PlanAction
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import oldest_rounds_first, round_date
from assessments.scoring import score_assessment, statistics
from models_9plus.i18n import content_language


@dataclass
class Round:
    assessment: Assessment
    date: datetime
    index: float | None
    level_name: str
    scores: dict[str, float | None]  # factor code -> score or None
    respondents: int
    completed_actions: list[PlanAction] = field(default_factory=list)  # actions done since the round before
    date_label: str = ""  # the date in the reader's language ("maart 2026"), for the chart's axis
    # The model version changed since the round before: its questions differ, so the change is no progress.
    method_break: bool = False
    margins: dict[str, float | None] = field(default_factory=dict)  # factor code -> margin of error (0-100)
    index_margin: float | None = None


@dataclass(frozen=True)
class TrendChange:
    """A change from one round to the next with its uncertainty (see statistics.difference_margin)."""

    change: float  # this round's score minus the round before's (0-100 points)
    margin: float  # margin of error of the change: sqrt(margin² + margin before²)
    meaningful: bool  # |change| > margin; otherwise the change is "within the margin"

    @property
    def up(self) -> bool:
        return self.change > 0


def trend_change(
    score: float | None, margin: float | None, before: float | None, before_margin: float | None
) -> TrendChange | None:
    """The change between two shown scores of rounds asked with the same questions; None when any part is
    unknown (a hidden score, a margin that cannot be computed)."""
    if score is None or before is None:
        return None
    change_margin = statistics.difference_margin(margin, before_margin)
    if change_margin is None:
        return None
    change = score - before
    return TrendChange(
        change=change, margin=change_margin, meaningful=bool(statistics.meaningful(change, change_margin))
    )


class FactorTrendRow(TypedDict):
    code: str
    name: str
    scores: list[float | None]  # one per round, oldest first
    changes: list[TrendChange | None]  # one per round: the change since the round before (None: first, a
    # method break, or a score or margin unknown)
    cells: list[tuple[float | None, TrendChange | None]]  # (score, change) per round, for the tables
    colour: NotRequired[str]  # set by the trend page


class MethodBreak(TypedDict):
    round: Round
    before: Round
    model: str
    version: str  # the version's name ("2.1"; models_9plus ModelVersion.version_name)
    previous_version: str


class Trend(TypedDict):
    rounds: list[Round]
    factor_rows: list[FactorTrendRow]
    actions: list[PlanAction]
    completed_since_last: list[PlanAction]
    has_trend: bool
    method_breaks: list[MethodBreak]
    index_changes: list[TrendChange | None]  # the index's change per round, as FactorTrendRow.changes
    index_cells: list[tuple[float | None, TrendChange | None]]  # (index, change) per round


def organisation_rounds(*, organisation: Organisation) -> list[Assessment]:
    """Every round of the organisation, oldest first by its date (never by when it was typed in)."""
    return list(
        oldest_rounds_first(
            Assessment.objects.filter(organisation=organisation).select_related("organisation", "model_version")
        )
    )


def _round(assessment: Assessment, language: str) -> tuple[Round, dict[str, str]]:
    result = score_assessment(assessment=assessment)
    level = result.level(result.level_code) if result.level_code else None
    scores = {s.factor_code: s.score for s in result.organisation.factors}
    names = {f.code: f.name(language) for f in result.factors}
    date = round_date(assessment)
    with translation.override(language):
        label = formats.date_format(timezone.localtime(date), "F Y")
    return (
        Round(
            assessment=assessment,
            date=date,
            index=result.index,
            level_name=level.name(language) if level else "",
            scores=scores,
            respondents=result.respondents,
            date_label=label,
            margins={s.factor_code: s.margin for s in result.organisation.factors},
            index_margin=result.organisation.index_margin,
        ),
        names,
    )


def _shown(entry: Round) -> bool:
    """A closed round always has its column (a "–" is a finding); a draft or a round still open only once it
    has a score, so a later round that has just opened adds no empty column."""
    if entry.assessment.status == Assessment.Status.CLOSED:
        return True
    return entry.index is not None or any(score is not None for score in entry.scores.values())


def _mark_method_breaks(rounds: list[Round], language: str) -> list[MethodBreak]:
    """Flags each round asked with another model version than the round before it, and describes the breaks."""
    breaks: list[MethodBreak] = []
    for before, entry in zip(rounds, rounds[1:], strict=False):
        old, new = before.assessment.model_version, entry.assessment.model_version
        if old.pk == new.pk:
            continue
        entry.method_break = True
        # Versions of one model share its name: their version names ("2", "2.1") tell them apart.
        breaks.append(
            {
                "round": entry,
                "before": before,
                "model": new.name_nl if language == "nl" else new.name_en,
                "version": new.version_name,
                "previous_version": old.version_name,
            }
        )
    return breaks


def _factor_change(action: PlanAction, rounds: list[Round]) -> tuple[float | None, TrendChange | None]:
    """Its factor's score in the latest round after it was made minus the score when it was made, and that
    change with its margin of error (None when the rounds' margins are unknown)."""
    code = action.factor_code
    earlier = [r for r in rounds if r.date <= action.created_at and r.scores.get(code) is not None]
    before = action.baseline_score
    if before is None:
        before = earlier[-1].scores[code] if earlier else None
    later = [r for r in rounds if r.date > action.created_at and r.scores.get(code) is not None]
    after = later[-1].scores[code] if later else None
    if before is None or after is None:
        return None, None
    # The baseline is the score of the round it was made in: that round's margin goes with it.
    before_margin = earlier[-1].margins.get(code) if earlier else None
    return after - before, trend_change(after, later[-1].margins.get(code), before, before_margin)


def organisation_trend(
    *, organisation: Organisation, language: str | None = None, until: Assessment | None = None
) -> Trend:
    """Every round of the organisation, oldest first, with the plan's actions placed between them.

    until: a report's round; rounds dated after it are left out, so a report tells the story of its moment.
    """
    language = content_language(language)
    rounds: list[Round] = []
    factor_names: dict[str, str] = {}
    for assessment in organisation_rounds(organisation=organisation):
        if until is not None and assessment.pk != until.pk and round_date(assessment) > round_date(until):
            continue
        entry, names = _round(assessment, language)
        if not _shown(entry):
            continue
        rounds.append(entry)
        factor_names.update({code: name for code, name in names.items() if code not in factor_names})
    actions = list(PlanAction.objects.filter(organisation=organisation).select_related("owner__user"))
    since_last: list[PlanAction] = []
    for action in actions:
        # Shown per row: the change, and the change with its margin (coloured only beyond it).
        action.factor_change, action.factor_change_mark = _factor_change(action, rounds)  # type: ignore[attr-defined]
        if action.status != PlanAction.Status.DONE or action.completed_at is None:
            continue
        placed = next(
            (i for i, r in enumerate(rounds) if i > 0 and rounds[i - 1].date < action.completed_at <= r.date), None
        )
        if placed is not None:
            rounds[placed].completed_actions.append(action)
        elif rounds and action.completed_at > rounds[-1].date:
            since_last.append(action)
    method_breaks = _mark_method_breaks(rounds, language)
    factor_rows = []
    for code, name in factor_names.items():
        scores = [r.scores.get(code) for r in rounds]
        changes = _changes(rounds, partial(_factor_figure, code=code))
        factor_rows.append(
            FactorTrendRow(
                code=code, name=name, scores=scores, changes=changes, cells=list(zip(scores, changes, strict=True))
            )
        )
    index_changes = _changes(rounds, lambda r: (r.index, r.index_margin))
    return {
        "rounds": rounds,
        "factor_rows": factor_rows,
        "actions": sorted(actions, key=lambda a: (a.factor_code, a.created_at)),
        "completed_since_last": since_last,
        "has_trend": sum(1 for r in rounds if r.index is not None) >= 2,
        "method_breaks": method_breaks,
        "index_changes": index_changes,
        "index_cells": list(zip([r.index for r in rounds], index_changes, strict=True)),
    }


def _factor_figure(entry: Round, *, code: str) -> tuple[float | None, float | None]:
    return entry.scores.get(code), entry.margins.get(code)


def _changes(
    rounds: list[Round], figure: Callable[[Round], tuple[float | None, float | None]]
) -> list[TrendChange | None]:
    """Per round the change of a figure ((score, margin) of a round) since the round before; none across a
    method break (call after _mark_method_breaks)."""
    found: list[TrendChange | None] = [None] * len(rounds)
    for i in range(1, len(rounds)):
        if not rounds[i].method_break:
            found[i] = trend_change(*figure(rounds[i]), *figure(rounds[i - 1]))
    return found


def _later_rounds(assessment: Assessment) -> list[Assessment]:
    """The organisation's rounds dated after this one, oldest first."""
    own = round_date(assessment)
    return [
        a
        for a in organisation_rounds(organisation=assessment.organisation)
        if a.pk != assessment.pk and round_date(a) > own
    ]


def next_measurement(*, assessment: Assessment, now: datetime | None = None) -> date | None:
    """The date the next round opens, only when that is still to come: a round dated after this one whose
    opening lies in the future (None otherwise: no later round is scheduled, or it has already started)."""
    now = now or timezone.now()
    for candidate in _later_rounds(assessment):
        if candidate.opens_at and candidate.opens_at > now:
            return timezone.localtime(candidate.opens_at).date()
        if candidate.opens_at:
            return None  # the next round has already opened: nothing is "to come"
    return None


def next_round_started(*, assessment: Assessment, now: datetime | None = None) -> date | None:
    """The date the next round opened when it already has (None when there is none, or it is still to come)."""
    now = now or timezone.now()
    for candidate in _later_rounds(assessment):
        if candidate.opens_at:
            return timezone.localtime(candidate.opens_at).date() if candidate.opens_at <= now else None
    return None


def latest_round(*, organisation: Organisation) -> Assessment | None:
    """The round a plan answers to: the latest closed one, else the latest that has started."""
    rounds = [a for a in organisation_rounds(organisation=organisation) if a.status != Assessment.Status.DRAFT]
    closed = [a for a in rounds if a.status == Assessment.Status.CLOSED]
    candidates = closed or rounds
    return candidates[-1] if candidates else None
