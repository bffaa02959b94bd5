"""The organisation's identity provider settings page: who may see it, what it stores, what it refuses."""

import pytest
from allauth.socialaccount.models import SocialApp

from assessments.organisations.models import EmailDomain, IdentityProvider, Membership
from assessments.organisations.services.identity_providers import save_identity_provider
from tests import factories
from tests.oidc_provider.fixtures import start_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    provider = start_provider(tmp_path_factory.mktemp("settings-idp"))
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def _loopback_issuers(settings):
    settings.OIDC_ALLOW_LOOPBACK_ISSUERS = True


@pytest.fixture
def acme_manager(org_a):
    user = factories.make_user(email="cx@acme.example")
    factories.add_member(user=user, organisation=org_a, role=Membership.Role.MANAGER)
    return user


def _url(organisation):
    return f"/o/{organisation.public_id}/settings/sign-in/"


def _form(idp, **changes):
    data = {
        "issuer": idp.issuer,
        "client_id": "cxm",
        "client_secret": "s3cret",
        "domains": "acme.example",
        "default_role": "viewer",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_manager_registers_the_provider_as_an_allauth_app_with_pkce(idp, org_a, acme_manager, client_for):
    client = client_for(acme_manager)
    assert client.get(_url(org_a)).status_code == 200
    response = client.post(_url(org_a), _form(idp, domains="Acme.Example\nmail.acme.example", default_role="manager"))
    assert response.status_code == 302
    provider = IdentityProvider.objects.get(organisation=org_a)
    app = provider.app
    assert (app.provider, app.provider_id, app.client_id, app.secret) == (
        "openid_connect",
        f"org-{org_a.public_id}",
        "cxm",
        "s3cret",
    )
    assert app.settings == {
        "server_url": idp.issuer,
        "openid_configuration_overrides": {"issuer": idp.issuer},
        "oauth_pkce_enabled": True,
        "email_authentication": False,
        "verified_email": False,
    }
    assert provider.default_role == "manager"
    # Her own domain and its subdomains, lower case.
    assert sorted(EmailDomain.objects.values_list("domain", flat=True)) == ["acme.example", "mail.acme.example"]


def test_the_secret_is_never_shown_and_an_empty_one_keeps_it(idp, org_a, acme_manager, client_for):
    client = client_for(acme_manager)
    client.post(_url(org_a), _form(idp))
    page = client.get(_url(org_a)).content.decode()
    assert "s3cret" not in page
    assert client.post(_url(org_a), _form(idp, client_secret="", client_id="cxm-2")).status_code == 302
    app = SocialApp.objects.get()
    assert (app.client_id, app.secret) == ("cxm-2", "s3cret")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"domains": "gmail.com"}, "gmail.com is a public e-mail service"),
        ({"domains": "not a domain"}, "is not an e-mail domain"),
        ({"domains": "@"}, "is not an e-mail domain"),
        ({"domains": "rival.example"}, "You can add only your own e-mail domain (acme.example)"),
        ({"issuer": "http://login.acme.example"}, "must start with https://"),
        ({"issuer": "https://login.acme.example/?tenant=1"}, "Enter the issuer URL as your identity provider shows it"),
        ({"client_secret": None}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(idp, org_a, acme_manager, client_for, changes, message):
    response = client_for(acme_manager).post(_url(org_a), _form(idp, **changes))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not IdentityProvider.objects.exists()
    assert not SocialApp.objects.exists()


def test_an_issuer_without_a_discovery_document_is_refused(idp, org_a, acme_manager, client_for):
    response = client_for(acme_manager).post(_url(org_a), _form(idp, issuer=idp.base_url))
    assert response.status_code == 400
    assert "Could not read the provider's discovery document" in response.content.decode().replace("&#x27;", "'")


def test_an_issuer_must_be_named_exactly_as_the_provider_names_itself(tmp_path, org_a, acme_manager, client_for):
    # A provider that names itself by another address (as one behind a proxy would).
    renamed = start_provider(tmp_path, issuer="https://login.acme.example/o")
    try:
        response = client_for(acme_manager).post(_url(org_a), _form(renamed))
    finally:
        renamed.stop()
    assert response.status_code == 400
    assert "The provider calls itself “https://login.acme.example/o”" in response.content.decode()


def test_loopback_issuers_are_refused_unless_the_installation_allows_them(
    idp, org_a, acme_manager, client_for, settings
):
    settings.OIDC_ALLOW_LOOPBACK_ISSUERS = False
    response = client_for(acme_manager).post(_url(org_a), _form(idp))
    assert response.status_code == 400
    assert "The issuer must be on another server than this one." in response.content.decode()


def test_a_domain_belongs_to_one_organisation(idp, org_a, org_b, acme_manager, client_for):
    admin = factories.make_user(email="root@example.org", is_superuser=True)
    save_identity_provider(
        organisation=org_b,
        actor=admin,
        issuer=idp.issuer,
        client_id="other",
        client_secret="x",
        domains=["acme.example"],
        default_role="viewer",
        connect_existing_accounts=False,
    )
    response = client_for(acme_manager).post(_url(org_a), _form(idp))
    assert response.status_code == 400
    assert "acme.example already belongs to another organisation" in response.content.decode()
    assert list(EmailDomain.objects.values_list("identity_provider__organisation", flat=True)) == [org_b.pk]


def test_only_the_organisations_cx_managers_see_the_page(org_a, viewer_a, consultant_ab, manager_b, client_for):
    url = _url(org_a)
    assert client_for(viewer_a).get(url).status_code == 403
    assert client_for(consultant_ab).get(url).status_code == 403
    assert client_for(manager_b).get(url).status_code == 404
    assert client_for(viewer_a).post(url, {}).status_code == 403


def test_removing_the_provider_keeps_people_and_frees_the_domains(idp, org_a, acme_manager, client_for):
    client = client_for(acme_manager)
    client.post(_url(org_a), _form(idp))
    assert client.post(f"{_url(org_a)}remove/", {}).status_code == 400  # not confirmed
    assert client.post(f"{_url(org_a)}remove/", {"confirm": "on"}).status_code == 302
    assert not IdentityProvider.objects.exists()
    assert not SocialApp.objects.exists()
    assert not EmailDomain.objects.exists()
    assert Membership.objects.filter(user=acme_manager).exists()


def test_the_administrator_releases_a_wrongly_claimed_domain(idp, org_a, org_b):
    from django.core.management import CommandError, call_command

    admin = factories.make_user(email="root@example.org", is_superuser=True)
    save_identity_provider(
        organisation=org_b,
        actor=admin,
        issuer=idp.issuer,
        client_id="other",
        client_secret="x",
        domains=["acme.example", "b.example"],
        default_role="viewer",
        connect_existing_accounts=False,
    )
    call_command("release_email_domain", "ACME.example")
    assert list(EmailDomain.objects.values_list("domain", flat=True)) == ["b.example"]
    with pytest.raises(CommandError, match="No organisation has registered acme.example."):
        call_command("release_email_domain", "acme.example")
