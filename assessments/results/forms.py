"""The report page's input: the report language, and whether the PDF or the slide deck is wanted."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from assessments.results.models import Report


def report_language_choices() -> list[tuple[str, str]]:
    # Each language in its own name: a Dutch director looking for "Nederlands" finds it in any UI language.
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Report language"),
        choices=report_language_choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose Dutch or English as the report language.")},
    )
    # Without it the PDF, as before the deck existed (old links and forms keep working).
    kind = forms.ChoiceField(
        choices=Report.Kind.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose the PDF report or the slide deck.")},
    )

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or Report.Kind.PDF)
