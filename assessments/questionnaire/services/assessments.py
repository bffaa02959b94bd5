"""Creating, editing and moving an assessment through its life: draft -> open -> closed (-> reopened).

Only a draft may change what is asked (the model version and the ambition question): once people
answer, every response must stay explainable against the exact questions it got.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.core.languages import language_codes
from assessments.organisations.models import MIN_ANONYMITY_THRESHOLD
from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation, Response, TeamLink

# A closed assessment can be reopened for this long (late respondents, a forgotten team).
REOPEN_DAYS = 30

# Fields that decide which questions respondents get.
QUESTION_FIELDS = ("model_version", "ask_ambition", "ambition_horizon")

_PLAIN_FIELDS = (
    "title",
    "ask_ambition",
    "ambition_horizon",
    "threshold_scores",
    "threshold_comments",
    "threshold_spread",
    "title_nl",
    "title_en",
    "intro_nl",
    "intro_en",
    "previous",
)


class LifecycleError(Exception):
    """A status change that is not allowed now; the message says why."""


def _blank_texts(assessment):
    for field in ("title_nl", "title_en", "intro_nl", "intro_en"):
        setattr(assessment, field, (getattr(assessment, field) or "").strip())
    # The single intro of before issue 11 was copied to intro_<language> by migration 0002.
    assessment.intro_text = ""


def default_threshold(*, organisation):
    return max(organisation.anonymity_threshold or MIN_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD)


def ordered_languages(*, languages, organisation):
    """The offered languages with the organisation's default first: the first one leads in emails."""
    languages = [code for code in language_codes() if code in set(languages)]
    default = organisation.default_language
    return sorted(languages, key=lambda code: code != default)


def _start_of_day(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min)) if date else None


def _end_of_day(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(23, 59, 59))) if date else None


def _check_thresholds(data):
    for field in ("threshold_scores", "threshold_comments", "threshold_spread"):
        if data[field] < MIN_ANONYMITY_THRESHOLD:
            raise ValidationError({field: _("Use at least %(n)s.") % {"n": MIN_ANONYMITY_THRESHOLD}})


def _check_previous(*, organisation, model_version, previous, assessment=None):
    if previous is None:
        return
    if previous.organisation_id != organisation.id:
        raise ValidationError({"previous": _("The previous round must belong to the same organisation.")})
    if previous.model_version.model_id != model_version.model_id:
        raise ValidationError({"previous": _("The previous round must use the same maturity model.")})
    if assessment is not None and previous.pk == assessment.pk:
        raise ValidationError({"previous": _("An assessment cannot be its own previous round.")})


def _check_scope(*, organisation, teams, roles):
    if any(team.organisation_id != organisation.id for team in teams):
        raise ValidationError({"teams": _("Choose teams of this organisation.")})
    if any(role.organisation_id != organisation.id for role in roles):
        raise ValidationError({"roles": _("Choose roles of this organisation.")})


@transaction.atomic
def create_assessment(*, organisation, actor, data):
    """`data` is a validated form's cleaned_data (see AssessmentForm)."""
    _check_thresholds(data)
    _check_scope(organisation=organisation, teams=data["teams"], roles=data["roles"])
    _check_previous(organisation=organisation, model_version=data["model_version"], previous=data.get("previous"))
    assessment = Assessment(
        organisation=organisation,
        model_version=data["model_version"],
        languages=ordered_languages(languages=data["languages"], organisation=organisation),
        opens_at=_start_of_day(data.get("opens_on")),
        closes_at=_end_of_day(data.get("closes_on")),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    for field in _PLAIN_FIELDS:
        # A field the caller leaves out (the API has no horizon) keeps the model's default.
        setattr(assessment, field, data.get(field, getattr(assessment, field)))
    _blank_texts(assessment)
    assessment.full_clean(exclude=["teams", "roles", "created_by"])
    assessment.save()
    assessment.teams.set(data["teams"])
    assessment.roles.set(data["roles"])
    activity.record(organisation=organisation, actor=actor, verb="created", obj=assessment)
    return assessment


def _removed_in_use(*, assessment, teams, roles):
    """Errors for teams/roles that would be dropped although invitations or responses use them."""
    errors = {}
    dropped_teams = set(assessment.teams.values_list("pk", flat=True)) - {t.pk for t in teams}
    if dropped_teams and (
        Invitation.objects.filter(assessment=assessment, team__in=dropped_teams).exists()
        or Response.objects.filter(assessment=assessment, team__in=dropped_teams).exists()
        or TeamLink.objects.filter(assessment=assessment, team__in=dropped_teams).exists()
    ):
        errors["teams"] = _("A team that already has invitations, an open link or responses cannot be removed.")
    dropped_roles = set(assessment.roles.values_list("pk", flat=True)) - {r.pk for r in roles}
    if dropped_roles and (
        Invitation.objects.filter(assessment=assessment, role__in=dropped_roles).exists()
        or Response.objects.filter(assessment=assessment, role__in=dropped_roles).exists()
    ):
        errors["roles"] = _("A role that invitations or responses already use cannot be removed.")
    return errors


@transaction.atomic
def update_assessment(*, assessment, actor, data):
    """Saves the edit form. Outside draft the question fields must not change (refused, not ignored)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.DRAFT:
        changed = [
            field
            for field in QUESTION_FIELDS
            if field in data and data[field] is not None and data[field] != getattr(assessment, field)
        ]
        if changed:
            raise ValidationError({field: _("Only a draft assessment can change its questions.") for field in changed})
    model_version = data.get("model_version") or assessment.model_version
    _check_thresholds(data)
    _check_scope(organisation=assessment.organisation, teams=data["teams"], roles=data["roles"])
    _check_previous(
        organisation=assessment.organisation,
        model_version=model_version,
        previous=data.get("previous"),
        assessment=assessment,
    )
    errors = _removed_in_use(assessment=assessment, teams=data["teams"], roles=data["roles"])
    if errors:
        raise ValidationError(errors)
    assessment.model_version = model_version
    for field in _PLAIN_FIELDS:
        setattr(assessment, field, data.get(field, getattr(assessment, field)))
    _blank_texts(assessment)
    assessment.languages = ordered_languages(languages=data["languages"], organisation=assessment.organisation)
    assessment.opens_at = _start_of_day(data.get("opens_on"))
    assessment.closes_at = _end_of_day(data.get("closes_on"))
    assessment.full_clean(exclude=["teams", "roles", "created_by"])
    assessment.save()
    assessment.teams.set(data["teams"])
    assessment.roles.set(data["roles"])
    bump_data_version(assessment_ids=[assessment.pk])  # after save(), which writes the old data_version back
    activity.record(organisation=assessment.organisation, actor=actor, verb="updated", obj=assessment)
    return assessment


def _locked(assessment):
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


@transaction.atomic
def open_assessment(*, assessment, actor, now=None):
    """Draft -> open. Invitations added while in draft are emailed now (after commit)."""
    from assessments.questionnaire.services import invitations  # circular: invitations needs this module's statuses

    now = now or timezone.now()
    assessment = _locked(assessment)
    if assessment.status == Assessment.Status.OPEN:
        return assessment  # a repeated submit changes nothing
    if assessment.status != Assessment.Status.DRAFT:
        raise LifecycleError(_("Only a draft assessment can be opened."))
    if not assessment.teams.exists():
        raise LifecycleError(_("Choose at least one team before opening."))
    if assessment.closes_at and assessment.closes_at <= now:
        raise LifecycleError(_("The closing date has passed. Choose a later closing date first."))
    assessment.status = Assessment.Status.OPEN
    if assessment.opens_at is None or assessment.opens_at > now:
        assessment.opens_at = now
    assessment.save(update_fields=["status", "opens_at"])
    bump_data_version(assessment_ids=[assessment.pk])
    activity.record(organisation=assessment.organisation, actor=actor, verb="opened", obj=assessment)
    invitations.schedule_unsent(assessment=assessment)
    return assessment


@transaction.atomic
def close_assessment(*, assessment, actor, now=None, detail=""):
    now = now or timezone.now()
    assessment = _locked(assessment)
    if assessment.status == Assessment.Status.CLOSED:
        return assessment
    if assessment.status != Assessment.Status.OPEN:
        raise LifecycleError(_("Only an open assessment can be closed."))
    assessment.status = Assessment.Status.CLOSED
    assessment.closed_at = now
    assessment.reopen_until = now + datetime.timedelta(days=REOPEN_DAYS)
    assessment.save(update_fields=["status", "closed_at", "reopen_until"])
    bump_data_version(assessment_ids=[assessment.pk])
    activity.record(organisation=assessment.organisation, actor=actor, verb="closed", obj=assessment, detail=detail)
    return assessment


def close_due_assessments(*, now=None) -> int:
    """Closes every open assessment whose planned closing date has passed; returns how many. Safe to repeat."""
    now = now or timezone.now()
    due = Assessment.objects.filter(status=Assessment.Status.OPEN, closes_at__lte=now).values_list("pk", flat=True)
    closed = 0
    for assessment in Assessment.objects.filter(pk__in=list(due)):
        close_assessment(assessment=assessment, actor=None, now=now, detail=_("planned closing date"))
        closed += 1
    return closed


def can_reopen(assessment, *, now=None):
    now = now or timezone.now()
    return (
        assessment.status == Assessment.Status.CLOSED
        and assessment.reopen_until is not None
        and now <= assessment.reopen_until
    )


@transaction.atomic
def reopen_assessment(*, assessment, actor, now=None):
    now = now or timezone.now()
    assessment = _locked(assessment)
    if assessment.status == Assessment.Status.OPEN:
        return assessment
    if not can_reopen(assessment, now=now):
        raise LifecycleError(_("This assessment can no longer be reopened."))
    if assessment.closes_at and assessment.closes_at <= now:
        raise LifecycleError(_("The closing date has passed. Choose a later closing date first."))
    assessment.status = Assessment.Status.OPEN
    assessment.closed_at = None
    assessment.reopen_until = None
    assessment.save(update_fields=["status", "closed_at", "reopen_until"])
    bump_data_version(assessment_ids=[assessment.pk])
    activity.record(organisation=assessment.organisation, actor=actor, verb="reopened", obj=assessment)
    return assessment
