"""Sign-in form: people sign in with their email address (allauth's form, our wording)."""

from typing import Any

from allauth.account.forms import LoginForm, SignupForm
from allauth.mfa.base.forms import AuthenticateForm
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


class EmailSignupForm(SignupForm):  # type: ignore[misc]  # allauth ships no type hints
    """allauth's sign-up form with labels only (its placeholders repeat the labels)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].widget.attrs.update({"autofocus": True})
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class TwoFactorCodeForm(AuthenticateForm):  # type: ignore[misc]  # allauth ships no type hints
    """The second step of signing in: the authenticator code or a recovery code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Code")
        field.widget.attrs.update({"autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric"})
        field.widget.attrs.pop("placeholder", None)
