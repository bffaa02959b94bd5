"""The chart exporter's lifetime: a kept-warm Chromium closes after CXM_CHART_BROWSER_IDLE_SECONDS without
drawing (0: right after drawing), and a browser that dies is replaced for the same report.

A fake browser and a fake timer that the test fires itself: no Chromium, no waiting."""

import sys

import plotly.graph_objects as go
import pytest

from assessments.results.services import chart_export


class FakeKaleido:
    opened = 0

    def __init__(self, dies=False):
        self.closed = False
        self.dies = dies
        FakeKaleido.opened += 1

    async def open(self):
        pass

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        await self.open()
        return self

    async def __aexit__(self, *exc_info):
        await self.close()

    async def calc_fig(self, fig, opts):
        if self.dies:
            raise ConnectionResetError("Chromium exited")
        return b"<svg></svg>"


class FakeTimer:
    """threading.Timer's interface; fire() is the time running out."""

    made: list["FakeTimer"] = []

    def __init__(self, interval, function, args=None, kwargs=None):
        self.interval, self.function, self.kwargs = interval, function, kwargs or {}
        self.daemon = False
        self.started = self.cancelled = False
        FakeTimer.made.append(self)

    def start(self):
        self.started = True

    def cancel(self):
        self.cancelled = True

    def fire(self):
        if not self.cancelled:  # as threading.Timer: a cancelled timer never calls
            self.function(**self.kwargs)


@pytest.fixture
def exporter(monkeypatch, settings):
    settings.CHROMIUM_PATH = sys.executable  # any executable file: the fake never starts it
    FakeTimer.made = []
    FakeKaleido.opened = 0
    browsers = []

    def new_kaleido():
        # A test queues browsers that die in `dying`; the others draw.
        browsers.append(FakeKaleido(dies=bool(dying) and dying.pop(0)))
        return browsers[-1]

    warm = chart_export.WarmBrowser(timer_factory=FakeTimer, new_browser=new_kaleido)
    monkeypatch.setattr(chart_export, "exporter", chart_export.ChartExporter(warm=warm, new_browser=new_kaleido))
    chart_export.keep_warm()
    yield browsers
    chart_export.stop_warm()


dying: list[bool] = []


@pytest.fixture(autouse=True)
def _no_dying_browsers():
    dying.clear()
    yield
    dying.clear()


def draw():
    return chart_export.figure_to_svg(figure=go.Figure(), width=100, height=100)


def test_by_default_the_browser_closes_right_after_drawing(exporter):
    assert draw() == "<svg></svg>"
    assert [b.closed for b in exporter] == [True]
    assert not chart_export.is_warm()
    assert FakeTimer.made == []
    draw()  # the next report of changed data starts a fresh one
    assert [b.closed for b in exporter] == [True, True]


def test_with_an_idle_period_the_browser_stays_until_the_timer_runs_out(exporter, settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 30
    draw()
    assert chart_export.is_warm()
    (timer,) = FakeTimer.made
    assert (timer.interval, timer.started, timer.daemon) == (30.0, True, True)
    timer.fire()
    assert not chart_export.is_warm()
    assert [b.closed for b in exporter] == [True]


def test_a_drawing_during_the_idle_period_restarts_it(exporter, settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 30
    draw()
    draw()
    first, second = FakeTimer.made
    assert first.cancelled is True
    first.function(**first.kwargs)  # even an old timer that fires anyway leaves the newer drawing's browser
    assert chart_export.is_warm()
    assert len(exporter) == 1
    second.fire()
    assert not chart_export.is_warm()
    assert [b.closed for b in exporter] == [True]


def test_stopping_the_worker_cancels_the_idle_timer(exporter, settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 30
    draw()
    chart_export.stop_warm()
    assert FakeTimer.made[0].cancelled is True
    assert [b.closed for b in exporter] == [True]


def test_the_idle_period_is_read_from_the_settings(settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 45
    assert chart_export.idle_seconds() == 45.0
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 0
    assert chart_export.idle_seconds() == 0.0


def test_a_warm_browser_that_dies_is_dropped_and_a_fresh_one_draws_the_report(exporter, settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 30
    dying.extend([True])  # the warm browser dies at its first drawing
    assert draw() == "<svg></svg>"
    assert [(b.dies, b.closed) for b in exporter] == [(True, True), (False, True)]
    assert not chart_export.is_warm()  # the next report starts a new warm browser
    draw()
    assert chart_export.is_warm()
    assert len(exporter) == 3


def test_a_one_off_browser_that_dies_is_tried_once_more(exporter):
    chart_export.stop_warm()  # a web server or command: one browser per batch
    dying.extend([True])
    assert draw() == "<svg></svg>"
    assert [(b.dies, b.closed) for b in exporter] == [(True, True), (False, True)]


def test_a_browser_that_keeps_dying_fails_the_report_with_the_cause(exporter):
    chart_export.stop_warm()
    dying.extend([True, True, True])
    with pytest.raises(chart_export.ChartExportError) as error:
        draw()
    assert str(error.value) == "Chromium could not draw the charts (ConnectionResetError: Chromium exited)."
    assert len(exporter) == 2  # two tries, no more


def test_a_missing_browser_is_not_retried(exporter, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(chart_export.ChromiumMissingError):
        draw()
    assert exporter == []
