"""Driving a sign-in through the tests' OpenID Connect provider: the app through Django's test client, the
provider over HTTP on loopback, as a browser would (the provider never needs to reach the test server)."""

import html
import re
import uuid
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from tests.oidc_provider.fixtures import Provider

PASSWORD = "provider-password-1"


def callback_uri(organisation_id: uuid.UUID) -> str:
    return f"http://testserver/accounts/oidc/org-{organisation_id}/login/callback/"


def person(username: str, *, verified: bool = True, email: str | None = None) -> dict:
    return {
        "username": username,
        "password": PASSWORD,
        "claims": {"email": email or username, "email_verified": verified, "name": username.split("@")[0].title()},
    }


def client_spec(client_id: str, organisation_id: uuid.UUID, **quirks: object) -> dict:
    return {
        "client_id": client_id,
        "client_secret": f"secret-of-{client_id}",
        "redirect_uris": callback_uri(organisation_id),
        "quirks": quirks,
    }


def start_at_the_app(client, email: str):
    """ "Sign in with your organisation": the app answers with a redirect to the provider's authorization URL."""
    response = client.post("/sign-in/organisation/", {"email": email})
    assert response.status_code == 200, response.content.decode()[:2000]
    # A page that moves on (our CSP forbids answering a form with a redirect to another site).
    page = response.content.decode()
    refresh = html.unescape(re.search(r'<meta http-equiv="refresh" content="0;url=([^"]+)">', page).group(1))
    link = html.unescape(re.search(r'href="([^"]+)" id="continue"', page).group(1))
    assert refresh == link
    return link


def sign_in_at_the_provider(provider: Provider, authorize_url: str, username: str) -> str:
    """Signs in at the provider's own sign-in page; returns where the provider sends the browser back to."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text[:2000]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_url = html.unescape(re.search(r'name="next" value="([^"]*)"', page.text).group(1))
    signed_in = browser.post(
        page.url,
        data={"csrfmiddlewaretoken": csrf, "username": username, "password": PASSWORD, "next": next_url},
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text[:2000]
    authorized = browser.get(
        urljoin(provider.base_url, signed_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert authorized.status_code == 302, authorized.text[:2000]
    return authorized.headers["Location"]


def sign_in(client, provider: Provider, email: str, *, username: str | None = None):
    """The whole round: app → provider → the app's callback. Returns the app's answer to the callback."""
    authorize_url = start_at_the_app(client, email)
    back = sign_in_at_the_provider(provider, authorize_url, username or email)
    parts = urlsplit(back)
    assert parts.netloc == "testserver"
    assert "code" in parse_qs(parts.query)
    return client.get(f"{parts.path}?{parts.query}")
