"""Forms of journeys and moments; they only validate (names unique, the team of this organisation, a round
of this organisation with a customer check, a free link label)."""

from __future__ import annotations  # ModelChoiceField is generic only in the stubs

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.journeys.models import Journey, Moment
from assessments.organisations.models import Organisation, Team
from assessments.outside_in.models import CustomerLink
from assessments.questionnaire.models import Assessment


def _clean_name(value: str) -> str:
    name = value.strip()
    if not name:
        raise forms.ValidationError(_("Enter a name."))
    return name


class JourneyForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=100)
    description_en = forms.CharField(label=_("Description (English, optional)"), max_length=300, required=False)
    description_nl = forms.CharField(label=_("Description (Dutch, optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation: Organisation, journey: Journey | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation, self.journey = organisation, journey

    def clean_name_en(self) -> str:
        name = _clean_name(self.cleaned_data["name_en"])
        taken = Journey.objects.filter(organisation=self.organisation, name_en__iexact=name)
        if self.journey is not None:
            taken = taken.exclude(pk=self.journey.pk)
        if taken.exists():
            raise forms.ValidationError(_("There is already a journey with this name."))
        return name

    def clean_name_nl(self) -> str:
        return _clean_name(self.cleaned_data["name_nl"])


class MomentForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=100)
    team = forms.ModelChoiceField(
        label=_("Owning team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("(no team named)"),
        help_text=_("The team that carries this moment; its own basics and 9+ scores are shown beside it."),
    )
    target = forms.ChoiceField(label=_("Target"), choices=Moment.Target.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, journey: Journey, moment: Moment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.journey, self.moment = journey, moment
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = Team.objects.filter(organisation_id=journey.organisation_id).order_by("name")
        team_field.error_messages["invalid_choice"] = _("Choose one of this organisation's teams.")

    def clean_name_en(self) -> str:
        name = _clean_name(self.cleaned_data["name_en"])
        taken = Moment.objects.filter(journey=self.journey, name_en__iexact=name)
        if self.moment is not None:
            taken = taken.exclude(pk=self.moment.pk)
        if taken.exists():
            raise forms.ValidationError(_("This journey already has a moment with this name."))
        return name

    def clean_name_nl(self) -> str:
        return _clean_name(self.cleaned_data["name_nl"])


class MomentLinkForm(forms.Form):
    assessment = forms.ChoiceField(label=_("Round (with a customer check)"))
    label = forms.CharField(label=_("Label (where customers find it)"), max_length=100)
    max_responses = forms.IntegerField(
        label=_("Maximum responses (optional)"), min_value=1, max_value=100000, required=False
    )

    def __init__(self, *args: Any, rounds: list[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rounds = {str(a.public_id): a for a in rounds}
        choice = self.fields["assessment"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(key, a.title) for key, a in self.rounds.items()]
        choice.error_messages["invalid_choice"] = _("Choose a round of this organisation with a customer check.")

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        assessment = self.rounds.get(self.cleaned_data.get("assessment", ""))
        label = (self.cleaned_data.get("label") or "").strip()
        if assessment is not None and label:
            self.cleaned_data["label"] = label
            self.cleaned_data["round"] = assessment
            if CustomerLink.objects.filter(customer_check__assessment=assessment, label__iexact=label).exists():
                self.add_error("label", _("This round already has a customer link with this label."))
        return cleaned
