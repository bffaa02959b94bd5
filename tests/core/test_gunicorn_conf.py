"""Issue 25 item 8: gunicorn trusts X-Forwarded-Proto only from the proxies the app's settings name."""

import importlib

import pytest
from gunicorn.config import Config
from gunicorn.http.parser import RequestParser


def _gunicorn_config(monkeypatch, **environ):
    for name in ("BEHIND_PROXY", "TRUSTED_PROXY_COUNT", "TRUSTED_PROXY_IPS", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    module = importlib.reload(importlib.import_module("cxmaturity.gunicorn_conf"))
    config = Config()
    # What gunicorn's -c python:module does: every module-level setting it knows is set.
    for name in dir(module):
        if name in config.settings:
            config.set(name, getattr(module, name))
    return config


@pytest.mark.parametrize(
    ("environ", "trusted"),
    [
        ({}, []),
        ({"FORWARDED_ALLOW_IPS": "127.0.0.1"}, []),
        ({"BEHIND_PROXY": "true"}, ["127.0.0.1", "::1"]),
        ({"TRUSTED_PROXY_COUNT": "1"}, ["127.0.0.1", "::1"]),
        ({"BEHIND_PROXY": "true", "TRUSTED_PROXY_IPS": "10.0.0.5, 10.0.1.0/24"}, ["10.0.0.5", "10.0.1.0/24"]),
        ({"TRUSTED_PROXY_IPS": "10.0.0.5"}, []),
    ],
)
def test_forwarded_allow_ips_follow_the_apps_proxy_settings(monkeypatch, environ, trusted):
    assert _gunicorn_config(monkeypatch, **environ).forwarded_allow_ips == trusted


def _scheme_seen(config) -> str:
    """The scheme gunicorn gives the app for a request from loopback that claims HTTPS."""
    raw = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n\r\n"
    request = next(iter(RequestParser(config, [raw], ("127.0.0.1", 5000))))
    return str(request.scheme)


def test_without_a_proxy_loopback_cannot_claim_https(monkeypatch):
    assert _scheme_seen(_gunicorn_config(monkeypatch)) == "http"
    # Behind a proxy on the same machine, the proxy's word is taken.
    assert _scheme_seen(_gunicorn_config(monkeypatch, BEHIND_PROXY="true")) == "https"
