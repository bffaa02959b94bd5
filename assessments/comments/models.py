"""Comment themes: the organisation's themes per factor (with their keywords per language), the tags a
manager put on comments, and the quotes picked for the report.

A comment is a respondent's `questionnaire.Comment` or a customer's open answer (`outside_in.CustomerResponse`).
Nothing here stores who wrote what: a tag points at the comment, never at a person.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Organisation
from assessments.outside_in.models import CustomerResponse
from assessments.questionnaire.models import Assessment, Comment

# The scope of the customers' open answers, next to the factor codes of the model.
CUSTOMERS = "customers"

_ONE_TARGET = Q(comment__isnull=False, customer_response__isnull=True) | Q(
    comment__isnull=True, customer_response__isnull=False
)


class Theme(models.Model):
    """A theme of one factor (or of the customers' answers), kept per organisation so it lasts across rounds."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=60)  # a factor code, or CUSTOMERS
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    # Comma-separated; a comment containing one of them is suggested this theme (see keywords.py).
    keywords_en = models.CharField(_("keywords (English)"), max_length=500, blank=True)
    keywords_nl = models.CharField(_("keywords (Dutch)"), max_length=500, blank=True)
    # The key of the suggested starter theme it came from; empty for the organisation's own themes.
    starter = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope", "name_en", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope", "starter"], condition=~Q(starter=""), name="unique_starter_theme"
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str) -> str:
        return (self.name_nl if language == "nl" else self.name_en) or self.name_en or self.name_nl

    def keywords(self, language: str) -> list[str]:
        raw = self.keywords_nl if language == "nl" else self.keywords_en
        return [k.strip() for k in raw.split(",") if k.strip()]


class Tag(models.Model):
    """A theme on a comment (accepted), or a keyword suggestion the manager rejected (so it is not offered again)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tags")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    customer_response = models.ForeignKey(
        CustomerResponse, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    accepted = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "comment"], name="unique_theme_comment"),
            models.UniqueConstraint(fields=["theme", "customer_response"], name="unique_theme_customer_response"),
            models.CheckConstraint(condition=_ONE_TARGET, name="tag_one_target"),
        ]


class PickedQuote(models.Model):
    """A comment the manager picked for the report ("in report")."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    customer_response = models.OneToOneField(
        CustomerResponse, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=_ONE_TARGET, name="picked_quote_one_target")]
