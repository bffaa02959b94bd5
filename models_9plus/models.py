"""Maturity models as versioned data.

A version's content never changes after it is loaded: the loader creates a new
version for changed content, and the admin shows versions read-only. That keeps
every assessment's scores explainable against the exact questions it asked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from models_9plus.i18n import Bilingual


class MaturityModel(Bilingual, models.Model):
    code = models.SlugField(max_length=50, unique=True)
    name_en = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("maturity model")

    def __str__(self) -> str:
        return self.t("name")

    def latest_version(self) -> "ModelVersion | None":
        return self.versions.order_by("-number").first()


class ModelVersion(Bilingual, models.Model):
    class AmbitionMode(models.TextChoices):
        PER_STATEMENT = "per_statement", _("per statement")
        PER_FACTOR = "per_factor", _("per factor")

    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()  # the order of loading in this database: 1, 2, 3 ...
    # The version the file names itself ("2.1"); "" for files from before that (shown by their number).
    label = models.CharField(max_length=20, blank=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    name_en = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200)
    description_en = models.TextField()
    description_nl = models.TextField()
    attribution_en = models.TextField()
    attribution_nl = models.TextField()
    dont_know_label_en = models.CharField(max_length=100)
    dont_know_label_nl = models.CharField(max_length=100)
    ambition_mode = models.CharField(
        max_length=20,
        choices=AmbitionMode.choices,
        default=AmbitionMode.PER_STATEMENT,
        help_text=_("Where the ambition is asked: per statement (version 1 files) or once per factor (version 2)"),
    )
    # "strict" when the file asked for the content checks of version 2.1 (SCHEMA.md); kept so the export
    # gives the file back and a reload sees unchanged content.
    content_checks = models.CharField(max_length=20, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model__code", "-number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"], name="unique_model_version")]
        verbose_name = _("model version")

    def __str__(self) -> str:
        return f"{self.model.code} v{self.version_name}"

    @property
    def version_name(self) -> str:
        """How the version is shown: the file's own name for it ("2.1"), else the number it got when loaded."""
        return self.label or str(self.number)

    @property
    def ambition_per_factor(self) -> bool:
        return self.ambition_mode == self.AmbitionMode.PER_FACTOR

    @property
    def scale_min(self) -> int:
        return min(o.value for o in self.scale_options.all())

    @property
    def scale_max(self) -> int:
        return max(o.value for o in self.scale_options.all())


class ScaleOption(Bilingual, models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="scale_options")
    value = models.PositiveSmallIntegerField()
    label_en = models.CharField(max_length=100)
    label_nl = models.CharField(max_length=100)
    description_en = models.CharField(max_length=300, blank=True)
    description_nl = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["version", "value"]
        constraints = [models.UniqueConstraint(fields=["version", "value"], name="unique_scale_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label_en}"


class Level(Bilingual, models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField(max_length=50)
    order = models.PositiveSmallIntegerField()
    name_en = models.CharField(max_length=100)
    name_nl = models.CharField(max_length=100)
    description_en = models.TextField()
    description_nl = models.TextField()
    min_score = models.DecimalField(max_digits=5, decimal_places=2, help_text=_("Lowest 0-100 score of this level"))

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_level_code")]

    def __str__(self) -> str:
        return self.name_en


class Factor(Bilingual, models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="factors")
    code = models.SlugField(max_length=50)
    order = models.PositiveSmallIntegerField()
    name_en = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200)
    description_en = models.TextField()
    description_nl = models.TextField()
    ambition_en = models.TextField(blank=True, help_text=_("The factor's ambition question (per-factor models)"))
    ambition_nl = models.TextField(blank=True)
    customer_question_en = models.TextField(blank=True, help_text=_("One short question a customer can judge"))
    customer_question_nl = models.TextField(blank=True)
    # Only some customers can answer the question: the customer check should offer "not applicable".
    customer_not_applicable = models.BooleanField(default=False)
    # The SERVQUAL gaps the factor claims to guard against (each carried by at least one statement).
    servqual_links = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_factor_code")]

    def __str__(self) -> str:
        return self.name_en


class Statement(Bilingual, models.Model):
    class Tag(models.TextChoices):
        BASIS = "basis", _("basics (7+)")
        NINE_PLUS = "nine_plus", _("9+ moment")

    class ServqualGap(models.TextChoices):
        KNOWLEDGE = "knowledge", _("knowledge gap")
        STANDARDS = "standards", _("standards gap")
        DELIVERY = "delivery", _("delivery gap")
        COMMUNICATION = "communication", _("communication gap")

    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="statements")
    code = models.SlugField(max_length=50)
    order = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_nl = models.TextField()
    weight = models.DecimalField(max_digits=4, decimal_places=2, default=1)
    reverse = models.BooleanField(default=False, help_text=_("Negatively phrased: the scale is flipped"))
    tag = models.CharField(max_length=20, choices=Tag.choices, blank=True)
    servqual_gap = models.CharField(max_length=20, choices=ServqualGap.choices, blank=True)
    audience = models.JSONField(
        default=list, blank=True, help_text=_("Role kinds that can judge it (management, staff); empty: everyone")
    )
    # The file author's reason why an "and" in the text does not join two practices (see SCHEMA.md).
    one_idea = models.TextField(blank=True)

    class Meta:
        ordering = ["factor__order", "order"]
        constraints = [models.UniqueConstraint(fields=["factor", "code"], name="unique_statement_code")]

    def __str__(self) -> str:
        return self.code


class Advice(models.Model):
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="advice")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="advice")
    actions_en = models.JSONField(default=list)
    actions_nl = models.JSONField(default=list)

    class Meta:
        ordering = ["factor__order", "level__order"]
        constraints = [models.UniqueConstraint(fields=["factor", "level"], name="unique_advice")]
        verbose_name_plural = _("advice")

    def actions(self, language: str | None = None) -> list[str]:
        from models_9plus.i18n import content_language

        lang = content_language(language)
        actions: list[str] = getattr(self, f"actions_{lang}") or self.actions_en
        return actions


class FactorLevelText(Bilingual, models.Model):
    """What one factor looks like at one level."""

    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="level_texts")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="factor_texts")
    text_en = models.TextField()
    text_nl = models.TextField()

    class Meta:
        ordering = ["factor__order", "level__order"]
        constraints = [models.UniqueConstraint(fields=["factor", "level"], name="unique_factor_level_text")]

    def __str__(self) -> str:
        return f"{self.factor.code} @ {self.level.code}"


class Action(Bilingual, models.Model):
    """One item of a factor's action library."""

    class Audience(models.TextChoices):
        CX_LEAD = "cx_lead", _("CX lead")
        MANAGEMENT = "management", _("management")
        TEAMS = "teams", _("teams")

    class Effort(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    class Source(models.TextChoices):
        SEEDS_TIPS = "seeds_tips", _("tips for keeping CX initiatives alive")
        SPONSOR_ENERGY = "sponsor_energy", _("sponsor and energy of the CX lead")
        CX_EXCELLENCE_PRINCIPLES = "cx_excellence_principles", _("four principles of CX excellence")
        CX_EX_BLUEPRINT = "cx_ex_blueprint", _("CX and EX together, service blueprint")
        SERVQUAL = "servqual", _("SERVQUAL service-quality gaps")
        NINE_PLUS_MODEL = "nine_plus_model", _("the 9+ model: 7+ basics and 9+ moments")

    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="actions")
    code = models.SlugField(max_length=50, help_text=_("The action's id, unique within the model version"))
    order = models.PositiveSmallIntegerField()
    title_en = models.CharField(max_length=200)
    title_nl = models.CharField(max_length=200)
    how_to_en = models.TextField()
    how_to_nl = models.TextField()
    # An outcome for customers or operations that shows the action worked (version 2.1 and later).
    success_measure_en = models.TextField(blank=True)
    success_measure_nl = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    effort = models.CharField(max_length=20, choices=Effort.choices)
    source = models.CharField(max_length=40, choices=Source.choices)
    levels = models.ManyToManyField(Level, related_name="actions")

    class Meta:
        ordering = ["factor__order", "order"]
        constraints = [models.UniqueConstraint(fields=["factor", "code"], name="unique_action_code")]

    def __str__(self) -> str:
        return self.code
