"""Suggested actions for a factor at a level: the model's action library, or its advice texts (v1 models)."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation

from assessments.actions.models import PlanAction
from assessments.questionnaire.models import Assessment
from assessments.scoring.result import AssessmentResult
from models_9plus.models import Action, Advice

ADVICE_PREFIX = "advice-"


@dataclass(frozen=True)
class Suggestion:
    key: str  # the library code, or "advice-<n>" for the n-th advice text
    title: str
    how_to: str
    audience: str  # the translated label ("CX lead"), never the code
    effort: str  # the translated label ("weeks")
    success_measure: str = ""  # the library's outcome for customers or operations; "" where it gives none


def _label(choices: type[models.TextChoices], value: str, language: str) -> str:
    """A choice's label in the given language (not the request's: the caller may render for another reader)."""
    with translation.override(language):
        return str(choices(value).label) if value in choices.values else value


def suggestions_for(*, assessment: Assessment, factor_code: str, level_code: str, language: str) -> list[Suggestion]:
    library = list(
        Action.objects.filter(
            factor__version_id=assessment.model_version_id, factor__code=factor_code, levels__code=level_code
        )
        .distinct()
        .order_by("order")
    )
    if library:
        return [
            Suggestion(
                key=item.code,
                title=item.t("title", language),
                how_to=item.t("how_to", language),
                audience=_label(Action.Audience, item.audience, language),
                effort=_label(Action.Effort, item.effort, language),
                success_measure=item.t("success_measure", language),
            )
            for item in library
        ]
    advice = Advice.objects.filter(
        factor__version_id=assessment.model_version_id, factor__code=factor_code, level__code=level_code
    ).first()
    texts = advice.actions(language) if advice else []
    return [
        Suggestion(key=f"{ADVICE_PREFIX}{i}", title=text, how_to="", audience="", effort="")
        for i, text in enumerate(texts)
    ]


def find_suggestion(
    *, assessment: Assessment, factor_code: str, level_code: str, key: str, language: str
) -> Suggestion | None:
    return next(
        (
            s
            for s in suggestions_for(
                assessment=assessment, factor_code=factor_code, level_code=level_code, language=language
            )
            if s.key == key
        ),
        None,
    )


def library_how_to(*, action: PlanAction, language: str) -> str:
    """How to do an action that came from the library, in the reader's language ("" for any other action).

    Read from the library rather than copied, so a Dutch reader never gets the English text a manager
    happened to add it in; the action's notes stay the manager's own."""
    if not action.library_code or action.assessment is None:
        return ""
    item = Action.objects.filter(
        factor__version_id=action.assessment.model_version_id, factor__code=action.factor_code, code=action.library_code
    ).first()
    return item.t("how_to", language) if item is not None else ""


def _in_plan(suggestion: Suggestion, actions: list[PlanAction]) -> PlanAction | None:
    """The plan's action made from this suggestion (as `create_from_suggestion` recognises a repeat), if any."""
    for action in actions:
        if suggestion.key.startswith(ADVICE_PREFIX):
            if suggestion.title in (action.title, action.title_en, action.title_nl):
                return action
        elif action.library_code == suggestion.key:
            return action
    return None


def priority_suggestions(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[dict[str, Any]]:
    """Per top priority: the factor, its level and what the model suggests doing about it; `entries` pairs each
    suggestion with the action already made from it (None while it is not in the plan)."""
    planned = list(PlanAction.objects.filter(assessment=assessment).select_related("owner__user"))
    items = []
    for p in result.priorities:
        suggestions = suggestions_for(
            assessment=assessment, factor_code=p.factor_code, level_code=p.level_code, language=language
        )
        actions = [a for a in planned if a.factor_code == p.factor_code]
        items.append(
            {
                "priority": p,
                "factor_name": result.factor(p.factor_code).name(language),
                "level_name": level.name(language) if p.level_code and (level := result.level(p.level_code)) else "",
                "suggestions": suggestions,
                "entries": [{"suggestion": s, "action": _in_plan(s, actions)} for s in suggestions],
            }
        )
    return items
