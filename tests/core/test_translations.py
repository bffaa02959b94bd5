"""The Dutch translation is complete and compiled, and pages really switch language."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext (msgfmt) is not installed")


@needs_msgfmt
def test_every_message_has_a_dutch_translation():
    stats = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in stats
    assert "fuzzy" not in stats
    assert "translated message" in stats


@needs_msgfmt
def test_the_compiled_catalogue_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == MO.read_bytes(), "run `make messages` to recompile django.mo"


@pytest.mark.django_db
def test_sign_in_page_in_dutch_and_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get("/accounts/login/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/accounts/login/").content.decode()
    assert "Inloggen" in dutch
    assert "Sign in" in english
    assert "Sign in" not in dutch
