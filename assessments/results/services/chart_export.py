"""Plotly figures to vector SVG, drawn by kaleido in the system Chromium.

Starting Chromium costs about two seconds; drawing a chart once it runs costs a
tenth of that. A long-running worker therefore keeps one browser warm
(`keep_warm()`, called from the Celery worker signals); every other process
(the web server with inline tasks, the management command) starts one browser
per batch of figures, so a report still starts Chromium only once.

Chromium runs headless, without sandbox (we usually run as root in a
container), without GPU and without network: plotly.js comes from the plotly
package on disk, MathJax is off and every HTTP request goes to a dead proxy.
"""

import asyncio
import logging
import os
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings

logger = logging.getLogger(__name__)

# Chromium measures the chart texts (for margins, label rotation) and WeasyPrint draws them:
# both must use the same font, so Chromium gets the bundled one through its own fontconfig file.
CHART_FONT_FAMILY = "'Source Sans 3', 'DejaVu Sans', Arial, sans-serif"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "source-sans-3"
EXPORT_TIMEOUT_SECONDS = 60
BROWSER_START_TIMEOUT_SECONDS = 60
INSTALL_HINT = "Install it with `apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to the browser."

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
# An unroutable proxy: any http(s) request the page might try fails at once.
_DEAD_PROXY = "http://127.0.0.1:9"


class ChartExportError(RuntimeError):
    """A chart could not be drawn."""


class ChromiumMissingError(ChartExportError):
    """The configured Chromium binary does not exist or is not executable."""


def chromium_path():
    return str(getattr(settings, "CHROMIUM_PATH", "") or "/usr/bin/chromium")


def chromium_problem():
    """A sentence for the administrator when Chromium is unusable, else None."""
    path = chromium_path()
    if not Path(path).is_file():
        return f"Chromium was not found at {path}, so PDF reports cannot draw their charts. {INSTALL_HINT}"
    if not os.access(path, os.X_OK):
        return f"Chromium at {path} is not executable, so PDF reports cannot draw their charts. {INSTALL_HINT}"
    return None


def ensure_chromium():
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


def _fontconfig_file():
    folder = Path(tempfile.gettempdir()) / f"cxm-chart-fonts-{os.getuid()}"
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    content = _FONTCONFIG.format(font_dir=escape(str(FONT_DIR)), cache_dir=escape(str(folder / "cache")))
    if not path.exists() or path.read_text() != content:
        path.write_text(content)
    return str(path)


def _hardened_chromium_class():
    from choreographer.browsers.chromium import Chromium

    class HardenedChromium(Chromium):
        def get_cli(self):
            flags = [*super().get_cli(), *_EXTRA_CHROMIUM_FLAGS]
            if getattr(settings, "CHROMIUM_SINGLE_PROCESS", True):
                flags += _SINGLE_PROCESS_FLAGS
            return flags

        def get_env(self):
            env = super().get_env()
            if FONT_DIR.is_dir():
                env["FONTCONFIG_FILE"] = _fontconfig_file()
            return env

    return HardenedChromium


def _new_kaleido():
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
    )


def _export_spec(*, figure, width, height):
    # A copy: the dashboard may share the figure object, and fonts are a print concern.
    fig = figure.to_dict()
    layout = fig.setdefault("layout", {})
    font = dict(layout.get("font") or {})
    font["family"] = CHART_FONT_FAMILY
    layout["font"] = font
    return {"fig": fig, "opts": {"format": "svg", "width": width, "height": height}}


async def _render_all(kaleido_instance, specs):
    images = []
    for spec in specs:
        images.append(await kaleido_instance.calc_fig(spec["fig"], opts=spec["opts"]))
    return images


async def _oneshot(specs):
    async with _new_kaleido() as k:
        return await _render_all(k, specs)


class _WarmExporter:
    """One Chromium kept open on a private event loop in a daemon thread."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop = None
        self._thread = None
        self._kaleido = None

    @property
    def running(self):
        return self._kaleido is not None

    def start(self):
        with self._lock:
            if self._kaleido is not None:
                return
            ensure_chromium()
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="chart-export", daemon=True)
            thread.start()

            async def open_browser():
                k = _new_kaleido()
                await k.open()
                return k

            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
                    BROWSER_START_TIMEOUT_SECONDS
                )
            except BaseException:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(5)
                raise
            self._loop, self._thread = loop, thread
            logger.info("Chart export: Chromium started and kept warm")

    def stop(self):
        with self._lock:
            if self._kaleido is None:
                return
            kaleido_instance, loop, thread = self._kaleido, self._loop, self._thread
            self._kaleido = self._loop = self._thread = None
        try:
            asyncio.run_coroutine_threadsafe(kaleido_instance.close(), loop).result(15)
        except Exception:
            logger.warning("Chart export: Chromium did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)

    def render(self, specs):
        with self._lock:
            if self._kaleido is None:
                raise ChartExportError("The warm chart exporter is not running.")
            future = asyncio.run_coroutine_threadsafe(_render_all(self._kaleido, specs), self._loop)
        return future.result(EXPORT_TIMEOUT_SECONDS * max(1, len(specs)))


_warm = _WarmExporter()
# On a busy machine Chromium now and then exits right after starting; a second fresh browser draws the
# report instead of failing it (a real breakage still fails, after two tries).
ONESHOT_ATTEMPTS = 2
_keep_warm = False


def keep_warm():
    """Called in long-running workers: the first export starts Chromium and keeps it."""
    global _keep_warm
    _keep_warm = True


def stop_warm():
    global _keep_warm
    _keep_warm = False
    _warm.stop()


def is_warm():
    return _warm.running


def _render_specs(specs):
    ensure_chromium()
    if _keep_warm:
        try:
            _warm.start()
            return _warm.render(specs)
        except ChromiumMissingError:
            raise
        except Exception:
            # A crashed or hung browser: drop it (the next report starts a fresh one)
            # and still deliver this report with a browser of its own.
            logger.warning("Chart export: warm Chromium failed; using a one-off browser", exc_info=True)
            _warm.stop()
    failure: Exception | None = None
    for attempt in range(1, ONESHOT_ATTEMPTS + 1):
        try:
            return _run_in_fresh_loop(_oneshot(specs))
        except ChromiumMissingError:
            raise
        except Exception as exc:
            failure = exc
            logger.warning("Chart export: Chromium failed (attempt %s of %s)", attempt, ONESHOT_ATTEMPTS, exc_info=True)
    assert failure is not None
    raise ChartExportError(
        f"Chromium could not draw the charts ({failure.__class__.__name__}: {failure})."
    ) from failure


def _run_in_fresh_loop(coroutine):
    """asyncio.run in a thread, so it also works where an event loop is already running."""
    result = {}

    def run():
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="chart-export-oneshot")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def figures_to_svg(*, figures):
    """[(figure, width_px, height_px), ...] -> [svg text, ...], all in one browser session."""
    if not figures:
        return []
    specs = [_export_spec(figure=fig, width=width, height=height) for fig, width, height in figures]
    images = _render_specs(specs)
    return [image.decode("utf-8") if isinstance(image, bytes) else image for image in images]


def figure_to_svg(*, figure, width, height):
    return figures_to_svg(figures=[(figure, width, height)])[0]
