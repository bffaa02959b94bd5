"""Sign in through a real OpenID Connect provider on loopback (django-oauth-toolkit, authorization code + PKCE).

The provider is a separate Django project (tests/oidc_provider/) run as a subprocess; nothing of the protocol is
mocked. Its per-client quirks make it misbehave on purpose, so the app's own refusals are what is tested: an ID
token naming another issuer, an expired one, one issued to another client.
"""

import logging
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model

from assessments.organisations.models import IdentityProvider, Membership
from assessments.organisations.services.identity_providers import save_identity_provider
from assessments.organisations.services.organisations import delete_organisation
from tests import factories
from tests.oidc_provider.fixtures import start_provider
from tests.organisations.oidc_helpers import (
    client_spec,
    person,
    sign_in,
    sign_in_at_the_provider,
    start_at_the_app,
)

ACME = uuid.UUID("0d8e4f7a-6c1b-4c55-9a51-0000000000a1")
AUDIENCE = uuid.UUID("0d8e4f7a-6c1b-4c55-9a51-0000000000a2")
EXPIRED = uuid.UUID("0d8e4f7a-6c1b-4c55-9a51-0000000000a3")
IMPOSTOR = uuid.UUID("0d8e4f7a-6c1b-4c55-9a51-0000000000a4")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    provider = start_provider(
        tmp_path_factory.mktemp("idp"),
        users=[
            person("anna@acme.example"),
            person("bert@acme.example"),
            person("unverified@acme.example", verified=False),
            person("mallory", email="ceo@other.example"),
            person("dirk@audience.example"),
            person("eva@expired.example"),
        ],
        clients=[
            client_spec("cxm-acme", ACME),
            # Its ID tokens name cxm-acme as their audience: tokens issued to another client of the provider.
            client_spec("cxm-audience", AUDIENCE, id_token_audience="cxm-acme"),
            client_spec("cxm-expired", EXPIRED, id_token_lifetime=0),
        ],
    )
    yield provider
    provider.stop()


@pytest.fixture(scope="module")
def impostor(tmp_path_factory, idp):
    """A second provider instance whose ID tokens claim to come from the first one."""
    provider = start_provider(
        tmp_path_factory.mktemp("impostor"),
        users=[person("fay@impostor.example")],
        clients=[client_spec("cxm-impostor", IMPOSTOR, id_token_issuer=idp.issuer)],
    )
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def _loopback_issuers(settings):
    settings.OIDC_ALLOW_LOOPBACK_ISSUERS = True


def _organisation_with_provider(provider, public_id, client_id, domain, *, role="viewer", connect=False):
    organisation = factories.make_organisation(name=f"Org {domain}", public_id=public_id)
    admin = factories.make_user(email=f"admin-{domain}@example.org", is_superuser=True)
    save_identity_provider(
        organisation=organisation,
        actor=admin,
        issuer=provider.issuer,
        client_id=client_id,
        client_secret=f"secret-of-{client_id}",
        domains=[domain],
        default_role=role,
        connect_existing_accounts=connect,
    )
    return organisation


@pytest.fixture
def acme(idp):
    return _organisation_with_provider(idp, ACME, "cxm-acme", "acme.example")


def _signed_in_user(client):
    return client.get("/").wsgi_request.user


def test_first_sign_in_creates_the_person_and_the_membership_with_the_default_role(idp, acme, client):
    authorize_url = start_at_the_app(client, "anna@acme.example")
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(f"{idp.issuer}/authorize/")
    assert query["client_id"] == ["cxm-acme"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["login_hint"] == ["anna@acme.example"]

    back = sign_in_at_the_provider(idp, authorize_url, "anna@acme.example")
    parts = urlsplit(back)
    response = client.get(f"{parts.path}?{parts.query}")

    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@acme.example")
    assert user.username == "anna@acme.example"
    assert _signed_in_user(client) == user
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (acme, Membership.Role.VIEWER)
    assert SocialAccount.objects.get(user=user).provider == f"org-{ACME}"


def test_the_next_sign_in_is_the_same_person_and_keeps_the_role_a_manager_gave(idp, acme, client, client_for):
    assert sign_in(client, idp, "bert@acme.example").status_code == 302
    bert = get_user_model().objects.get(email="bert@acme.example")
    Membership.objects.filter(user=bert).update(role=Membership.Role.MANAGER)
    client.logout()

    assert sign_in(client, idp, "bert@acme.example").status_code == 302

    assert _signed_in_user(client) == bert
    assert get_user_model().objects.filter(email="bert@acme.example").count() == 1
    assert list(Membership.objects.filter(user=bert).values_list("role", flat=True)) == ["manager"]


def test_the_default_role_is_the_organisations_choice(idp, client):
    _organisation_with_provider(idp, ACME, "cxm-acme", "acme.example", role="consultant")
    sign_in(client, idp, "anna@acme.example")
    assert Membership.objects.get(user__email="anna@acme.example").role == Membership.Role.CONSULTANT


def _refused(response, caplog, reason):
    assert response.status_code == 401
    assert not _signed_in_user_of(response).is_authenticated
    assert any(reason in record.getMessage() for record in caplog.records), [r.getMessage() for r in caplog.records]
    assert not get_user_model().objects.filter(is_superuser=False).exists()
    assert not Membership.objects.exists()


def _signed_in_user_of(response):
    return response.wsgi_request.user


def test_an_id_token_from_another_issuer_is_refused(idp, impostor, client, caplog):
    _organisation_with_provider(impostor, IMPOSTOR, "cxm-impostor", "impostor.example")
    caplog.set_level(logging.WARNING, logger="assessments.organisations.sso")
    response = sign_in(client, impostor, "fay@impostor.example")
    _refused(response, caplog, "InvalidIssuerError")


def test_an_expired_id_token_is_refused(idp, client, caplog):
    _organisation_with_provider(idp, EXPIRED, "cxm-expired", "expired.example")
    caplog.set_level(logging.WARNING, logger="assessments.organisations.sso")
    response = sign_in(client, idp, "eva@expired.example")
    _refused(response, caplog, "ExpiredSignatureError")


def test_an_id_token_issued_to_another_client_is_refused(idp, client, caplog):
    _organisation_with_provider(idp, AUDIENCE, "cxm-audience", "audience.example")
    caplog.set_level(logging.WARNING, logger="assessments.organisations.sso")
    response = sign_in(client, idp, "dirk@audience.example")
    _refused(response, caplog, "InvalidAudienceError")


def test_an_address_outside_the_organisations_domains_is_refused(idp, acme, client):
    authorize_url = start_at_the_app(client, "someone@acme.example")
    back = sign_in_at_the_provider(idp, authorize_url, "mallory")  # the provider says ceo@other.example
    parts = urlsplit(back)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 403
    assert "ceo@other.example" in response.content.decode()
    assert not _signed_in_user_of(response).is_authenticated
    assert not get_user_model().objects.filter(email="ceo@other.example").exists()


def test_an_existing_account_is_not_taken_over_unless_the_organisation_allows_it(idp, acme, client):
    local = factories.make_user(email="anna@acme.example")
    response = sign_in(client, idp, "anna@acme.example")
    assert response.status_code == 403
    assert "already is an account" in response.content.decode()
    assert not _signed_in_user_of(response).is_authenticated
    assert not SocialAccount.objects.filter(user=local).exists()
    assert not Membership.objects.filter(user=local).exists()


def test_an_existing_account_is_connected_when_allowed_and_the_address_is_verified(idp, client):
    acme = _organisation_with_provider(idp, ACME, "cxm-acme", "acme.example", connect=True)
    local = factories.make_user(email="anna@acme.example")
    response = sign_in(client, idp, "anna@acme.example")
    assert response.status_code == 302
    assert _signed_in_user(client) == local
    assert SocialAccount.objects.get(user=local).provider == f"org-{ACME}"
    assert Membership.objects.get(user=local).organisation == acme


def test_an_unverified_address_never_connects_an_existing_account(idp, client):
    _organisation_with_provider(idp, ACME, "cxm-acme", "acme.example", connect=True)
    local = factories.make_user(email="unverified@acme.example")
    response = sign_in(client, idp, "unverified@acme.example")
    assert response.status_code == 403
    assert not _signed_in_user_of(response).is_authenticated
    assert not SocialAccount.objects.filter(user=local).exists()
    local.refresh_from_db()
    assert local.has_usable_password()


def test_an_address_without_an_identity_provider_is_sent_back_to_the_password(client, acme):
    response = client.post("/sign-in/organisation/", {"email": "someone@elsewhere.example"})
    assert response.status_code == 400
    assert "Sign in with your password" in response.content.decode()


def test_an_allauth_app_that_no_organisation_owns_signs_nobody_in(idp, acme, client):
    authorize_url = start_at_the_app(client, "anna@acme.example")
    IdentityProvider.objects.all().delete()  # e.g. a row removed by hand: the SocialApp is left over
    back = sign_in_at_the_provider(idp, authorize_url, "anna@acme.example")
    parts = urlsplit(back)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 403
    assert "No organisation here signs in through this identity provider." in response.content.decode()
    assert not get_user_model().objects.filter(email="anna@acme.example").exists()


def test_deleting_the_organisation_deletes_its_identity_provider(acme):
    admin = get_user_model().objects.get(is_superuser=True)
    delete_organisation(organisation=acme, actor=admin)
    assert not IdentityProvider.objects.exists()
    assert not SocialApp.objects.exists()


def test_an_administrators_account_is_never_connected(idp, client):
    _organisation_with_provider(idp, ACME, "cxm-acme", "acme.example", connect=True)
    root = factories.make_user(email="anna@acme.example", is_staff=True)
    response = sign_in(client, idp, "anna@acme.example")
    assert response.status_code == 403
    assert not _signed_in_user_of(response).is_authenticated
    assert not SocialAccount.objects.filter(user=root).exists()
