"""Sign-in through an organisation's identity provider: allauth's social-account adapter and receiver.

allauth's OpenID Connect provider runs the protocol (authorization code with PKCE, the ID token's issuer,
audience, expiry and signature); this module decides who may come in through which organisation's provider:

- the address the provider asserts must be in one of the organisation's registered e-mail domains, so one
  organisation's provider can never sign in another organisation's people;
- an existing account with that address is used only when the manager allowed it and the provider says the
  address is verified (allauth's "email_authentication"); otherwise the person is told to sign in with a password;
  an administrator's (staff or superuser) account is never connected this way;
- the first sign-in creates the account and the membership with the organisation's default role.
"""

import logging
from typing import Any

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessments.organisations import selectors
from assessments.organisations.email_domains import domain_of
from assessments.organisations.models import IdentityProvider
from assessments.organisations.services.identity_providers import join_through_identity_provider

logger = logging.getLogger(__name__)


def _asserted_email(sociallogin: SocialLogin) -> str:
    if sociallogin.email_addresses:
        return str(sociallogin.email_addresses[0].email)
    return str(getattr(sociallogin.user, "email", "") or "")


def _refuse(request: HttpRequest, provider: IdentityProvider, reason: str) -> ImmediateHttpResponse:
    context = {"organisation_name": provider.organisation.name, "reason": reason}
    return ImmediateHttpResponse(render(request, "organisations/sso_refused.html", context, status=403))


def _account_exists(email: str) -> bool:
    if EmailAddress.objects.filter(email__iexact=email).exists():
        return True
    return get_user_model().objects.filter(email__iexact=email).exists()


class OrganisationSocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # allauth has no types
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        super().pre_social_login(request, sociallogin)
        provider = selectors.identity_provider_by_provider_id(provider_id=sociallogin.account.provider)
        if provider is None:
            if sociallogin.provider.id == "openid_connect":
                # An OpenID Connect app that belongs to no organisation (e.g. left in the admin): nobody comes in.
                logger.warning("Sign-in through %s refused: no organisation owns it", sociallogin.account.provider)
                reason = _("No organisation here signs in through this identity provider.")
                page = render(request, "organisations/sso_refused.html", {"reason": reason}, status=403)
                raise ImmediateHttpResponse(page)
            return
        email = _asserted_email(sociallogin)
        domains = {d.domain for d in provider.domains.all()}
        if domain_of(email) not in domains:
            logger.warning(
                "Sign-in through %s refused: the provider asserted an address outside the organisation's domains",
                sociallogin.account.provider,
            )
            raise _refuse(
                request,
                provider,
                _(
                    "Your identity provider gave the address “%(email)s”, which is not one of %(organisation)s's "
                    "e-mail domains. Ask your administrator to check the provider's settings."
                )
                % {"email": email or "–", "organisation": provider.organisation.name},
            )
        connecting = sociallogin.is_existing and sociallogin.account.pk is None  # found by its e-mail address
        if connecting and (sociallogin.user.is_superuser or sociallogin.user.is_staff):
            logger.warning(
                "Sign-in through %s refused: it would connect an administrator", sociallogin.account.provider
            )
            raise _refuse(
                request,
                provider,
                _("An administrator's account is never connected to an identity provider. Sign in with its password."),
            )
        if not sociallogin.is_existing and _account_exists(email):
            raise _refuse(
                request,
                provider,
                _(
                    "There already is an account with the address %(email)s. Sign in with its password; your CX "
                    "manager can allow accounts to be connected to %(organisation)s's identity provider."
                )
                % {"email": email, "organisation": provider.organisation.name},
            )

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """An organisation's own provider signs its people up even where public sign-up is closed."""
        if selectors.identity_provider_by_provider_id(provider_id=sociallogin.account.provider) is not None:
            return True
        return bool(super().is_open_for_signup(request, sociallogin))

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        user: User = super().save_user(request, sociallogin, form)
        join_through_identity_provider(user=user, provider_id=sociallogin.account.provider)
        return user

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: str | None = None,
        exception: BaseException | None = None,
        extra_context: dict[str, Any] | None = None,
    ) -> None:
        # The reason stays in the log (e.g. "ExpiredSignatureError"); the person sees allauth's general message.
        cause = exception.__cause__ if exception is not None and exception.__cause__ is not None else exception
        logger.warning(
            "Sign-in through %s failed: %s (%s)",
            getattr(getattr(provider, "app", None), "provider_id", None) or getattr(provider, "id", "?"),
            error,
            type(cause).__name__ if cause is not None else "-",
        )
        super().on_authentication_error(request, provider, error, exception, extra_context)


def social_account_added(sender: object, request: HttpRequest, sociallogin: SocialLogin, **kwargs: Any) -> None:
    """An existing account was connected to an organisation's provider (first sign-in): it becomes a member."""
    if sociallogin.user is None:
        return
    verified = [address.email for address in sociallogin.email_addresses if address.verified]
    join_through_identity_provider(
        user=sociallogin.user, provider_id=sociallogin.account.provider, verified_email=verified[0] if verified else ""
    )
