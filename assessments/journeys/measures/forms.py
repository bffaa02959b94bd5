"""Forms of customer success measures; they only validate (a moment of this organisation, a wave of it,
a share between 0 and 100, hits within the count). The choices come in as lists from the view."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.journeys.models import Moment, MomentMeasure
from assessments.questionnaire.models import Assessment


def _choices(form: forms.Form, name: str, options: list[tuple[str, str]], message: str) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = options
    field.error_messages["invalid_choice"] = message


class MeasureForm(forms.Form):
    moment = forms.ChoiceField(label=_("Moment"))
    metric = forms.ChoiceField(label=_("Figure"), choices=MomentMeasure.Metric.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What you count (only for a share you count yourselves)"),
        max_length=200,
        required=False,
        help_text=_("For example: dissatisfied customers called back within two working days."),
    )
    target = forms.FloatField(label=_("Target (%)"), min_value=0, max_value=100)
    baseline = forms.ChoiceField(
        label=_("Baseline wave"),
        required=False,
        help_text=_("The round whose figure is “before”; empty: the first round with a figure."),
    )

    def __init__(self, *args: Any, moments: list[Moment], waves: list[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moments = {str(m.public_id): m for m in moments}
        self.waves = {str(a.public_id): a for a in waves}
        _choices(
            self,
            "moment",
            [(key, f"{m.journey.t('name')} · {m.t('name')}") for key, m in self.moments.items()],
            str(_("Choose a moment of this organisation's journeys.")),
        )
        _choices(
            self,
            "baseline",
            [("", str(_("The first round with a figure"))), *((key, a.title) for key, a in self.waves.items())],
            str(_("Choose a round of this organisation with a customer check.")),
        )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        data["moment"] = self.moments.get(data.get("moment", ""))
        data["baseline"] = self.waves.get(data.get("baseline") or "")
        if data.get("metric") == MomentMeasure.Metric.RECORDED and not (data.get("description") or "").strip():
            self.add_error("description", _("Say what you count, for example “called back within two working days”."))
        return cleaned


class RecordForm(forms.Form):
    wave = forms.ChoiceField(label=_("Round"))
    hits = forms.IntegerField(label=_("Cases that meet it"), min_value=0, max_value=1_000_000)
    count = forms.IntegerField(label=_("Cases counted"), min_value=1, max_value=1_000_000)

    def __init__(self, *args: Any, waves: list[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waves = {str(a.public_id): a for a in waves}
        _choices(
            self,
            "wave",
            [(key, a.title) for key, a in self.waves.items()],
            str(_("Choose a round of this organisation with a customer check.")),
        )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        data["wave"] = self.waves.get(data.get("wave", ""))
        hits, count = data.get("hits"), data.get("count")
        if hits is not None and count is not None and hits > count:
            self.add_error("hits", _("The cases that meet it cannot be more than the cases counted."))
        return cleaned
