"""Environment-driven settings: bad values stop start-up naming the variable; production passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cxmaturity import env

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET = "k3y-" + "Zq9xV2mN7pL4wR8tY1uB6cE0aS5dF3gH" * 2  # 68 characters, not the dev key


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("On", True), ("false", False), ("0", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)

    assert env.env_bool("DEBUG") is expected


def test_env_bool_rejects_maybe_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured) as caught:
        env.env_bool("DEBUG")

    assert str(caught.value) == "DEBUG='maybe' is not a boolean; use true or false."


def test_env_int_rejects_text_and_out_of_range(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "smtp")
    with pytest.raises(ImproperlyConfigured) as text:
        env.env_int("EMAIL_PORT", 587)
    monkeypatch.setenv("EMAIL_PORT", "70000")
    with pytest.raises(ImproperlyConfigured) as range_:
        env.env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)

    assert str(text.value) == "EMAIL_PORT='smtp' is not a whole number."
    assert str(range_.value) == "EMAIL_PORT=70000 is out of range (1..65535)."


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " cx.example.org, ,www.example.org ")

    assert env.env_list("ALLOWED_HOSTS") == ["cx.example.org", "www.example.org"]


@pytest.mark.parametrize(
    "url",
    ["postgres://user:pw@db:notaport/cx", "nonsense", "mysql://user@db/cx", "postgres://user@db"],
    ids=["bad-port", "no-scheme", "unsupported-engine", "no-database-name"],
)
def test_malformed_database_url_names_the_variable(monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ImproperlyConfigured) as caught:
        env.env_database("DATABASE_URL", tmp_path / "db.sqlite3")

    assert str(caught.value).startswith("DATABASE_URL ")


def test_postgres_url_uses_psycopg2(monkeypatch, tmp_path):
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    monkeypatch.setenv("DATABASE_URL", "postgres://cx:secret@db.internal:5433/cxmaturity")

    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["HOST"], config["PORT"]) == ("cxmaturity", "cx", "db.internal", 5433)
    assert config["CONN_HEALTH_CHECKS"] is True
    assert is_psycopg3 is False  # Django's postgresql backend runs on psycopg2 here


def test_sqlite_default_waits_instead_of_failing_when_locked(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    config = env.env_database("DATABASE_URL", tmp_path / "cx.sqlite3")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "cx.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == 20
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_sqlite_url_gets_the_same_options(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/other.sqlite3")

    config = env.env_database("DATABASE_URL", tmp_path / "cx.sqlite3")

    assert config["NAME"] == f"{tmp_path}/other.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def _run(args, extra_env, tmp_path):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CXM_DATA_DIR": str(tmp_path), **extra_env}
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def test_importing_settings_with_debug_maybe_fails_naming_debug(tmp_path):
    completed = _run(["-c", "import cxmaturity.settings"], {"DEBUG": "maybe"}, tmp_path)

    assert completed.returncode == 1
    assert "ImproperlyConfigured: DEBUG='maybe' is not a boolean; use true or false." in completed.stderr


def test_malformed_database_url_stops_manage_py(tmp_path):
    completed = _run(["manage.py", "check"], {"DEBUG": "true", "DATABASE_URL": "postgres://x@db:port/cx"}, tmp_path)

    assert completed.returncode == 1
    assert "ImproperlyConfigured: DATABASE_URL is malformed" in completed.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    production = {"DEBUG": "false", "SECRET_KEY": PRODUCTION_SECRET, "ALLOWED_HOSTS": "cx.example.org"}

    completed = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production, tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_production_refuses_a_short_secret_key(tmp_path):
    production = {"DEBUG": "false", "SECRET_KEY": "short", "ALLOWED_HOSTS": "cx.example.org"}

    completed = _run(["manage.py", "check"], production, tmp_path)

    assert completed.returncode == 1
    assert "SECRET_KEY must be a random string of at least 50 characters in production." in completed.stderr


def test_tests_use_a_local_memory_cache_even_with_redis_configured(settings):
    # REDIS_URL may be exported in a developer's shell; tests must never share that cache.
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
