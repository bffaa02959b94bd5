"""Forms of the customer check; they only validate. The CSV of imported figures is checked row by row."""

from __future__ import annotations  # UploadedFile is generic only in the stubs

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.outside_in.guards import HONEYPOT_FIELD
from assessments.outside_in.models import (
    AGREE_MAX,
    AGREE_MIN,
    LOWEST_MIN_RESPONSES,
    NOT_APPLICABLE,
    CustomerCheck,
    CustomerLink,
)
from models_9plus.models import Factor

MAX_CSV_BYTES = 1024 * 1024
MAX_CSV_ROWS = 2000
GRADE_COLUMNS = [f"grade_{g}" for g in range(1, 11)]
CSV_COLUMNS = ["period", "channel", "responses", "grade_mean", *GRADE_COLUMNS, "nps", "csat", "ces"]


class CheckForm(forms.Form):
    min_responses = forms.IntegerField(
        label=gettext_lazy("Minimum customer responses before any figure is shown"),
        min_value=LOWEST_MIN_RESPONSES,
        max_value=1000,
        help_text=gettext_lazy("At least 10; 30 gives figures you can rely on."),
    )


class LinkForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Label (channel or customer group)"), max_length=100)
    max_responses = forms.IntegerField(
        label=gettext_lazy("Maximum responses (optional)"), min_value=1, max_value=100000, required=False
    )

    def __init__(self, *args: Any, check: CustomerCheck, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.check = check

    def clean_label(self) -> str:
        label: str = self.cleaned_data["label"].strip()
        if CustomerLink.objects.filter(customer_check=self.check, label__iexact=label).exists():
            raise forms.ValidationError(_("There is already a link with this label."))
        return label


def _choices(low: int, high: int) -> list[tuple[str, str]]:
    return [(str(v), str(v)) for v in range(low, high + 1)]


def factor_field(code: str) -> str:
    return f"factor_{code}"


def _agree_value(raw: str) -> int | str:
    return raw if raw == NOT_APPLICABLE else int(raw)


class CustomerAnswerForm(forms.Form):
    grade = forms.TypedChoiceField(choices=_choices(1, 10), coerce=int, widget=forms.RadioSelect)
    ease = forms.TypedChoiceField(
        choices=_choices(AGREE_MIN, AGREE_MAX), coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
    )
    recommend = forms.TypedChoiceField(
        choices=_choices(0, 10), coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
    )
    open_answer = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False)  # the honeypot: hidden from people, filled in by bots

    def __init__(self, *args: Any, factors: Iterable[Factor] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        for factor in self.factors:
            choices = _choices(AGREE_MIN, AGREE_MAX)
            # "Not applicable" is a valid answer only where the model says some customers cannot judge it.
            if factor.customer_not_applicable:
                choices.append((NOT_APPLICABLE, _("Not applicable")))
            self.fields[factor_field(factor.code)] = forms.TypedChoiceField(
                choices=choices,
                coerce=_agree_value,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        self.fields["grade"].error_messages["required"] = gettext_lazy("Please give a grade from 1 to 10.")

    def factor_answers(self) -> dict[str, int | str]:
        answers: dict[str, int | str] = {}
        for factor in self.factors:
            value = self.cleaned_data.get(factor_field(factor.code))
            if value is not None:
                answers[factor.code] = value
        return answers

    @property
    def honeypot(self) -> str:
        value: str = self.cleaned_data.get(HONEYPOT_FIELD, "")
        return value


class EstimateForm(forms.Form):
    grade = forms.TypedChoiceField(
        label=gettext_lazy("What grade do our customers give us on average?"),
        choices=[("", "–"), *_choices(1, 10)],
        coerce=int,
        required=False,
        empty_value=None,
    )
    share_nine_plus = forms.IntegerField(
        label=gettext_lazy("What share of our customers gives us a 9 or 10?"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100, "step": 1}),
    )


class FiguresUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))


def _number(raw: str, *, low: float, high: float, integer: bool = False) -> float | None:
    text = raw.strip().replace(",", ".") if raw else ""
    if not text:
        return None
    value = float(text)  # ValueError for text that is no number
    if integer and not value.is_integer():
        raise ValueError
    if not low <= value <= high:
        raise ValueError
    return int(value) if integer else value


def _decode(upload: UploadedFile[bytes]) -> tuple[str, None] | tuple[None, str]:
    # Django's upload handlers always give a request file its size; only a hand-built UploadedFile lacks one.
    assert upload.size is not None
    if upload.size > MAX_CSV_BYTES:
        return None, _("The file is larger than 1 MB. Split it into smaller files.")
    try:
        return upload.read(MAX_CSV_BYTES + 1).decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
