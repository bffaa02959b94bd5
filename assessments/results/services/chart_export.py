"""Plotly figures to vector SVG, drawn by kaleido in the system Chromium.

Starting Chromium costs about two seconds; drawing a chart once it runs costs a
tenth of that, but the browser holds 200-400 MB while it runs. A long-running worker
(`keep_warm()`, called from the Celery worker signals) keeps one browser for
CXM_CHART_BROWSER_IDLE_SECONDS after its last drawing, then closes it; the default 0 closes
it as soon as a report's charts are drawn, so it never sits beside WeasyPrint's layout. The
report caches the drawn SVGs per data version (`chart_cache`), so only a report of changed
data needs a browser at all. Every other process (the web server with inline tasks, the
management command) starts one browser per batch of figures, so a report still starts
Chromium only once.

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


def chromium_path():
    configured = str(getattr(settings, "CHROMIUM_PATH", "") or "")
    if configured:
        return configured
    return next((path for path in DEFAULT_BROWSERS if Path(path).is_file()), DEFAULT_BROWSERS[-1])


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
            flags = [*super().get_cli(), *_EXTRA_CHROMIUM_FLAGS, _JS_FLAGS]
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
        # Without the bundle (a trimmed deployment) kaleido uses the full plotly.js of the plotly package.
        plotlyjs=PLOTLY_JS.as_uri() if PLOTLY_JS.is_file() else None,
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


def idle_seconds():
    """How long a kept-warm Chromium stays open after its last drawing (0: closed right after it)."""
    return max(0.0, float(getattr(settings, "CXM_CHART_BROWSER_IDLE_SECONDS", 0) or 0))


class _WarmExporter:
    """One Chromium kept open on a private event loop in a daemon thread, closed when idle.

    Each drawing bumps `_generation`; the idle timer of an older generation finds it changed and leaves
    the browser alone. `timer_factory` is threading.Timer; tests hand in a fake they fire themselves.
    """

    def __init__(self, timer_factory=threading.Timer):
        self._lock = threading.Lock()
        self._loop = None
        self._thread = None
        self._kaleido = None
        self._timer_factory = timer_factory
        self._idle_timer = None
        self._generation = 0
        self._busy = 0

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

    def stop(self, *, generation=None):
        """Closes the browser; with `generation`, only if nothing was drawn or is drawing since then."""
        with self._lock:
            if self._kaleido is None:
                return
            if generation is not None and (generation != self._generation or self._busy):
                return
            self._cancel_idle_timer()
            kaleido_instance, loop, thread = self._kaleido, self._loop, self._thread
            self._kaleido = self._loop = self._thread = None
        try:
            asyncio.run_coroutine_threadsafe(kaleido_instance.close(), loop).result(15)
        except Exception:
            logger.warning("Chart export: Chromium did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        if generation is not None:
            logger.info("Chart export: Chromium closed after being idle")

    def _cancel_idle_timer(self):
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def render(self, specs):
        with self._lock:
            if self._kaleido is None:
                raise ChartExportError("The warm chart exporter is not running.")
            self._cancel_idle_timer()
            self._generation += 1
            self._busy += 1
            future = asyncio.run_coroutine_threadsafe(_render_all(self._kaleido, specs), self._loop)
        try:
            return future.result(EXPORT_TIMEOUT_SECONDS * max(1, len(specs)))
        finally:
            with self._lock:
                self._busy -= 1
            self._after_drawing()

    def _after_drawing(self):
        seconds = idle_seconds()
        with self._lock:
            generation = self._generation
        if not seconds:
            # Closed here, in the report's own thread: the browser is gone before the layout starts.
            self.stop(generation=generation)
            return
        timer = self._timer_factory(seconds, self.stop, kwargs={"generation": generation})
        timer.daemon = True
        with self._lock:
            if self._kaleido is None or generation != self._generation:
                return
            self._cancel_idle_timer()
            self._idle_timer = timer
        timer.start()


_warm = _WarmExporter()
# On a busy machine Chromium now and then exits right after starting; a second fresh browser draws the
# report instead of failing it (a real breakage still fails, after two tries).
ONESHOT_ATTEMPTS = 2
_keep_warm = False


def keep_warm():
    """Called in long-running workers: an export starts Chromium and keeps it CXM_CHART_BROWSER_IDLE_SECONDS."""
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
