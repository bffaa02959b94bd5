"""The client's network, for spotting many submissions from one place without keeping addresses.

The client's address itself comes from `client_ip` (REMOTE_ADDR, or the trusted proxy's X-Forwarded-For
entry), the one place rate limits, the sign-in lockout and the open-link guard all use.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def network_prefix(address: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address: one office, one home, one mobile cell."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def network_hash(address: str, *, scope: str | int) -> str:
    """A salted hash of the address's network, different per `scope`, so hashes of one assessment
    cannot be matched to another's, and no table of all networks turns them back into addresses
    without the secret key."""
    prefix = network_prefix(address)
    if not prefix:
        return ""
    key = hashlib.sha256(f"cxm.network:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{scope}:{prefix}".encode(), hashlib.sha256).hexdigest()
