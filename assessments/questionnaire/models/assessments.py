"""Assessments, invitations and open team links."""

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import MIN_ANONYMITY_THRESHOLD, Organisation, Role, Team
from models_9plus.models import ModelVersion


def default_reminder_days() -> list[int]:
    return [3, 7]


class AmbitionHorizon(models.IntegerChoices):
    """Months ahead that respondents picture when they answer "where should we be?"."""

    TWELVE_MONTHS = 12, _("in twelve months")
    TWO_YEARS = 24, _("in two years")


# The question respondents answer next to "where are we today?", one per horizon.
HORIZON_QUESTIONS: dict[int, Any] = {
    AmbitionHorizon.TWELVE_MONTHS: _("Where should we be in twelve months?"),
    AmbitionHorizon.TWO_YEARS: _("Where should we be in two years?"),
}
# The per-factor ambition questions of the 9+ model files are written for twelve months (SCHEMA.md).
MODEL_QUESTION_HORIZON = AmbitionHorizon.TWELVE_MONTHS


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    model_version = models.ForeignKey(
        ModelVersion, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("maturity model")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    teams = models.ManyToManyField(Team, related_name="assessments", verbose_name=_("teams"))
    roles = models.ManyToManyField(Role, related_name="assessments", blank=True, verbose_name=_("respondent roles"))
    languages = models.JSONField(_("languages offered"), default=list)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    reopen_until = models.DateTimeField(_("can be reopened until"), null=True, blank=True)
    ask_ambition = models.BooleanField(_("ask an ambition answer"), default=True)
    # How far ahead the ambition looks: one horizon per assessment, so the set-up form, the questionnaire,
    # the dashboard and the report all say the same thing.
    ambition_horizon = models.PositiveSmallIntegerField(
        _("ambition horizon"), choices=AmbitionHorizon.choices, default=AmbitionHorizon.TWELVE_MONTHS
    )
    threshold_scores = models.PositiveSmallIntegerField(
        _("minimum group size for scores"), default=5, validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)]
    )
    threshold_comments = models.PositiveSmallIntegerField(
        _("minimum group size for comments"), default=5, validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)]
    )
    threshold_spread = models.PositiveSmallIntegerField(
        _("minimum group size for spread"), default=5, validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)]
    )
    intro_text = models.TextField(_("introduction for respondents"), blank=True)
    # Per language (issue 11): respondents read the text in their own language, or another one with a note.
    # `intro_text` is kept for assessments from before; the migration copied it to the organisation's language.
    title_nl = models.CharField(_("title for respondents (Dutch)"), max_length=200, blank=True)
    title_en = models.CharField(_("title for respondents (English)"), max_length=200, blank=True)
    intro_nl = models.TextField(_("introduction for respondents (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction for respondents (English)"), blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("previous round")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every service that changes responses; report caches key on it.
    data_version = models.PositiveIntegerField(default=0)
    # The reminder plan: automatic reminders this many days after opening, and one day before closes_at.
    reminder_days = models.JSONField(_("reminders, days after opening"), default=default_reminder_days, blank=True)
    remind_before_close = models.BooleanField(_("remind one day before closing"), default=True)
    # Results shared back: what respondents read on the thank-you page, and when a summary went public.
    results_sharing_note = models.CharField(_("when and where results will be shared"), max_length=300, blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment")

    def __str__(self) -> str:
        return self.title

    @property
    def ambition_question(self) -> str:
        """ "Where should we be in twelve months?": the same words on every page that mentions the ambition."""
        return str(HORIZON_QUESTIONS.get(self.ambition_horizon, HORIZON_QUESTIONS[MODEL_QUESTION_HORIZON]))

    @property
    def ambition_horizon_words(self) -> str:
        """ "in twelve months", to complete a sentence."""
        return str(self.get_ambition_horizon_display())

    @property
    def uses_model_ambition_question(self) -> bool:
        """The model's own per-factor question fits only the horizon it was written for."""
        return self.ambition_horizon == MODEL_QUESTION_HORIZON


class Invitation(models.Model):
    """A personal single-use link. It never points at the response it produced."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Erased (set to "") by the retention job after the assessment closes.
    email = models.EmailField(blank=True)
    # For {name} in the e-mails, when the manager pasted or uploaded one; erased together with the email.
    name = models.CharField(_("name"), max_length=200, blank=True)
    # The language of this person's e-mails; empty: the assessment's first language.
    language = models.CharField(_("language"), max_length=8, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    started = models.BooleanField(default=False)
    # Only a date: a precise time could be matched to a response's timestamps.
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team__name", "email"]


# Teams have no expected size, so a link accepts this many responses until the manager says otherwise.
DEFAULT_RESPONSE_CAP = 50


class TeamLink(models.Model):
    """An open link for a team that prefers one shared URL; each browser gets its own response."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team_links")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # The raw token, not a hash: an open link is shared on purpose and the manager must be able to copy it
    # again; deactivating it revokes it (see assessments/questionnaire/services/invitations/).
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)
    # At most this many submitted (not excluded) responses through the link: nobody can stuff a team
    # past its anonymity threshold with answers they know. Editable on the links page.
    response_cap = models.PositiveIntegerField(
        _("maximum number of responses"), default=DEFAULT_RESPONSE_CAP, validators=[MinValueValidator(1)]
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "team"], name="unique_team_link")]
