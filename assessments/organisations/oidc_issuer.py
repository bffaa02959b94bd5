"""Checks of an identity provider's issuer URL before it is saved: its form, then its discovery document.

The discovery document must name exactly the issuer that was entered (OpenID Connect Discovery 1.0, 4.3):
sign-in later pins that issuer, so a typo here would refuse every sign-in.
"""

import ipaddress
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DISCOVERY_PATH = "/.well-known/openid-configuration"
_TIMEOUT_SECONDS = 5
_REQUIRED_KEYS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_issuer(url: str) -> str:
    """The issuer without a trailing slash; https only (plain http only on loopback, when the setting allows)."""
    issuer = url.strip().removesuffix(DISCOVERY_PATH).rstrip("/")
    parts = urlsplit(issuer)
    host = parts.hostname or ""
    if parts.query or parts.fragment or not host or parts.username or parts.password:
        raise ValidationError(
            _("Enter the issuer URL as your identity provider shows it, e.g. https://login.example.nl.")
        )
    allow_loopback = bool(getattr(settings, "OIDC_ALLOW_LOOPBACK_ISSUERS", False))
    if _is_loopback(host) and not allow_loopback:
        raise ValidationError(_("The issuer must be on another server than this one."))
    if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(host)):
        raise ValidationError(_("The issuer URL must start with https://."))
    return issuer


def check_discovery(issuer: str) -> None:
    """Reads the provider's discovery document; ValidationError with a message that says what to fix."""
    url = issuer + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=_TIMEOUT_SECONDS, allow_redirects=False)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise ValidationError(
            _("Could not read the provider's discovery document at %(url)s. Check the issuer URL.") % {"url": url}
        )
    if not isinstance(document, dict) or any(not isinstance(document.get(key), str) for key in _REQUIRED_KEYS):
        raise ValidationError(_("%(url)s is not an OpenID Connect discovery document.") % {"url": url})
    named = document.get("issuer")
    if named != issuer:
        raise ValidationError(
            _("The provider calls itself “%(named)s”: enter exactly that as the issuer URL.") % {"named": named}
        )
