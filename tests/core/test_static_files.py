"""Production serves static files collected with hashed names, compressed ahead, cached for good."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cxmaturity.settings",
    "DEBUG": "false",
    "SECRET_KEY": "s" * 60 + "-static-test",
    "ALLOWED_HOSTS": "cx.example.org",
}
# Asks the production app (WhiteNoise in front of it) for the hashed plotly.js, as a browser would.
FETCH = """
import json
import django
django.setup()
from django.conf import settings
from django.templatetags.static import static
from django.test import Client
url = static("vendor/plotly/plotly.min.js")
answer = Client().get(url, secure=True, HTTP_HOST="cx.example.org", HTTP_ACCEPT_ENCODING="gzip, br")
print(json.dumps({
    "url": url,
    "status": answer.status_code,
    "cache": answer.headers.get("Cache-Control"),
    "encoding": answer.headers.get("Content-Encoding"),
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def _run(args, static_root, tmp_path):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "SECRET_KEY", "ALLOWED_"))}
    env = {**keep, **PRODUCTION, "STATIC_ROOT": str(static_root), "CXM_DATA_DIR": str(tmp_path)}
    env.pop("CXM_MANIFEST_STATIC", None)
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=240, check=True
    )


def test_production_serves_hashed_compressed_static_files_cached_for_good(tmp_path):
    static_root = tmp_path / "static"
    _run(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], static_root, tmp_path)
    served = json.loads(_run(["-c", FETCH], static_root, tmp_path).stdout)

    assert served["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert served["url"].startswith("/static/vendor/plotly/plotly.min.")
    assert served["url"] != "/static/vendor/plotly/plotly.min.js"  # the name carries the content's hash
    assert served["status"] == 200
    assert served["cache"] == "max-age=315360000, public, immutable"
    assert served["encoding"] == "br"
    hashed = static_root / served["url"].removeprefix("/static/")
    assert {p.name for p in hashed.parent.glob(hashed.name + "*")} == {
        hashed.name,
        hashed.name + ".gz",
        hashed.name + ".br",
    }


def test_development_and_tests_serve_static_files_without_collectstatic(settings):
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert settings.WHITENOISE_USE_FINDERS is True
