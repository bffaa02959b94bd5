"""Date pickers keep their value in Dutch: the browser's date input only takes ISO dates (yyyy-mm-dd)."""

import datetime

import pytest
from django import forms
from django.utils import translation

from assessments.core.forms import DateInput


class _Dates(forms.Form):
    day = forms.DateField(widget=DateInput())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_saved_date_shows_in_the_picker_in_both_languages(language):
    with translation.override(language):
        html = str(_Dates(initial={"day": datetime.date(2026, 12, 31)})["day"])
    assert 'type="date"' in html
    assert 'value="2026-12-31"' in html


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_picker_value_is_read_back_in_both_languages(language):
    with translation.override(language):
        form = _Dates(data={"day": "2026-12-31"})
        assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 31)


def test_without_the_iso_format_dutch_would_empty_the_field():
    """Why the widget exists: Django's own date input writes the Dutch format, which a date picker drops."""
    with translation.override("nl"):
        html = forms.DateInput(attrs={"type": "date"}).render("day", datetime.date(2026, 12, 31))
    assert 'value="2026-12-31"' not in html
