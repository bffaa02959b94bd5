"""Forms of comment themes: a theme (names and keywords per language) and the filters of the comments page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

KEYWORDS_HELP = _("Separated by commas. A keyword matches the start of a word, regardless of case and accents.")


def _clean_keywords(raw: str) -> str:
    seen: dict[str, str] = {}
    for keyword in raw.split(","):
        word = " ".join(keyword.split())
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return ", ".join(seen.values())


class ThemeForm(forms.Form):
    scope = forms.ChoiceField(label=_("Factor"))
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=100, required=False)
    keywords_en = forms.CharField(label=_("English keywords"), max_length=500, required=False, help_text=KEYWORDS_HELP)
    keywords_nl = forms.CharField(label=_("Dutch keywords"), max_length=500, required=False, help_text=KEYWORDS_HELP)

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = scopes
        if editing:
            scope.disabled = True

    def clean_keywords_en(self) -> str:
        return _clean_keywords(self.cleaned_data.get("keywords_en", ""))

    def clean_keywords_nl(self) -> str:
        return _clean_keywords(self.cleaned_data.get("keywords_nl", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name_en", "").strip() or data.get("name_nl", "").strip()):
            raise forms.ValidationError(_("Give the theme a name in at least one language."))
        return data


class FilterForm(forms.Form):
    scope = forms.ChoiceField(label=_("Factor"), required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    theme = forms.UUIDField(label=_("Theme"), required=False)

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = [("", _("All factors")), *scopes]


class CommentActionForm(forms.Form):
    ref = forms.RegexField(regex=r"^[rc][0-9a-f]{24}$", max_length=25)
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("tag", "reject", "untag", "pick", "unpick")],
    )
    theme = forms.UUIDField(required=False)
    # Where to go back to: the page's filters, checked again when the page is shown.
    scope = forms.CharField(max_length=60, required=False)
    q = forms.CharField(max_length=100, required=False)
    filter_theme = forms.UUIDField(required=False)
