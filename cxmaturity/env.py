"""Typed readers for environment variables.

Every reader raises ImproperlyConfigured with the variable's name, so that a
typo in a deployment stops start-up with a message instead of a silent default.
"""

import os
from collections.abc import Iterable
from pathlib import Path

import dj_database_url
from dj_database_url import DBConfig
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{name}={value} is out of range ({minimum}..{maximum}).")
    return value


def env_list(name: str, default: Iterable[str] = ()) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default_sqlite_path: str | Path) -> DBConfig:
    """DATABASE_URL when set (PostgreSQL or SQLite), else the embedded SQLite file."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return sqlite_database(default_sqlite_path)
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from None
    engine: str = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return sqlite_database(config["NAME"])
    if not engine.endswith("postgresql"):
        raise ImproperlyConfigured(f"{name} must be a postgres:// or sqlite:// URL, not {engine!r}.")
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database.")
    return config


def sqlite_database(path: str | Path) -> DBConfig:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait
        # for busy_timeout instead of failing with "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def forwarded_allow_ips() -> list[str]:
    """The proxy addresses allowed to set X-Forwarded-Proto, for gunicorn and the app alike.

    Nobody when the app is not behind a proxy (BEHIND_PROXY false and TRUSTED_PROXY_COUNT 0): then not even
    a process on the same machine can make a plain-HTTP request look like HTTPS. Behind one, the proxy's
    addresses from TRUSTED_PROXY_IPS (default: loopback, a proxy on the same machine).
    """
    if not env_bool("BEHIND_PROXY", False) and env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5) == 0:
        return []
    return env_list("TRUSTED_PROXY_IPS", ["127.0.0.1", "::1"])
