"""Forms for the organisation's identity provider and for "Sign in with your organisation": validation only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.organisations.email_domains import parse_domains
from assessments.organisations.models import FIRST_SIGN_IN_ROLES, IdentityProvider, Membership
from assessments.organisations.oidc_issuer import check_discovery, normalise_issuer


class IdentityProviderForm(forms.Form):
    issuer = forms.CharField(
        label=_("Issuer URL"),
        max_length=500,
        help_text=_(
            "The address your identity provider names as its issuer, "
            "e.g. https://login.microsoftonline.com/TENANT-ID/v2.0 for Microsoft Entra ID."
        ),
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    client_id = forms.CharField(
        label=_("Client ID"), max_length=191, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        max_length=500,
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )
    domains = forms.CharField(
        label=_("E-mail domains"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("One a line, e.g. example.nl. People with an address there sign in through this provider."),
    )
    default_role = forms.ChoiceField(
        label=_("Role of new members"),
        choices=FIRST_SIGN_IN_ROLES,
        initial=Membership.Role.VIEWER,
        help_text=_("What someone gets at the first sign-in. You can change a person's role on the People page."),
    )
    connect_existing_accounts = forms.BooleanField(
        label=_("Connect existing accounts"),
        required=False,
        help_text=_(
            "When someone already has an account here with the same address, sign that account in. Only when the "
            "identity provider says the address is verified; otherwise the person is asked to sign in with a password."
        ),
    )

    def __init__(self, *args: Any, provider: IdentityProvider | None = None, **kwargs: Any) -> None:
        self.provider = provider
        if provider is not None:
            kwargs.setdefault(
                "initial",
                {
                    "issuer": provider.app.settings.get("server_url", ""),
                    "client_id": provider.app.client_id,
                    "domains": "\n".join(d.domain for d in provider.domains.all()),
                    "default_role": provider.default_role,
                    "connect_existing_accounts": provider.connect_existing_accounts,
                },
            )
        super().__init__(*args, **kwargs)
        secret = self.fields["client_secret"]
        if provider is None:
            secret.required = True
        else:
            secret.help_text = _("Leave empty to keep the current secret.")

    def clean_issuer(self) -> str:
        issuer = normalise_issuer(self.cleaned_data["issuer"])
        check_discovery(issuer)
        return issuer

    def clean_domains(self) -> list[str]:
        return parse_domains(self.cleaned_data["domains"])


class RemoveIdentityProviderForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, stop signing in through this identity provider"),
        help_text=_("People keep their accounts and memberships; they sign in with a password again."),
    )


class OrganisationSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
