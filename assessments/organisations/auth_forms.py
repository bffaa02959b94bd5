"""Sign-in form: people sign in with their email address (allauth's form, our wording)."""

from typing import Any

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class EmailLoginForm(LoginForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["login"]
        field.label = _("Email address")
        field.widget.attrs.update({"autofocus": True, "autocomplete": "email"})
        field.widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)
