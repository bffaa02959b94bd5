"""Security headers on every page, no inline script anywhere, and production-only settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from assessments.core.tokens import hash_token, new_token
from assessments.questionnaire.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def inline_scripts(html):
    """Script tags that carry code in the page itself (json_script data blocks are fine)."""
    found = []
    for match in _SCRIPT_TAG.finditer(html):
        attrs = match.group(1)
        if re.search(r"\bsrc\s*=", attrs) or re.search(r"type\s*=\s*[\"']application/json[\"']", attrs):
            continue
        found.append(match.group(0))
    return found


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith(("admin/", "i18n/")):
                continue
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


@pytest.fixture
def page_world(org_a, manager_a, model_version):
    team = factories.make_team(organisation=org_a, name="Support")
    role = factories.make_role(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    return {
        "org": org_a.public_id,
        "team": team.public_id,
        "role": role.public_id,
        "assessment": assessment.public_id,
        "member": manager_a.memberships.get().public_id,
        "pk": org_a.public_id,
        "step": 1,
    }


def reachable_pages(values):
    """Every GET-able route whose parameters we can fill in with real objects."""
    pages = []
    for route, _ in _walk(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route:
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(name not in values for name in names):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
        pages.append("/" + path.lstrip("/"))
    return sorted(set(pages))


def test_csp_allows_only_own_scripts(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_frame_denial_referrer_and_nosniff(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_inline_script_detector():
    assert inline_scripts('<script src="/static/js/a.js"></script>') == []
    assert inline_scripts('<script id="d" type="application/json">{}</script>') == []
    assert inline_scripts("<script>alert(1)</script>") == ["<script>"]
    assert inline_scripts('<SCRIPT type="text/javascript">x()</SCRIPT>') == ['<SCRIPT type="text/javascript">']


def test_no_page_has_inline_script(manager_a, page_world):
    # Other test suites own each page's behaviour; here a broken page is skipped, not reported twice.
    client = Client(raise_request_exception=False)
    client.force_login(manager_a)
    pages = reachable_pages(page_world)
    assert "/accounts/login/" in pages
    assert f"/o/{page_world['org']}/" in pages
    checked = []
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert inline_scripts(html) == [], path
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        checked.append(path)
    assert len(checked) >= 3, checked


def test_anonymous_pages_have_no_inline_script(client, page_world):
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/model/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert inline_scripts(response.content.decode()) == [], path


def _production_settings(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "HTTPS", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cxmaturity.settings",
            "DEBUG": "false",
            "SECRET_KEY": "p" * 60 + "-prod-test",
            "ALLOWED_HOSTS": "cx.example.org",
            **extra,
        }
    )
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', 'DEBUG']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_are_strict():
    values = _production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_production_refuses_a_weak_secret_key():
    with pytest.raises(subprocess.CalledProcessError) as error:
        _production_settings(SECRET_KEY="short")
    assert "SECRET_KEY must be a random string" in error.value.stderr


def test_respondent_pages_have_no_inline_script(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Support")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    token = new_token()
    Invitation.objects.create(
        assessment=assessment, team=team, email="", token_hash=hash_token(token, purpose="invitation")
    )
    client = Client()
    pages = []
    response = client.get(f"/r/{token}/", follow=True)
    pages.append(response)
    pages.append(client.post("/r/start/", follow=True))
    pages.append(client.get("/r/step/2/"))
    pages.append(client.get("/r/review/"))
    pages.append(client.post("/r/submit/", follow=True))
    pages.append(client.get("/r/nonsense-token-that-does-not-exist/"))
    for response in pages:
        assert "text/html" in response["Content-Type"]
        assert inline_scripts(response.content.decode()) == [], response.request["PATH_INFO"]
        assert "script-src 'self'" in response["Content-Security-Policy"]
    # Submitting with nothing answered shows the review page again with its message (400).
    assert [r.status_code for r in pages] == [200, 200, 200, 200, 400, 404]
