"""The form to email a personal resume link to oneself: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ResumeEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email me this link"),
        max_length=254,
        help_text=_("We only use the address to send this one email; it is not stored."),
        error_messages={"invalid": _("Enter a complete email address, for example name@example.com.")},
    )
