"""How allauth treats our accounts: sign-up open or closed, the username is the email address,
and our wording for a failed sign-in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("That email address and password do not match. Check both and try again."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """CXM_SIGNUP_OPEN=false closes sign-up; invitations (their own link) still create accounts."""
        return bool(settings.CXM_SIGNUP_OPEN)

    def populate_username(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        # Every account's username is its email address (the admin and older accounts rely on it).
        email: str = getattr(user, "email", "") or ""
        user.username = email[:150]  # type: ignore[attr-defined]
