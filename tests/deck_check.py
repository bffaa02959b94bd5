"""Look at the slide deck as LibreOffice Impress shows it: `make deck-check` (needs Debian's LibreOffice Impress).

Builds a throwaway SQLite database with the 9+ model and the demo data, renders the demo's closed round as
a deck in Dutch and English (`manage.py render_deck`), converts each with LibreOffice to PDF and the pages to
PNG (`pdftoppm -r 50`) in /tmp/deck-shots/ (or CXM_DECK_SHOTS), and fails when LibreOffice cannot open a deck
or shows a different number of slides than python-pptx wrote. Then look at every PNG. Not part of the test
suite: LibreOffice is a large dependency for CI and a conversion takes seconds (docs in the README).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("CXM_DECK_SHOTS", "/tmp/deck-shots"))  # noqa: S108 (a folder to look at)


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def main():
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit(
            "Needs LibreOffice Impress and poppler: apt-get install libreoffice-impress-nogui poppler-utils"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = tempfile.mkdtemp(prefix="cxm-deck-")
    env = {**os.environ, "DEBUG": "true", "CXM_DATA_DIR": data_dir}
    env.pop("DATABASE_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_maturity_model", "models_9plus/data/nineplus.yaml")
    demo = json.loads(manage(env, "seed_demo", "--json"))
    closed = next(a for a in demo["assessments"] if a["status"] == "closed")
    for language in ("nl", "en"):
        deck = OUT / f"demo-{language}.pptx"
        manage(env, "render_deck", closed["id"], "--language", language, "--output", str(deck))
        slides = len(Presentation(str(deck)).slides)
        profile = Path(data_dir, "lo-profile").as_uri()  # its own profile: never a user's LibreOffice settings
        subprocess.run(  # noqa: S603
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(OUT),
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = deck.with_suffix(".pdf")
        for old in OUT.glob(f"{language}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(OUT / language)], check=True)  # noqa: S603, S607
        pages = len(list(OUT.glob(f"{language}-*.png")))
        if pages != slides:
            raise SystemExit(f"{deck.name}: python-pptx wrote {slides} slides, LibreOffice shows {pages}")
        print(f"{deck}: {slides} slides, pages in {OUT}/{language}-*.png")
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
