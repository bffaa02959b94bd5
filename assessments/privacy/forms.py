"""Forms for the personal-data page (validation only)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PersonLookupForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"), max_length=254)


class ErasureForm(PersonLookupForm):
    confirm = forms.BooleanField(
        label=_("I understand that this removes the person from this organisation and cannot be undone."),
        required=True,
    )
