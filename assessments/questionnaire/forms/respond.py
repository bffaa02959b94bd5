"""Respondent forms: validation only. Field names use statement codes, never database ids."""

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from assessments.core.forms import model_choice_field
from assessments.organisations.models import Role
from assessments.questionnaire.models import DONT_KNOW
from assessments.questionnaire.selectors.respondent import QuestionnaireFactor
from models_9plus.models import Factor, Statement

COMMENT_MAX_LENGTH = 2000
_ANSWER_KEY_RE = re.compile(r"^(c|a|fa)-")
# A version as the script sends it: digits only, short enough to be an ordinary number.
_PLAIN_NUMBER_RE = re.compile(r"[0-9]{1,9}")


def current_name(statement: Statement) -> str:
    return f"c-{statement.code}"


def ambition_name(statement: Statement) -> str:
    return f"a-{statement.code}"


def factor_ambition_name(factor: Factor) -> str:
    """The one ambition question of a factor in a per-factor (v2) model version."""
    return f"fa-{factor.code}"


# Django's form fields are generic only in its type stubs: subscripted for the checker, plain at run time.
if TYPE_CHECKING:
    _RoleChoiceField = forms.ModelChoiceField[Role]
else:
    _RoleChoiceField = forms.ModelChoiceField


class RoleNameChoiceField(_RoleChoiceField):
    """A role choice labelled with the role's name in the active language."""

    def label_from_instance(self, obj: Role) -> str:
        return obj.t("name")


class StartForm(forms.Form):
    role = RoleNameChoiceField(
        label=_("What is your role?"),
        queryset=Role.objects.none(),
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Please choose the role that fits you best.")},
    )

    def __init__(self, *args: Any, roles: QuerySet[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "role").queryset = roles


def _answer_field(choices: list[tuple[str, str]]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the answers shown.")},
    )


# Building a choice field (normalising its choices, making its widget) for every statement on every
# background save cost about a quarter of the save's own CPU time. Validating only reads a field
# (clean, valid_value, the lazy error message in the active language), never changes it, so forms
# that are only validated share one field per set of choices, per process. Rendered forms build their own.
_VALIDATING_FIELDS: dict[tuple[tuple[str, str], ...], forms.TypedChoiceField] = {}


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

    def __init__(
        self,
        *args: Any,
        factor: QuestionnaireFactor,
        scale_values: Iterable[int],
        ask_ambition: bool,
        per_factor: bool = False,
        statements: Iterable[Statement] | None = None,
        validate_only: bool = False,
        **kwargs: Any,
    ) -> None:
        """per_factor: one ambition question for the factor instead of one per statement (v2).

        statements: the statements this respondent is asked (audience applied); default all of the factor's.
        validate_only: the form is never rendered (the background save), so its answer fields may be
        shared ones (see _VALIDATING_FIELDS).
        """
        super().__init__(*args, **kwargs)
        self.factor = factor
        self.statements = list(factor.statement_list if statements is None else statements)
        self.per_factor = ask_ambition and per_factor
        choices = [(str(v), str(v)) for v in scale_values] + [(str(DONT_KNOW), str(DONT_KNOW))]
        names = [current_name(s) for s in self.statements]
        if ask_ambition and not per_factor:
            names += [ambition_name(s) for s in self.statements]
        if self.per_factor:
            names.append(factor_ambition_name(factor))
        self.validate_only = validate_only
        if validate_only:
            key = tuple(choices)
            shared = _VALIDATING_FIELDS.get(key) or _VALIDATING_FIELDS.setdefault(key, _answer_field(choices))
            # The declared fields too (ValidatingAnswersForm copies none), before the answers, in their order.
            self.fields = {**FactorAnswersForm.base_fields, **self.fields, **dict.fromkeys(names, shared)}
            self._choice_values = frozenset(value for value, _label in choices)
        else:
            for name in names:
                self.fields[name] = _answer_field(choices)

    def full_clean(self) -> None:
        if not (self.validate_only and self.is_bound and self._clean_well_formed()):
            super().full_clean()

    def _clean_well_formed(self) -> bool:
        """The background save's usual page, validated without building a bound field per answer: every
        answer one of the choices or empty, a plain version number, a comment within its limits, no
        answer of another page. True: cleaned_data is what full_clean gives for such data and there are
        no errors. False (anything else): nothing is set, and full_clean validates as always and gives
        the errors. tests/questionnaire/respond/test_save_read.py checks the two agree."""
        data = self.data
        cleaned: dict[str, Any] = {}
        for name in self.fields:
            value = data.get(name)
            if name == "version":
                if not (isinstance(value, str) and _PLAIN_NUMBER_RE.fullmatch(value)):
                    return False
                cleaned[name] = int(value)
            elif name == "comment":
                if value is None:
                    cleaned[name] = ""
                    continue
                if not isinstance(value, str) or "\x00" in value:
                    return False
                text = value.strip()
                if len(text) > COMMENT_MAX_LENGTH:
                    return False
                cleaned[name] = text
            elif value is None or value == "":
                cleaned[name] = None
            elif isinstance(value, str) and value in self._choice_values:
                cleaned[name] = int(value)
            else:
                return False
        if any(_ANSWER_KEY_RE.match(key) and key not in self.fields for key in data):
            return False
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = cleaned
        return True

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.is_bound:
            foreign = [k for k in self.data if _ANSWER_KEY_RE.match(k) and k not in self.fields]
            if foreign:
                raise forms.ValidationError(
                    _("Some answers do not belong to this page. Please reload the page and try again."),
                    code="foreign_statement",
                )
        return cleaned

    def answers(self) -> dict[int, dict[str, int]]:
        """{statement_id: {"current": v, "ambition": v}} for the answers actually given."""
        result: dict[int, dict[str, int]] = {}
        for statement in self.statements:
            values: dict[str, int] = {}
            for key, name in (("current", current_name(statement)), ("ambition", ambition_name(statement))):
                value = self.cleaned_data.get(name) if name in self.fields else None
                if value is not None:
                    values[key] = value
            if values:
                result[statement.pk] = values
        return result

    def factor_ambitions(self) -> dict[int, int]:
        """{factor_id: value} when the page asks the factor's ambition and it was answered, else {}."""
        if not self.per_factor:
            return {}
        value = self.cleaned_data.get(factor_ambition_name(self.factor))
        return {} if value is None else {self.factor.pk: value}

    def comments(self) -> dict[int, str]:
        """{factor_id: text}, or nothing when the post carried no comment field at all."""
        if "comment" not in self.data:
            return {}
        return {self.factor.pk: self.cleaned_data.get("comment", "")}


class ValidatingAnswersForm(FactorAnswersForm):
    """A FactorAnswersForm that is only validated (the background save, validate_only=True): it shares its
    declared fields as it shares its answer fields, instead of deep-copying them for every save."""


# No per-form copies: FactorAnswersForm.__init__ puts the shared declared fields in (validate_only).
ValidatingAnswersForm.base_fields = {}
