"""The organisation's identity provider (OpenID Connect): its settings page, and "Sign in with your organisation"."""

import logging

import requests
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from assessments.core.forms import form_page
from assessments.core.http import AuthenticatedRequest
from assessments.core.ratelimits import sign_in_limit
from assessments.organisations import selectors
from assessments.organisations.decorators import organisation_page
from assessments.organisations.identity_forms import (
    IdentityProviderForm,
    OrganisationSignInForm,
    RemoveIdentityProviderForm,
)
from assessments.organisations.models import IdentityProvider, Membership, Organisation
from assessments.organisations.services import identity_providers as services

logger = logging.getLogger(__name__)


def _require_cx_manager(membership: Membership) -> None:
    """Only the organisation's own CX managers register where its people sign in (not its consultants)."""
    if membership.role != Membership.Role.MANAGER:
        raise PermissionDenied


@organisation_page(manage=True)
def identity_provider_settings(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    _require_cx_manager(membership)
    provider = selectors.identity_provider_of(organisation=organisation)
    form = IdentityProviderForm(request.POST or None, provider=provider)

    def save(data: dict[str, object]) -> IdentityProvider:
        return services.save_identity_provider(organisation=organisation, actor=request.user, **data)  # type: ignore[arg-type]

    return form_page(
        request,
        form,
        save=save,
        success=_("Identity provider saved. People with these e-mail domains now sign in through it."),
        done=lambda _saved: redirect("identity_provider_settings", org=organisation.public_id),
        template="organisations/identity_provider.html",
        context=lambda: {
            "organisation": organisation,
            "membership": membership,
            "provider": provider,
            "callback_url": request.build_absolute_uri(
                reverse("openid_connect_callback", kwargs={"provider_id": services.provider_id_for(organisation)})
            ),
            "tab": "settings",
        },
    )


@organisation_page(manage=True)
def identity_provider_remove(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    _require_cx_manager(membership)
    provider = selectors.identity_provider_of(organisation=organisation)
    if provider is None:
        return redirect("identity_provider_settings", org=organisation.public_id)
    form = RemoveIdentityProviderForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda _data: services.remove_identity_provider(organisation=organisation, actor=request.user),
        success=_("Identity provider removed. People sign in with a password again."),
        done=lambda _saved: redirect("identity_provider_settings", org=organisation.public_id),
        template="organisations/identity_provider_remove.html",
        context=lambda: {"organisation": organisation, "membership": membership, "provider": provider},
    )


def _next_url(request: HttpRequest) -> str | None:
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return None


def _continue_to(request: HttpRequest, response: HttpResponseBase, provider: IdentityProvider) -> HttpResponseBase:
    """A page that moves on to the provider: our CSP's form-action ('self') forbids answering a form with a
    redirect to another site, so the form's answer is a page whose link (and refresh) goes there."""
    if response.status_code != 302:
        return response  # allauth's own error page (e.g. an unreadable discovery document)
    page = render(
        request,
        "organisations/organisation_sign_in_continue.html",
        {"url": response["Location"], "organisation_name": provider.organisation.name},
    )
    page["Cache-Control"] = "no-store"
    return page


@sign_in_limit
def organisation_sign_in(request: HttpRequest) -> HttpResponseBase:
    """Asks the work address; sends people whose domain has an identity provider there (authorization code + PKCE)."""
    form = OrganisationSignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            email = form.cleaned_data["email"]
            provider = selectors.identity_provider_for_email(email=email)
            if provider is None:
                form.add_error(
                    "email",
                    _("Your organisation has no identity provider here. Sign in with your password."),
                )
            else:
                oidc = provider.app.get_provider(request)
                try:
                    redirect_to_provider = oidc.redirect(
                        request,
                        AuthProcess.LOGIN,
                        next_url=_next_url(request),
                        auth_params={**oidc.get_auth_params(), "login_hint": email},
                    )
                except requests.RequestException:
                    logger.warning("Identity provider %s did not answer", provider.app.provider_id, exc_info=True)
                    form.add_error(
                        None,
                        _("%(organisation)s's identity provider does not answer right now. Try again in a minute.")
                        % {"organisation": provider.organisation.name},
                    )
                else:
                    return _continue_to(request, redirect_to_provider, provider)
    return render(
        request, "organisations/organisation_sign_in.html", {"form": form, "next": _next_url(request)}, status=status
    )
