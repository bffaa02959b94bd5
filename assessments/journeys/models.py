"""Customer journeys of an organisation: their ordered moments, the team that owns each moment, the moment's
target (a reliable basic, 7+, or a 9+ moment), and which customer links collect the customers' grade of a
moment. A journey belongs to the organisation, not to a round: the customer links of every round can be
tied to its moments."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Organisation, Team
from assessments.outside_in.models import CustomerLink
from models_9plus.i18n import Bilingual


class Journey(Bilingual, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="journeys")
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    description_nl = models.CharField(_("description (Dutch)"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("customer journey")
        constraints = [models.UniqueConstraint(fields=["organisation", "name_en"], name="unique_journey_name")]

    def __str__(self) -> str:
        return self.t("name")


class Moment(Bilingual, models.Model):
    """One step of a journey, in order; `target` says what customers should grade it."""

    class Target(models.TextChoices):
        BASICS = "basics", _("A reliable basic is enough (7+)")
        NINE_PLUS = "nine_plus", _("We aim for a 9+ moment")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="moments")
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moments",
        verbose_name=_("owning team"),
    )
    target = models.CharField(_("target"), max_length=10, choices=Target.choices, default=Target.BASICS)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("moment")
        constraints = [models.UniqueConstraint(fields=["journey", "name_en"], name="unique_moment_name")]

    def __str__(self) -> str:
        return self.t("name")


class MomentLink(models.Model):
    """Ties one customer link (of any round's customer check) to the moment it asks customers about."""

    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="links")
    link = models.OneToOneField(CustomerLink, on_delete=models.CASCADE, related_name="moment_link")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
