"""The Chromium that draws the charts: which binary, its hardened flags, its fonts, the kaleido that drives it.

Chromium runs headless, without sandbox (we usually run as root in a container), without GPU and
without network: plotly.js comes from the plotly package on disk, MathJax is off and every HTTP request
goes to a dead proxy. How long a browser lives is chart_export's concern (ChartExporter).
"""

import os
import tempfile
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings

# Chromium measures the chart texts (for margins, label rotation) and WeasyPrint draws them:
# both must use the same font, so Chromium gets the bundled one through its own fontconfig file.
CHART_FONT_FAMILY = "'Source Sans 3', 'DejaVu Sans', Arial, sans-serif"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "source-sans-3"
EXPORT_TIMEOUT_SECONDS = 60
BROWSER_START_TIMEOUT_SECONDS = 60
INSTALL_HINT = (
    "Install it with `apt-get install chromium-headless-shell` (Debian/Ubuntu) or set CHROMIUM_PATH to the browser."
)

_EXTRA_CHROMIUM_FLAGS = [
    "--disable-background-networking",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-pings",
    "--proxy-bypass-list=<-loopback>",
]
# Chromium's usual process split (browser, GPU, zygotes, utilities, one renderer per tab) costs about
# 350 MB for what is one page drawing our own plotly.js offline. In one process it needs about 250 MB
# (measured with PSS), which keeps a report render under its 400 MB budget. Chromium calls
# --single-process unsupported: if it ever crashes, _render_specs drops the warm browser and draws the
# report with a fresh one. CHROMIUM_SINGLE_PROCESS = False in the settings restores the usual split.
_SINGLE_PROCESS_FLAGS = ["--single-process", "--no-zygote"]
# V8's lite mode (no optimising compiler, lazily allocated feedback, bytecode flushing) keeps the page's
# heap of plotly.js small: measured about a third less PSS while drawing, for a few charts per report.
_JS_FLAGS = "--js-flags=--lite-mode"
# An unroutable proxy: any http(s) request the page might try fails at once.
_DEAD_PROXY = "http://127.0.0.1:9"


class ChartExportError(RuntimeError):
    """A chart could not be drawn."""


class ChromiumMissingError(ChartExportError):
    """The configured Chromium binary does not exist or is not executable."""


# Debian's chromium-headless-shell first: the headless-only build maps about 130 MB less code than the full
# browser, which it otherwise equals here (same engine and version). Any Chromium works (CHROMIUM_PATH).
DEFAULT_BROWSERS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
# The dashboard's partial plotly.js bundle (the trace types the app draws, 1.2 MB instead of 4.8 MB):
# kaleido parses it again for every chart, and the smaller script leaves a smaller page heap.
PLOTLY_JS = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly" / "plotly.min.js"


def chromium_path() -> str:
    configured = str(getattr(settings, "CHROMIUM_PATH", "") or "")
    if configured:
        return configured
    return next((path for path in DEFAULT_BROWSERS if Path(path).is_file()), DEFAULT_BROWSERS[-1])


def chromium_problem() -> str | None:
    """A sentence for the administrator when Chromium is unusable, else None."""
    path = chromium_path()
    if not Path(path).is_file():
        return f"Chromium was not found at {path}, so PDF reports cannot draw their charts. {INSTALL_HINT}"
    if not os.access(path, os.X_OK):
        return f"Chromium at {path} is not executable, so PDF reports cannot draw their charts. {INSTALL_HINT}"
    return None


def ensure_chromium() -> None:
    problem = chromium_problem()
    if problem:
        raise ChromiumMissingError(problem)


_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{font_dir}</dir>
  <cachedir>{cache_dir}</cachedir>
  <!-- The web font files carry odd internal names ("Source Sans 3 ExtraLight"); give them the CSS name. -->
  <match target="scan">
    <test name="family" compare="contains"><string>Source Sans 3</string></test>
    <edit name="family" mode="assign" binding="same"><string>Source Sans 3</string></edit>
  </match>
</fontconfig>
"""


def _fontconfig_file() -> str:
    folder = Path(tempfile.gettempdir()) / f"cxm-chart-fonts-{os.getuid()}"
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    content = _FONTCONFIG.format(font_dir=escape(str(FONT_DIR)), cache_dir=escape(str(folder / "cache")))
    if not path.exists() or path.read_text() != content:
        path.write_text(content)
    return str(path)


def _hardened_chromium_class() -> Any:
    from choreographer.browsers.chromium import Chromium

    class HardenedChromium(Chromium):
        def get_cli(self) -> list[str]:
            flags: list[str] = [*super().get_cli(), *_EXTRA_CHROMIUM_FLAGS, _JS_FLAGS]
            if getattr(settings, "CHROMIUM_SINGLE_PROCESS", True):
                flags += _SINGLE_PROCESS_FLAGS
            return flags

        def get_env(self) -> MutableMapping[str, str]:
            env: MutableMapping[str, str] = super().get_env()
            if FONT_DIR.is_dir():
                env["FONTCONFIG_FILE"] = _fontconfig_file()
            return env

    return HardenedChromium


def _new_kaleido() -> Any:
    import kaleido

    return kaleido.Kaleido(
        path=chromium_path(),
        browser_cls=_hardened_chromium_class(),
        mathjax=False,
        headless=True,
        enable_gpu=False,
        enable_sandbox=False,
        proxy_server=_DEAD_PROXY,
        timeout=EXPORT_TIMEOUT_SECONDS,
        # Without the bundle (a trimmed deployment) kaleido uses the full plotly.js of the plotly package.
        plotlyjs=PLOTLY_JS.as_uri() if PLOTLY_JS.is_file() else None,
    )
