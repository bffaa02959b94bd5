"""Customer journeys of an organisation: their ordered moments, the team that owns each moment, the moment's
target (a reliable basic, 7+, or a 9+ moment), and which customer links collect the customers' grade of a
moment. A journey belongs to the organisation, not to a round: the customer links of every round can be
tied to its moments."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Organisation, Team
from assessments.outside_in.models import CustomerLink
from assessments.questionnaire.models import Assessment
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


class MomentMeasure(models.Model):
    """An action's customer success measure: a figure of one moment (or one the organisation records itself
    each wave) that should move from the baseline wave towards the target once the action is done."""

    class Metric(models.TextChoices):
        NINE_PLUS = "nine_plus", _("Share of customers giving a 9 or 10")
        BASICS = "basics", _("Share of customers giving a 7 or higher")
        DISSATISFIED = "dissatisfied", _("Share of customers giving a 6 or lower")
        RECORDED = "recorded", _("A share we count ourselves each wave")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.OneToOneField(
        "assessments.PlanAction", on_delete=models.CASCADE, related_name="customer_measure", verbose_name=_("action")
    )
    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="measures", verbose_name=_("moment"))
    metric = models.CharField(_("figure"), max_length=12, choices=Metric.choices, default=Metric.NINE_PLUS)
    # What a recorded figure counts ("dissatisfied customers called back within two working days"), as typed.
    description = models.CharField(_("what is counted"), max_length=200, blank=True)
    # The wave whose figure is "before"; None: the first wave with a figure.
    baseline = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("baseline")
    )
    target = models.FloatField(_("target (%)"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("customer success measure")

    def __str__(self) -> str:
        return f"{self.moment} · {self.get_metric_display()}"

    @property
    def lower_is_better(self) -> bool:
        return self.metric == self.Metric.DISSATISFIED


class MeasureRecord(models.Model):
    """A recorded measure's figure in one wave: `hits` of `count` cases (e.g. 31 of 40 called back in time)."""

    measure = models.ForeignKey(MomentMeasure, on_delete=models.CASCADE, related_name="records")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    hits = models.PositiveIntegerField(_("cases that meet it"))
    count = models.PositiveIntegerField(_("cases counted"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment__created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "assessment"], name="unique_measure_record_per_wave"),
            models.CheckConstraint(condition=models.Q(hits__lte=models.F("count")), name="measure_hits_within_count"),
        ]
