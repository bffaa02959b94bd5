"""Sign-up with a confirmed email address, closed installations, and the first organisation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from assessments.organisations.models import Membership, Organisation
from assessments.organisations.services import members
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-fresh-password-71"


def _sign_up(client, email="new.manager@example.org"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _confirmation_link(message):
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_needs_the_confirmation_link_before_anything_else(client):
    response = _sign_up(client)
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="new.manager@example.org")
    assert user.username == "new.manager@example.org"
    assert EmailAddress.objects.get(user=user).verified is False
    assert [m.subject for m in mail.outbox] == ["Confirm your email address for cxmaturity"]
    assert mail.outbox[0].to == ["new.manager@example.org"]
    # Not signed in yet, and signing in does not get past the check either.
    assert client.get("/o/")["Location"].startswith("/accounts/login/")
    signed_in = client.post("/accounts/login/", {"login": "new.manager@example.org", "password": PASSWORD})
    assert signed_in["Location"] == "/accounts/confirm-email/"
    assert client.get("/o/")["Location"].startswith("/accounts/login/")

    link = _confirmation_link(mail.outbox[0])
    assert "Confirm your email address" in client.get(link).content.decode()  # a GET confirms nothing
    assert EmailAddress.objects.get(user=user).verified is False
    confirmed = client.post(link)
    assert EmailAddress.objects.get(user=user).verified is True
    assert confirmed["Location"] == "/"  # signed in at once, on to the home page
    welcome = client.get("/o/").content.decode()
    assert "Welcome to cxmaturity" in welcome
    assert "Set up your organisation" in welcome
    assert "ask your CX manager or consultant for an invitation" not in welcome


def test_a_second_sign_up_with_a_known_address_creates_no_account(client, manager_a):
    response = _sign_up(client, email="MANAGER.A@example.org")
    assert response.status_code in (200, 302)
    assert get_user_model().objects.filter(email__iexact="manager.a@example.org").count() == 1


def test_closed_installation_refuses_sign_up_but_takes_invitations(client, settings, org_a, manager_a):
    settings.CXM_SIGNUP_OPEN = False
    page = client.get("/accounts/signup/").content.decode()
    assert "Sign-up is closed" in page
    assert _sign_up(client).status_code == 200
    assert not get_user_model().objects.filter(email="new.manager@example.org").exists()
    assert "Create an account" not in client.get("/accounts/login/").content.decode()
    # An invitation still creates the account, with its address confirmed by the link.
    _invitation, token = members.invite_member(
        organisation=org_a, actor=manager_a, email="colleague@example.org", role="manager"
    )
    response = client.post(f"/join/{token}/", {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    colleague = get_user_model().objects.get(email="colleague@example.org")
    assert EmailAddress.objects.get(user=colleague).verified is True
    assert Membership.objects.get(user=colleague, organisation=org_a).role == "manager"
    client.post("/accounts/logout/")
    again = client.post("/accounts/login/", {"login": "colleague@example.org", "password": PASSWORD})
    assert again["Location"] == "/"


def test_open_sign_up_is_offered_on_the_sign_in_page(client):
    assert "Create an account" in client.get("/accounts/login/").content.decode()


def test_the_creator_of_her_own_organisation_is_its_cx_manager(client_for):
    newcomer = factories.make_user(email="ann@example.org")
    client = client_for(newcomer)
    form = client.get(reverse("organisation_create")).content.decode()
    assert re.search(r'value="own"[^>]*checked', form)
    assert not re.search(r'value="client"[^>]*checked', form)
    response = client.post(
        reverse("organisation_create"), {"relationship": "own", "name": "Zorg & Co", "default_language": "nl"}
    )
    organisation = Organisation.objects.get(name="Zorg & Co")
    assert response["Location"] == reverse("organisation_detail", kwargs={"org": organisation.public_id})
    assert Membership.objects.get(user=newcomer, organisation=organisation).role == "manager"
    # Now a manager, she creates no second organisation (consultants do, for clients).
    assert client.get(reverse("organisation_create")).status_code == 403


def test_a_newcomer_who_says_she_is_a_consultant_becomes_the_consultant(client_for):
    newcomer = factories.make_user(email="bea@example.org")
    client = client_for(newcomer)
    client.post(
        reverse("organisation_create"), {"relationship": "client", "name": "Client One", "default_language": "en"}
    )
    assert Membership.objects.get(user=newcomer).role == "consultant"
    # As a consultant she may create the next client, and the form proposes "client" this time.
    page = client.get(reverse("organisation_create")).content.decode()
    assert re.search(r'value="client"[^>]*checked', page)
    client.post(
        reverse("organisation_create"), {"relationship": "client", "name": "Client Two", "default_language": "en"}
    )
    assert sorted(Membership.objects.filter(user=newcomer).values_list("role", flat=True)) == [
        "consultant",
        "consultant",
    ]


def test_the_whose_question_is_required(client_for):
    client = client_for(factories.make_user(email="cas@example.org"))
    response = client.post(reverse("organisation_create"), {"name": "Vague", "default_language": "en"})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Vague").exists()


def test_the_creator_role_is_checked_by_the_service():
    from django.core.exceptions import ValidationError

    from assessments.organisations.services.organisations import create_organisation

    with pytest.raises(ValidationError):
        create_organisation(actor=factories.make_user(), name="Viewer Org", role="viewer")


def test_the_first_administrator_of_a_closed_installation(client, settings, monkeypatch):
    from django.core.management import CommandError, call_command

    settings.CXM_SIGNUP_OPEN = False
    monkeypatch.setenv("CXM_ADMIN_PASSWORD", PASSWORD)
    call_command("create_administrator", "Admin@Example.org")
    admin = get_user_model().objects.get(email__iexact="admin@example.org")
    assert admin.is_superuser
    assert admin.is_staff
    assert EmailAddress.objects.get(user=admin).verified is True
    # She signs in at once (no confirmation email needed) and may set up the first organisation.
    response = client.post("/accounts/login/", {"login": "admin@example.org", "password": PASSWORD})
    assert response["Location"] == "/"
    assert mail.outbox == []
    assert "Set up your organisation" in client.get("/o/").content.decode()
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_administrator", "admin@example.org")
    monkeypatch.setenv("CXM_ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError):
        call_command("create_administrator", "second@example.org")
    assert not get_user_model().objects.filter(email="second@example.org").exists()
