"""Sign in with email, sign out (POST), change and reset the password by email."""

import re

from django.core import mail

from tests import factories

NEW = "another-long-password-93"


def test_sign_in_with_email_in_any_case(manager_a, client):
    page = client.get("/accounts/login/").content.decode()
    assert "Email address" in page
    response = client.post(
        "/accounts/login/", {"login": "Manager.A@Example.org", "password": factories.DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/o/").status_code == 200


def test_wrong_password_gives_a_clear_message(manager_a, client):
    response = client.post("/accounts/login/", {"login": "manager.a@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_sign_out_is_a_post(manager_a, client_for):
    client = client_for(manager_a)
    # A GET only asks for confirmation (a link or an image cannot sign anyone out).
    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert client.get("/o/").status_code == 200
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"
    assert client.get("/o/").status_code == 302


def test_password_change(manager_a, client_for):
    client = client_for(manager_a)
    assert client.get("/accounts/password/change/").status_code == 200
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": factories.DEFAULT_PASSWORD, "password1": NEW, "password2": NEW},
    )
    assert response["Location"] == "/accounts/password/change/"
    manager_a.refresh_from_db()
    assert manager_a.check_password(NEW)


def test_password_reset_by_email(manager_a, client):
    response = client.post("/accounts/password/reset/", {"email": "manager.a@example.org"})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Choose a new password for cxmaturity"
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # allauth swaps the key for a session marker
    response = client.post(form_url, {"password1": NEW, "password2": NEW})
    assert response["Location"] == "/accounts/password/reset/key/done/"
    manager_a.refresh_from_db()
    assert manager_a.check_password(NEW)
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_email_sends_nothing_and_looks_the_same(db, client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mail.outbox == []
