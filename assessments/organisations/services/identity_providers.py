"""Writes for an organisation's identity provider (OpenID Connect) and the members it signs in.

The provider is stored as allauth's SocialApp (provider "openid_connect", one provider id per organisation),
so allauth's OpenID Connect provider runs the sign-in; `IdentityProvider` and `EmailDomain` say whose it is.
"""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.organisations.email_domains import domain_of
from assessments.organisations.models import EmailDomain, IdentityProvider, Membership, Organisation
from assessments.organisations.services import activity

PROVIDER = "openid_connect"


def provider_id_for(organisation: Organisation) -> str:
    """The provider id in allauth's URLs (/accounts/oidc/<provider id>/login/): fixed for the organisation."""
    return f"org-{organisation.public_id}"


def app_settings(*, issuer: str, connect_existing_accounts: bool) -> dict[str, Any]:
    """What allauth's OpenID Connect provider reads from the SocialApp.

    The issuer is pinned ("openid_configuration_overrides"): an ID token must name the issuer the manager
    registered, whatever the discovery document says. PKCE is always on. An existing account is connected by
    e-mail address only when the manager allows it and the provider says the address is verified
    ("email_authentication"; allauth reads "email_verified" from the ID token or user info).
    """
    return {
        "server_url": issuer,
        "openid_configuration_overrides": {"issuer": issuer},
        "oauth_pkce_enabled": True,
        "email_authentication": connect_existing_accounts,
        "verified_email": False,
    }


def _check_domains_free(*, organisation: Organisation, domains: list[str]) -> None:
    taken = sorted(
        EmailDomain.objects.filter(domain__in=domains)
        .exclude(identity_provider__organisation=organisation)
        .values_list("domain", flat=True)
    )
    if taken:
        raise ValidationError(
            {
                "domains": _(
                    "%(domains)s already belongs to another organisation's identity provider. If it is yours, "
                    "ask the administrator of this installation to release it."
                )
                % {"domains": ", ".join(taken)}
            }
        )


def _check_domains_provable(*, actor: User, domains: list[str], current: set[str]) -> None:
    """A domain is claimed by someone with an address there or at its parent (or the installation's administrator).

    Otherwise a manager could send another company's people to her own provider."""
    if actor.is_superuser:
        return
    own = domain_of(actor.email)
    foreign = sorted(
        domain
        for domain in domains
        if domain not in current and not (own and (domain == own or domain.endswith(f".{own}")))
    )
    if foreign:
        raise ValidationError(
            {
                "domains": _(
                    "You can add only your own e-mail domain (%(own)s); %(domains)s must be added by someone with an "
                    "address there, or by the administrator of this installation."
                )
                % {"own": own or "–", "domains": ", ".join(foreign)}
            }
        )


@transaction.atomic
def save_identity_provider(
    *,
    organisation: Organisation,
    actor: User,
    issuer: str,
    client_id: str,
    client_secret: str,
    domains: list[str],
    default_role: str,
    connect_existing_accounts: bool,
) -> IdentityProvider:
    """Register or change the organisation's identity provider; an empty secret keeps the current one."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one save at a time
    provider = IdentityProvider.objects.select_related("app").filter(organisation=organisation).first()
    current = set(provider.domains.values_list("domain", flat=True)) if provider else set()
    _check_domains_free(organisation=organisation, domains=domains)
    _check_domains_provable(actor=actor, domains=domains, current=current)
    if provider is None and not client_secret:
        raise ValidationError({"client_secret": _("Enter the client secret your identity provider gave you.")})
    if default_role not in Membership.Role.values:
        raise ValidationError({"default_role": _("Choose a role.")})
    settings = app_settings(issuer=issuer, connect_existing_accounts=connect_existing_accounts)
    if provider is None:
        app = SocialApp.objects.create(
            provider=PROVIDER,
            provider_id=provider_id_for(organisation),
            name=organisation.name,
            client_id=client_id,
            secret=client_secret,
            settings=settings,
        )
        provider = IdentityProvider.objects.create(
            organisation=organisation,
            app=app,
            default_role=default_role,
            connect_existing_accounts=connect_existing_accounts,
        )
        verb = "created"
    else:
        app = provider.app
        app.name, app.client_id, app.settings = organisation.name, client_id, settings
        if client_secret:
            app.secret = client_secret
        app.save()
        provider.default_role = default_role
        provider.connect_existing_accounts = connect_existing_accounts
        provider.save()
        verb = "updated"
    provider.domains.exclude(domain__in=domains).delete()
    try:
        with transaction.atomic():
            EmailDomain.objects.bulk_create(
                EmailDomain(identity_provider=provider, domain=domain) for domain in domains if domain not in current
            )
    except IntegrityError:  # another organisation claimed one in the meantime
        _check_domains_free(organisation=organisation, domains=domains)
        raise
    activity.record(
        organisation=organisation, actor=actor, verb=verb, obj=_("identity provider"), detail=", ".join(domains)
    )
    return provider


@transaction.atomic
def remove_identity_provider(*, organisation: Organisation, actor: User) -> None:
    """Stop signing in through the organisation's provider; its people keep their accounts and memberships."""
    provider = IdentityProvider.objects.select_for_update().filter(organisation=organisation).first()
    if provider is None:
        return
    app = provider.app
    provider.delete()
    app.delete()
    activity.record(organisation=organisation, actor=actor, verb="deleted", obj=_("identity provider"))


@transaction.atomic
def join_through_identity_provider(*, user: User, provider_id: str, verified_email: str = "") -> Membership | None:
    """The first sign-in through an organisation's provider makes the person a member with its default role.

    `verified_email`: the address the provider vouched for when it connected an existing account; it counts as
    confirmed from now on (an account made before e-mail confirmation existed would otherwise be asked to confirm).

    Later sign-ins change nothing: a member whom a manager removed is not added again (remove the person at the
    identity provider too), and a role a manager changed stays."""
    provider = IdentityProvider.objects.select_related("organisation").filter(app__provider_id=provider_id).first()
    if provider is None:
        return None
    if verified_email and verified_email.lower() == user.email.lower():
        address = EmailAddress.objects.filter(user=user, email__iexact=verified_email).first()
        if address is None:
            primary = not EmailAddress.objects.filter(user=user, primary=True).exists()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=primary)
        elif not address.verified:
            address.verified = True
            address.save(update_fields=["verified"])
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=provider.organisation, defaults={"role": provider.default_role}
    )
    if created:
        activity.record(
            organisation=provider.organisation,
            actor=user,
            verb="joined",
            obj=user.email,
            detail=_("through the identity provider"),
        )
    return membership


@transaction.atomic
def release_email_domain(*, domain: str) -> Organisation | None:
    """The installation's administrator frees a domain that the wrong organisation claimed; returns its owner."""
    row = EmailDomain.objects.select_related("identity_provider__organisation").filter(domain=domain).first()
    if row is None:
        return None
    organisation = row.identity_provider.organisation
    row.delete()
    activity.record(organisation=organisation, actor=None, verb="deleted", obj=domain, detail=_("released"))
    return organisation
