"""Action plans: what an organisation decided to do about its results, across rounds."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment
from models_9plus.i18n import content_language


class PlanAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)
    # Not stored: set by the plan selectors for the pages that mark late work.
    overdue: bool = False

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plan_actions")
    # The round whose results led to the action; the plan itself outlives rounds.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_actions"
    )
    title = models.CharField(_("title"), max_length=200)
    # A text that came from the model (a library action's title, the generated success measure) is kept in both
    # languages, so every reader sees their own; a text the manager typed leaves these empty and reads as typed.
    title_en = models.CharField(max_length=200, blank=True)
    title_nl = models.CharField(max_length=200, blank=True)
    # Factor codes are stable across model versions; the names are kept so the plan reads well later.
    factor_code = models.SlugField(_("factor"), max_length=50)
    factor_name_en = models.CharField(max_length=200)
    factor_name_nl = models.CharField(max_length=200)
    statement_codes = models.JSONField(_("statements"), default=list, blank=True)
    library_code = models.CharField(max_length=50, blank=True, help_text=_("The action library item it came from"))
    owner = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_actions")
    owner_name = models.CharField(_("owner without an account"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    success_measure = models.CharField(_("success measure"), max_length=300, blank=True)
    success_measure_en = models.CharField(max_length=300, blank=True)
    success_measure_nl = models.CharField(max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The organisation's factor score in its round when the action was made: "change since created".
    baseline_score = models.FloatField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("action")

    def __str__(self) -> str:
        return self.title

    def factor_name(self, language: str | None = None) -> str:
        name: str = getattr(self, f"factor_name_{content_language(language)}") or self.factor_name_en
        return name

    def text(self, field: str, language: str | None = None) -> str:
        """`title` or `success_measure` in the reader's language (the active one unless given)."""
        text: str = getattr(self, f"{field}_{content_language(language)}") or getattr(self, field)
        return text

    @property
    def display_title(self) -> str:
        return self.text("title")

    @property
    def display_success_measure(self) -> str:
        return self.text("success_measure")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def owner_label(self) -> str:
        if self.owner_id and self.owner is not None:
            return person_name(self.owner.user)
        return self.owner_name


def person_name(user: AbstractUser) -> str:
    """A member as a board reads them: their name, never their e-mail address. Without a name on the account,
    the address's local part written as a name ("anna.de-vries@…" becomes "Anna De Vries")."""
    full = user.get_full_name().strip()
    if full:
        return full
    local = (user.email or "").split("@")[0]
    words = [w for w in re.split(r"[._+-]+", local) if w and not w.isdigit()]
    return " ".join(w[:1].upper() + w[1:] for w in words) or "–"


class ActionEvent(models.Model):
    """One line of an action's history: created, a field changed, a status moved."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=50, blank=True)  # "" for "created"
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    # Not stored: what the history calls the field, set by the selector in the reader's language.
    field_label: str = ""

    class Meta:
        ordering = ["-created_at", "-id"]


class DigestLog(models.Model):
    """One digest email to one owner on one day: sending again the same day does nothing."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    actions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "sent_on"], name="unique_digest_per_day")]


class BoardLink(models.Model):
    """A read-only link to one assessment's report for someone without an account (a board member).

    Results shared outward, next to the summary shared back with respondents. Only the token's hash is
    stored (core/tokens.py, purpose "board"): the manager copies the link once, when it is made.
    """

    EXPIRY_DAYS = (7, 30, 90)
    TOKEN_PURPOSE = "board"  # noqa: S105 (the hash's purpose prefix, not a secret)
    # Not stored: "active", "expired" or "revoked", set by the selectors.
    state: str = ""
    # Not stored: the group's label on the manager's list, set by the sharing view.
    group_name: str = ""

    class Shows(models.TextChoices):
        BOTH = "both", _("The results page and the PDF report")
        PAGE = "page", _("Only the results page")
        PDF = "pdf", _("Only the PDF report")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="board_links")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("for whom"), max_length=100)
    shows = models.CharField(_("what the link shows"), max_length=4, choices=Shows.choices, default=Shows.BOTH)
    # A scoring group key ("team:<uuid>", "role:<uuid>"): the link shows that group's "top three for you" page
    # (actions/selectors/top_three.py) instead of the report. "" for the whole report.
    group_key = models.CharField(max_length=120, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Access log: how often the link was opened (page or PDF) and when last; no addresses, no cookies.
    use_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label

    @property
    def shows_page(self) -> bool:
        return self.shows in (self.Shows.BOTH, self.Shows.PAGE)

    @property
    def shows_pdf(self) -> bool:
        return self.shows in (self.Shows.BOTH, self.Shows.PDF)
