"""Unguessable tokens for links, stored only as hashes.

A token is 32 random bytes (256 bits) in URL-safe base64. The database keeps
its SHA-256 under a purpose prefix, so a leaked database gives no working link,
and a hash computed for one purpose never matches a row of another.
"""

import hashlib
import re
import secrets
from typing import TypeGuard

TOKEN_BYTES = 32
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str, *, purpose: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def is_well_formed(token: object) -> TypeGuard[str]:
    """Cheap shape check before any database look-up (malformed tokens get a 404)."""
    return isinstance(token, str) and bool(_TOKEN_RE.match(token))
