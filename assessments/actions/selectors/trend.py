"""Rounds over time: the index and every factor per round, and the actions completed between rounds."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from assessments.actions.models import PlanAction
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from models_9plus.i18n import content_language


@dataclass
class Round:
    assessment: Assessment
    date: datetime
    index: float | None
    level_name: str
    scores: dict  # factor code -> score or None
    respondents: int
    completed_actions: list = field(default_factory=list)  # actions done since the round before


def round_date(assessment: Assessment) -> datetime:
    return assessment.closed_at or assessment.closes_at or assessment.opens_at or assessment.created_at


def organisation_rounds(*, organisation: Organisation) -> list[Assessment]:
    rounds = list(Assessment.objects.filter(organisation=organisation).select_related("organisation", "model_version"))
    return sorted(rounds, key=round_date)


def _round(assessment, language):
    result = score_assessment(assessment=assessment)
    level = result.level(result.level_code) if result.level_code else None
    scores = {s.factor_code: s.score for s in result.organisation.factors}
    names = {f.code: f.name(language) for f in result.factors}
    return (
        Round(
            assessment=assessment,
            date=round_date(assessment),
            index=result.index,
            level_name=level.name(language) if level else "",
            scores=scores,
            respondents=result.respondents,
        ),
        names,
    )


def _factor_change(action, rounds):
    """Its factor's score in the latest round after it was made minus the score when it was made."""
    before = action.baseline_score
    if before is None:
        earlier = [r for r in rounds if r.date <= action.created_at and r.scores.get(action.factor_code) is not None]
        before = earlier[-1].scores[action.factor_code] if earlier else None
    later = [r for r in rounds if r.date > action.created_at and r.scores.get(action.factor_code) is not None]
    after = later[-1].scores[action.factor_code] if later else None
    if before is None or after is None:
        return None
    return after - before


def organisation_trend(*, organisation: Organisation, language: str | None = None) -> dict:
    """Every round of the organisation, oldest first, with the plan's actions placed between them."""
    language = content_language(language)
    rounds, factor_names = [], {}
    for assessment in organisation_rounds(organisation=organisation):
        entry, names = _round(assessment, language)
        rounds.append(entry)
        factor_names.update({code: name for code, name in names.items() if code not in factor_names})
    actions = list(PlanAction.objects.filter(organisation=organisation).select_related("owner__user"))
    since_last = []
    for action in actions:
        action.factor_change = _factor_change(action, rounds)  # type: ignore[attr-defined]  # shown per row
        if action.status != PlanAction.Status.DONE or action.completed_at is None:
            continue
        placed = next(
            (i for i, r in enumerate(rounds) if i > 0 and rounds[i - 1].date < action.completed_at <= r.date), None
        )
        if placed is not None:
            rounds[placed].completed_actions.append(action)
        elif rounds and action.completed_at > rounds[-1].date:
            since_last.append(action)
    factor_rows = [
        {"code": code, "name": name, "scores": [r.scores.get(code) for r in rounds]}
        for code, name in factor_names.items()
    ]
    return {
        "rounds": rounds,
        "factor_rows": factor_rows,
        "actions": sorted(actions, key=lambda a: (a.factor_code, a.created_at)),
        "completed_since_last": since_last,
        "has_trend": sum(1 for r in rounds if r.index is not None) >= 2,
    }


def next_measurement(*, assessment: Assessment):
    """When the round after this one opens (None when no later round is planned)."""
    later = [
        a for a in organisation_rounds(organisation=assessment.organisation) if a.created_at > assessment.created_at
    ]
    for candidate in later:
        if candidate.opens_at:
            return timezone.localtime(candidate.opens_at).date()
    return None


def latest_round(*, organisation: Organisation) -> Assessment | None:
    """The round a plan answers to: the latest closed one, else the latest that has started."""
    rounds = [a for a in organisation_rounds(organisation=organisation) if a.status != Assessment.Status.DRAFT]
    closed = [a for a in rounds if a.status == Assessment.Status.CLOSED]
    candidates = closed or rounds
    return candidates[-1] if candidates else None
