"""Forms of the energy pulse; they only validate (the service checks who may take part)."""

from __future__ import annotations  # ModelChoiceField is generic only in the stubs

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from assessments.core.forms import DateInput, model_choice_field
from assessments.organisations.models import Membership
from assessments.pulse.models import HIGHEST, LOWEST
from assessments.pulse.selectors import person_name

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _scale(label: StrOrPromise, low: StrOrPromise, high: StrOrPromise) -> forms.TypedChoiceField:
    choices = [(n, str(n)) for n in range(LOWEST, HIGHEST + 1)]
    field = forms.TypedChoiceField(label=label, choices=choices, coerce=int, widget=forms.RadioSelect)
    field.low, field.high = low, high  # type: ignore[attr-defined]  # the ends' words, for the template
    return field


class AnswerForm(forms.Form):
    energy = _scale(_("How much energy does the CX work give you now?"), _("drained"), _("full of energy"))
    sponsor_support = _scale(_("How well does your sponsor support you?"), _("not at all"), _("fully"))
    priority = _scale(_("How much priority does customer experience get right now?"), _("none"), _("top priority"))
    note = forms.CharField(
        label=_("Anything you want your sponsor to know? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _MemberChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic only in the stubs
    def label_from_instance(self, obj: Any) -> str:
        return f"{person_name(obj)} ({obj.get_role_display()})"


class _MembersChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # generic only in the stubs
    def label_from_instance(self, obj: Any) -> str:
        return f"{person_name(obj)} ({obj.get_role_display()})"


class ProgrammeForm(forms.Form):
    started_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("End (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: two years after the start, the time a CX programme needs to take root."),
    )
    sponsor = _MemberChoice(
        label=_("Sponsor"),
        queryset=Membership.objects.none(),
        help_text=_("The one person who reads the answers and sees the trend, usually a director."),
    )
    lead = _MemberChoice(label=_("CX lead"), queryset=Membership.objects.none(), required=False)
    ambassadors = _MembersChoice(
        label=_("Ambassadors"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The people who keep spreading the word. Taking someone out deletes their answers."),
    )

    def __init__(self, *args: Any, members: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("sponsor", "lead", "ambassadors"):
            field = model_choice_field(self, name)
            field.queryset = members
            field.error_messages["invalid_choice"] = _("Choose people of this organisation.")
        model_choice_field(self, "ambassadors").error_messages["invalid_pk_value"] = _(
            "Choose people of this organisation."
        )
