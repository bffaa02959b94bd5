"""The customer check: links for customers, their anonymous answers, imported figures, and the internal
estimate of what customers think (the knowledge gap).

Nothing here identifies a customer: no name, email, address or IP is stored. The rate-limit key of a
browser lives only in the cache (see guards.py).
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.questionnaire.models import Assessment, Response

DEFAULT_MIN_RESPONSES = 30
LOWEST_MIN_RESPONSES = 10
GRADES = range(1, 11)
# The ease question of earlier checks (a CES-style scale: 1 = very difficult, 7 = very easy). The ease
# question is now an agree statement on the same 1-5 scale as the factor questions (`ease`), so the form
# has three scale lengths, not four; earlier answers keep their 1-7 meaning.
EFFORT_MIN, EFFORT_MAX = 1, 7
AGREE_MIN, AGREE_MAX = 1, 5  # per-factor customer question: 1 = strongly disagree, 5 = strongly agree
# Stored for a factor question the customer says does not apply to them (only where the model allows it):
# kept apart from a skipped question, and left out of the factor's % agree like one.
NOT_APPLICABLE = "na"


class CustomerCheck(models.Model):
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="customer_check")
    min_responses = models.PositiveSmallIntegerField(
        _("minimum customer responses before figures are shown"),
        default=DEFAULT_MIN_RESPONSES,
        validators=[MinValueValidator(LOWEST_MIN_RESPONSES), MaxValueValidator(1000)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"customer check of {self.assessment}"


class CustomerLink(models.Model):
    """A public link for customers of one channel or segment; the label says which."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    customer_check = models.ForeignKey(CustomerCheck, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=100)
    # The raw token, like a team link: it is shared on purpose and the manager must be able to copy it again.
    token = models.CharField(max_length=64, unique=True)
    max_responses = models.PositiveIntegerField(
        _("maximum responses"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["label", "created_at"]
        constraints = [models.UniqueConstraint(fields=["customer_check", "label"], name="unique_customer_link_label")]

    def __str__(self) -> str:
        return self.label


class CustomerResponse(models.Model):
    link = models.ForeignKey(CustomerLink, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(max_length=2, default="nl")
    # Only a date: a precise time could be matched to a visit in a shop or a call log.
    submitted_on = models.DateField()
    grade = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])
    # Older checks only: "how easy was it?" on 1-7. No longer asked; kept with its own meaning.
    effort = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(EFFORT_MIN), MaxValueValidator(EFFORT_MAX)]
    )
    # "It was easy to arrange what I needed": 1 = strongly disagree .. 5 = strongly agree.
    ease = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(AGREE_MIN), MaxValueValidator(AGREE_MAX)]
    )
    recommend = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    # {factor code: 1..5 or NOT_APPLICABLE}; factors the customer skipped are absent.
    factor_answers = models.JSONField(default=dict, blank=True)
    open_answer = models.TextField(blank=True, max_length=1000)
    # Suspicious responses are kept for the manager to see but left out of every figure.
    flag = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["link", "flag"])]


class ImportedFigures(models.Model):
    """Customer figures measured elsewhere, for one period and channel (imported from CSV)."""

    customer_check = models.ForeignKey(CustomerCheck, on_delete=models.CASCADE, related_name="imported")
    period = models.CharField(_("period"), max_length=20)
    channel = models.CharField(_("channel"), max_length=100)
    responses = models.PositiveIntegerField(_("responses"))
    grade_counts = models.JSONField(null=True, blank=True)  # [count of grade 1, ..., count of grade 10]
    grade_mean = models.FloatField(null=True, blank=True)
    nps = models.FloatField(null=True, blank=True)  # -100..100
    csat = models.FloatField(null=True, blank=True)  # 0..100 (% satisfied)
    ces = models.FloatField(null=True, blank=True)  # 1..7
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer_check", "period", "channel"], name="unique_imported_period_channel"
            )
        ]


class InternalEstimate(models.Model):
    """An internal respondent's guess of the customers' grade and 9+ share (one per response)."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="customer_estimate")
    grade = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    share_nine_plus = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
