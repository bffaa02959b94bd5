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

Which Chromium and how it is hardened (no network, sandbox or GPU; the report's font) lives in
`chart_browser`; this module owns when a browser starts and stops (`ChartExporter`).
"""

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from django.conf import settings

from assessments.results.services.chart_browser import (  # noqa: F401 (re-exported: callers and tests use them here)
    BROWSER_START_TIMEOUT_SECONDS,
    CHART_FONT_FAMILY,
    EXPORT_TIMEOUT_SECONDS,
    PLOTLY_JS,
    ChartExportError,
    ChromiumMissingError,
    _hardened_chromium_class,
    _new_kaleido,
    chromium_path,
    chromium_problem,
    ensure_chromium,
)

logger = logging.getLogger(__name__)


class Browser(Protocol):
    """What the exporter needs of a kaleido.Kaleido (tests hand in a fake)."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def calc_fig(self, fig: dict[str, Any], opts: dict[str, Any]) -> bytes | str: ...

    async def __aenter__(self) -> "Browser": ...

    async def __aexit__(self, *exc_info: object) -> Any: ...


Spec = dict[str, Any]
Image = bytes | str


class Timer(Protocol):
    daemon: bool

    def start(self) -> None: ...

    def cancel(self) -> None: ...


TimerFactory = Callable[..., Timer]


def _export_spec(*, figure: Any, width: int, height: int) -> Spec:
    # A copy: the dashboard may share the figure object, and fonts are a print concern.
    fig = figure.to_dict()
    layout = fig.setdefault("layout", {})
    font = dict(layout.get("font") or {})
    font["family"] = CHART_FONT_FAMILY
    layout["font"] = font
    return {"fig": fig, "opts": {"format": "svg", "width": width, "height": height}}


def _default_browser() -> Browser:
    browser: Browser = _new_kaleido()  # looked up at each call, so a test may replace the module's factory
    return browser


async def _render_all(browser: Browser, specs: list[Spec]) -> list[Image]:
    return [await browser.calc_fig(spec["fig"], opts=spec["opts"]) for spec in specs]


def idle_seconds() -> float:
    """How long a kept-warm Chromium stays open after its last drawing (0: closed right after it)."""
    return max(0.0, float(getattr(settings, "CXM_CHART_BROWSER_IDLE_SECONDS", 0) or 0))


class WarmBrowser:
    """One Chromium kept open on a private event loop in a daemon thread, closed when idle.

    Lifetime: `start()` opens the browser (and its loop and thread); `stop()` closes all three. After a
    drawing the browser stays CXM_CHART_BROWSER_IDLE_SECONDS, then an idle timer stops it. Each drawing
    bumps `_generation`; the idle timer of an older generation finds it changed and leaves the browser
    alone. `timer_factory` is threading.Timer; tests hand in a fake they fire themselves.
    """

    def __init__(
        self, *, timer_factory: TimerFactory = threading.Timer, new_browser: Callable[[], Browser] = _default_browser
    ) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._browser: Browser | None = None
        self._timer_factory = timer_factory
        self._new_browser = new_browser
        self._idle_timer: Timer | None = None
        self._generation = 0
        self._busy = 0

    @property
    def running(self) -> bool:
        return self._browser is not None

    def start(self) -> None:
        with self._lock:
            if self._browser is not None:
                return
            ensure_chromium()
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="chart-export", daemon=True)
            thread.start()

            async def open_browser() -> Browser:
                browser = self._new_browser()
                await browser.open()
                return browser

            try:
                opening = asyncio.run_coroutine_threadsafe(open_browser(), loop)
                self._browser = opening.result(BROWSER_START_TIMEOUT_SECONDS)
            except BaseException:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(5)
                raise
            self._loop, self._thread = loop, thread
            logger.info("Chart export: Chromium started and kept warm")

    def stop(self, *, generation: int | None = None) -> None:
        """Closes the browser; with `generation`, only if nothing was drawn or is drawing since then."""
        with self._lock:
            browser, loop, thread = self._browser, self._loop, self._thread
            if browser is None or loop is None or thread is None:
                return
            if generation is not None and (generation != self._generation or self._busy):
                return
            self._cancel_idle_timer()
            self._browser = self._loop = self._thread = None
        try:
            asyncio.run_coroutine_threadsafe(browser.close(), loop).result(15)
        except Exception:
            logger.warning("Chart export: Chromium did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        if generation is not None:
            logger.info("Chart export: Chromium closed after being idle")

    def _cancel_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def render(self, specs: list[Spec]) -> list[Image]:
        with self._lock:
            if self._browser is None or self._loop is None:
                raise ChartExportError("The warm chart exporter is not running.")
            self._cancel_idle_timer()
            self._generation += 1
            self._busy += 1
            future = asyncio.run_coroutine_threadsafe(_render_all(self._browser, specs), self._loop)
        try:
            return future.result(EXPORT_TIMEOUT_SECONDS * max(1, len(specs)))
        finally:
            with self._lock:
                self._busy -= 1
            self._after_drawing()

    def _after_drawing(self) -> None:
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
            if self._browser is None or generation != self._generation:
                return
            self._cancel_idle_timer()
            self._idle_timer = timer
        timer.start()


class ChartExporter:
    """The process's chart drawing: a warm browser in long-running workers, else one browser per batch.

    Lifetime: one per process (`exporter` below). A Celery worker calls `keep_warm()` when it starts and
    `stop()` when it shuts down (assessments.results.tasks); between the two, drawings share the warm
    browser, which itself closes when idle. Without `keep_warm()` (web server, management commands)
    every batch of figures starts and closes its own browser. A warm browser that fails is dropped and the
    batch is drawn by a fresh one; on a busy machine Chromium now and then exits right after starting, so
    a fresh browser gets `attempts` tries before the report fails (a real breakage still fails).
    """

    def __init__(
        self,
        *,
        warm: WarmBrowser | None = None,
        new_browser: Callable[[], Browser] = _default_browser,
        attempts: int = 2,
    ) -> None:
        self.warm = warm if warm is not None else WarmBrowser(new_browser=new_browser)
        self._new_browser = new_browser
        self._attempts = attempts
        self._keep_warm = False

    def keep_warm(self) -> None:
        self._keep_warm = True

    def stop(self) -> None:
        self._keep_warm = False
        self.warm.stop()

    @property
    def is_warm(self) -> bool:
        return self.warm.running

    def render(self, specs: list[Spec]) -> list[Image]:
        ensure_chromium()
        if self._keep_warm:
            try:
                self.warm.start()
                return self.warm.render(specs)
            except ChromiumMissingError:
                raise
            except Exception:
                # A crashed or hung browser: drop it (the next report starts a fresh one)
                # and still deliver this report with a browser of its own.
                logger.warning("Chart export: warm Chromium failed; using a one-off browser", exc_info=True)
                self.warm.stop()
        failure: Exception | None = None
        for attempt in range(1, self._attempts + 1):
            try:
                return _run_in_fresh_loop(lambda: self._oneshot(specs))
            except ChromiumMissingError:
                raise
            except Exception as exc:
                failure = exc
                logger.warning(
                    "Chart export: Chromium failed (attempt %s of %s)", attempt, self._attempts, exc_info=True
                )
        raise ChartExportError(
            f"Chromium could not draw the charts ({failure.__class__.__name__}: {failure})."
        ) from failure

    async def _oneshot(self, specs: list[Spec]) -> list[Image]:
        async with self._new_browser() as browser:
            return await _render_all(browser, specs)


def _run_in_fresh_loop(make_coroutine: Callable[[], Coroutine[Any, Any, list[Image]]]) -> list[Image]:
    """asyncio.run in a thread, so it also works where an event loop is already running."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = asyncio.run(make_coroutine())
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="chart-export-oneshot")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    value: list[Image] = result["value"]
    return value


# The one exporter of this process (see ChartExporter for its lifetime).
exporter = ChartExporter()


def keep_warm() -> None:
    """Called in long-running workers: an export starts Chromium and keeps it CXM_CHART_BROWSER_IDLE_SECONDS."""
    exporter.keep_warm()


def stop_warm() -> None:
    exporter.stop()


def is_warm() -> bool:
    return exporter.is_warm


def figures_to_svg(*, figures: list[tuple[Any, int, int]]) -> list[str]:
    """[(figure, width_px, height_px), ...] -> [svg text, ...], all in one browser session."""
    if not figures:
        return []
    specs = [_export_spec(figure=fig, width=width, height=height) for fig, width, height in figures]
    images = exporter.render(specs)
    return [image.decode("utf-8") if isinstance(image, bytes) else image for image in images]


def figure_to_svg(*, figure: Any, width: int, height: int) -> str:
    return figures_to_svg(figures=[(figure, width, height)])[0]
