"""Writes to the action plan: create (freely or from a priority's suggestion), change, move status.

Every change is kept twice: in the action's own history (field, old and new value) and in the
organisation's activity log. The organisation's reports are marked stale, since the PDF's next-steps
page shows the plan.
"""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.actions.models import ActionEvent, PlanAction, person_name
from assessments.actions.selectors.suggestions import ADVICE_PREFIX, find_suggestion
from assessments.core.http import AnyUser
from assessments.organisations.models import Membership, Organisation
from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_organisation_data_version
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from assessments.scoring.result import AssessmentResult
from assessments.scoring.rounding import display_round
from models_9plus.i18n import CONTENT_LANGUAGES, content_language
from models_9plus.models import Factor

# The fields a manager edits, in the order the history shows them.
EDITABLE_FIELDS = (
    "title",
    "factor_code",
    "statement_codes",
    "owner",
    "owner_name",
    "due_date",
    "status",
    "success_measure",
    "notes",
)


# Model texts kept in both languages (see PlanAction): set when an action comes from a suggestion.
BILINGUAL_FIELDS = ("title_en", "title_nl", "success_measure_en", "success_measure_nl")
# The fields whose text may have come from the model.
MODEL_TEXTS = ("title", "success_measure")


def _describe(field: str, value: object) -> str:
    if value in (None, "", []):
        return ""
    if isinstance(value, Membership):
        return person_name(value.user)
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)[:300]


def _check_owner(*, organisation: Organisation, owner: Membership | None) -> None:
    if owner is not None and owner.organisation_id != organisation.id:
        raise ValidationError({"owner": _("Choose an owner from this organisation.")})


def _factor_names(*, assessment: Assessment, factor_code: str) -> tuple[str, str]:
    factor = Factor.objects.filter(version_id=assessment.model_version_id, code=factor_code).first()
    if factor is None:
        raise ValidationError({"factor_code": _("Choose a factor of this assessment's model.")})
    return factor.name_en, factor.name_nl


def _baseline(*, assessment: Assessment, factor_code: str) -> float | None:
    result = score_assessment(assessment=assessment)
    stats = next((s for s in result.organisation.factors if s.factor_code == factor_code), None)
    score: float | None = stats.score if stats is not None else None
    return score


def _set_completed(action: PlanAction, now: datetime.datetime) -> None:
    if action.status == PlanAction.Status.DONE:
        action.completed_at = action.completed_at or now
    else:
        action.completed_at = None


@transaction.atomic
def create_action(
    *, organisation: Organisation, assessment: Assessment, actor: AnyUser | None, data: dict[str, Any]
) -> PlanAction:
    """`data`: title, factor_code and optionally statement_codes, owner, owner_name, due_date, status,
    success_measure, notes, library_code. `assessment` is the round whose results it answers."""
    if assessment.organisation_id != organisation.id:
        raise ValidationError(_("The round must belong to this organisation."))
    _check_owner(organisation=organisation, owner=data.get("owner"))
    name_en, name_nl = _factor_names(assessment=assessment, factor_code=data["factor_code"])
    action = PlanAction(
        organisation=organisation,
        assessment=assessment,
        factor_name_en=name_en,
        factor_name_nl=name_nl,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        baseline_score=_baseline(assessment=assessment, factor_code=data["factor_code"]),
        library_code=data.get("library_code", ""),
    )
    for name in EDITABLE_FIELDS + BILINGUAL_FIELDS:
        if name in data and data[name] is not None:
            setattr(action, name, data[name])
    _set_completed(action, timezone.now())
    action.full_clean(exclude=["owner", "created_by", "assessment"])
    action.save()
    ActionEvent.objects.create(action=action, actor=action.created_by, new_value=action.title[:300])
    activity.record(organisation=organisation, actor=actor, verb="created", obj=action)
    bump_organisation_data_version(organisation_id=organisation.id)
    return action


def success_measures(*, result: AssessmentResult, factor_code: str, target: int) -> dict[str, str]:
    """The generated success measure in each language: the factor's score at the next measurement, an outcome
    the organisation sees in its next round (not an output such as "workshop held")."""
    measures: dict[str, str] = {}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            measures[language] = _("%(factor)s ≥ %(target)s next round") % {
                "factor": result.factor(factor_code).name(language),
                "target": target,
            }
    return measures


@transaction.atomic
def create_from_suggestion(
    *,
    assessment: Assessment,
    actor: AnyUser | None,
    factor_code: str,
    key: str,
    language: str,
    owner: Membership | None = None,
    owner_name: str = "",
    due_date: datetime.date | None = None,
) -> tuple[PlanAction, bool]:
    """From a top priority, with its owner and due date: (the action, created). Adding it twice adds nothing
    the second time (the first action stays as it was).

    The title and success measure are kept in both languages (the manager's interface language must not
    decide what a Dutch board or an English respondent reads); `title` holds the manager's language."""
    result = score_assessment(assessment=assessment)
    priority = next((p for p in result.priorities if p.factor_code == factor_code), None)
    if priority is None:
        raise ValidationError(_("This factor is not among the round's priorities."))
    found = {
        lang: find_suggestion(
            assessment=assessment, factor_code=factor_code, level_code=priority.level_code, key=key, language=lang
        )
        for lang in CONTENT_LANGUAGES
    }
    suggestion = found.get(content_language(language))
    if suggestion is None:
        raise ValidationError(_("This suggestion is not available for the factor's level."))
    titles = {lang: (s.title if s else suggestion.title)[:200] for lang, s in found.items()}
    same = PlanAction.objects.filter(
        organisation_id=assessment.organisation_id, assessment=assessment, factor_code=factor_code
    )
    is_library = not key.startswith(ADVICE_PREFIX)
    existing = (same.filter(library_code=key) if is_library else same.filter(title_en=titles["en"])).first()
    existing = existing or same.filter(title__in=list(titles.values())).first()
    if existing is not None:
        return existing, False
    # The library's own success measure (an outcome customers or operations notice) where it gives one in
    # both languages; else the generated one, the factor's score at the next round.
    library_measures = {lang: s.success_measure if s else "" for lang, s in found.items()}
    if all(library_measures.values()):
        measures = library_measures
    else:
        measures = success_measures(result=result, factor_code=factor_code, target=display_round(priority.score + 5))
    data: dict[str, Any] = {
        "title": suggestion.title[:200],
        "factor_code": factor_code,
        "library_code": key if is_library else "",
        "success_measure": measures[content_language(language)],
        "owner": owner,
        "owner_name": owner_name.strip(),
        "due_date": due_date,
    }
    for lang in CONTENT_LANGUAGES:
        data[f"title_{lang}"], data[f"success_measure_{lang}"] = titles[lang], measures[lang]
    return create_action(organisation=assessment.organisation, assessment=assessment, actor=actor, data=data), True


def _model_versions(action: PlanAction, field: str) -> set[str]:
    """The texts of a model-made field in any language: submitting one of them unchanged is no edit."""
    versions = {getattr(action, f"{field}_{lang}") for lang in CONTENT_LANGUAGES}
    versions.discard("")
    return versions


@transaction.atomic
def update_action(*, action: PlanAction, actor: User, data: dict[str, Any]) -> PlanAction:
    """Changes the given fields; each real change becomes a history line. Unchanged data writes nothing."""
    action = PlanAction.objects.select_for_update(of=("self",)).select_related("owner__user").get(pk=action.pk)
    _check_owner(organisation=action.organisation, owner=data.get("owner"))
    if "factor_code" in data and data["factor_code"] != action.factor_code and action.assessment is not None:
        action.factor_name_en, action.factor_name_nl = _factor_names(
            assessment=action.assessment, factor_code=data["factor_code"]
        )
    events: list[ActionEvent] = []
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        old, new = getattr(action, name), data[name]
        if name in ("owner_name", "success_measure", "notes", "title"):
            new = new or ""
        if name in MODEL_TEXTS:
            old = action.text(name)  # the text as this editor was shown it
            if new in _model_versions(action, name):
                continue
            # Typed by the manager: it replaces the model's text in every language.
            for lang in CONTENT_LANGUAGES:
                setattr(action, f"{name}_{lang}", "")
        if old == new:
            continue
        setattr(action, name, new)
        events.append(
            ActionEvent(
                action=action, actor=actor, field=name, old_value=_describe(name, old), new_value=_describe(name, new)
            )
        )
    if not events:
        return action
    _set_completed(action, timezone.now())
    action.full_clean(exclude=["owner", "created_by", "assessment"])
    action.save()
    ActionEvent.objects.bulk_create(events)
    changed = ", ".join(e.field for e in events)
    activity.record(organisation=action.organisation, actor=actor, verb="updated", obj=action, detail=changed)
    bump_organisation_data_version(organisation_id=action.organisation_id)
    return action


def set_status(*, action: PlanAction, actor: User, status: str) -> PlanAction:
    if status not in PlanAction.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    return update_action(action=action, actor=actor, data={"status": status})
