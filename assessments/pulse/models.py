"""The energy pulse of a CX programme's first two years (seed 002: CX programmes die of exhaustion, so the
sponsor checks regularly whether energy is leaking away).

One programme per organisation: a sponsor and the participants (the CX lead and the ambassadors) whom a
manager chose. Each participant may answer three questions a month (energy, the sponsor's support, the
priority CX gets), each 1-5, with an optional note. Private by default: a participant's answers are read by
the participant and by the sponsor only; not by the manager who set the programme up, nor by anyone else.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Membership, Organisation

LOWEST, HIGHEST = 1, 5
_scale = [MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]


class PulseProgramme(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="pulse_programme")
    started_on = models.DateField(_("started on"))
    # The first day without the pulse: by default two years after the start (seed 002: "the first two years").
    ends_on = models.DateField(_("ends on"))
    sponsor = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sponsor")
    )
    # A new sponsor reads the answers given from this moment on: people answered with the earlier one in mind.
    sponsor_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("energy pulse")

    def __str__(self) -> str:
        return str(_("Energy pulse"))


class PulseParticipant(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", _("CX lead")
        AMBASSADOR = "ambassador", _("Ambassador")

    programme = models.ForeignKey(PulseProgramme, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("part"), max_length=12, choices=Kind.choices, default=Kind.AMBASSADOR)
    # The participant's own choice: switched off, no reminders, and the sponsor no longer sees the answers.
    switched_off_at = models.DateTimeField(null=True, blank=True)
    # The language the person last answered in: their reminders use it (else the organisation's default).
    language = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-kind", "pk"]  # the CX lead ("lead") before the ambassadors
        constraints = [
            models.UniqueConstraint(fields=["programme", "membership"], name="unique_pulse_participant"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def switched_off(self) -> bool:
        return self.switched_off_at is not None


class PulseAnswer(models.Model):
    participant = models.ForeignKey(PulseParticipant, on_delete=models.CASCADE, related_name="answers")
    month = models.DateField()  # the first day of the month answered for
    energy = models.PositiveSmallIntegerField(_("energy"), validators=_scale)
    sponsor_support = models.PositiveSmallIntegerField(_("sponsor support"), validators=_scale)
    priority = models.PositiveSmallIntegerField(_("priority"), validators=_scale)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "month"], name="unique_pulse_answer_per_month"),
            models.CheckConstraint(
                condition=models.Q(energy__gte=LOWEST, energy__lte=HIGHEST)
                & models.Q(sponsor_support__gte=LOWEST, sponsor_support__lte=HIGHEST)
                & models.Q(priority__gte=LOWEST, priority__lte=HIGHEST),
                name="pulse_answer_on_scale",
            ),
        ]


class PulseReminder(models.Model):
    """One reminder to one participant for one month: the job sends it once."""

    participant = models.ForeignKey(PulseParticipant, on_delete=models.CASCADE, related_name="reminders")
    month = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "month"], name="unique_pulse_reminder_per_month"),
        ]


class PulseSignal(models.Model):
    """The sponsor was told once that a participant's energy dropped two months running (up to `month`)."""

    participant = models.ForeignKey(PulseParticipant, on_delete=models.CASCADE, related_name="signals")
    month = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "month"], name="unique_pulse_signal_per_month"),
        ]
