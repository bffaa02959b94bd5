"""Respondent forms: validation only. Field names use statement codes, never database ids."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Role
from assessments.questionnaire.models import DONT_KNOW

COMMENT_MAX_LENGTH = 2000
_ANSWER_KEY_RE = re.compile(r"^[ca]-")


def current_name(statement):
    return f"c-{statement.code}"


def ambition_name(statement):
    return f"a-{statement.code}"


class StartForm(forms.Form):
    role = forms.ModelChoiceField(
        label=_("What is your role?"),
        queryset=Role.objects.none(),
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Please choose the role that fits you best.")},
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
        self.fields["role"].label_from_instance = lambda role: role.t("name")


class FactorAnswersForm(forms.Form):
    """The answers on one factor page. Missing answers are allowed (and leave stored ones alone)."""

    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"required": _("The page was incomplete. Please reload it and try again.")},
    )
    comment = forms.CharField(
        label=_("Anything you would like to add? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
    )

    def __init__(self, *args, factor, scale_values, ask_ambition, **kwargs):
        super().__init__(*args, **kwargs)
        self.factor = factor
        self.statements = list(factor.statement_list)
        choices = [(str(v), str(v)) for v in scale_values] + [(str(DONT_KNOW), str(DONT_KNOW))]
        invalid = _("Choose one of the answers shown.")
        for statement in self.statements:
            names = [current_name(statement)] + ([ambition_name(statement)] if ask_ambition else [])
            for name in names:
                self.fields[name] = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": invalid},
                )

    def clean(self):
        cleaned = super().clean()
        if self.is_bound:
            foreign = [k for k in self.data if _ANSWER_KEY_RE.match(k) and k not in self.fields]
            if foreign:
                raise forms.ValidationError(
                    _("Some answers do not belong to this page. Please reload the page and try again."),
                    code="foreign_statement",
                )
        return cleaned

    def answers(self):
        """{statement_id: {"current": v, "ambition": v}} for the answers actually given."""
        result = {}
        for statement in self.statements:
            values = {}
            for key, name in (("current", current_name(statement)), ("ambition", ambition_name(statement))):
                value = self.cleaned_data.get(name)
                if value is not None:
                    values[key] = value
            if values:
                result[statement.pk] = values
        return result

    def comments(self):
        """{factor_id: text}, or nothing when the post carried no comment field at all."""
        if "comment" not in self.data:
            return {}
        return {self.factor.pk: self.cleaned_data.get("comment", "")}
