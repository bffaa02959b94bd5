"""Plotly figures to SVG through the system Chromium: one-off, warm, and warm-but-broken."""

import plotly.graph_objects as go
import pytest

from assessments.results.services import chart_browser, chart_export


def _radar():
    return go.Figure(go.Scatterpolar(r=[40, 60, 80, 40], theta=["Klantstrategie", "Merk", "Team", "Klantstrategie"]))


@pytest.fixture
def cold_exporter():
    # The suite keeps one chart browser warm per test process (tests/conftest.py); this test starts
    # without it, as a web server or a management command does.
    chart_export.stop_warm()


@pytest.fixture
def warm_mode():
    chart_export.keep_warm()
    yield
    chart_export.stop_warm()


def test_one_off_export_is_vector_svg_with_the_report_font(cold_exporter):
    first, second = chart_export.figures_to_svg(figures=[(_radar(), 400, 300), (_radar(), 200, 150)])
    assert first.startswith("<svg")
    assert 'width="400"' in first
    assert 'height="300"' in first
    assert 'width="200"' in second
    assert "<path" in first
    assert "<image" not in first  # nothing rasterised
    assert ">Klantstrategie<" in first  # labels stay text
    assert "Source Sans 3" in first
    assert not chart_export.is_warm()


def test_the_shared_figure_is_not_changed_by_the_print_font():
    figure = _radar()
    chart_export.figure_to_svg(figure=figure, width=300, height=300)
    assert figure.layout.font.family is None


def test_a_worker_keeps_one_browser_warm_and_falls_back_when_it_breaks(warm_mode, monkeypatch, settings):
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 600  # kept open between drawings (stop_warm closes it)
    first = chart_export.figure_to_svg(figure=_radar(), width=300, height=300)
    assert chart_export.is_warm()
    again = chart_export.figure_to_svg(figure=_radar(), width=300, height=300)
    assert again.count("<path") == first.count("<path")

    def broken(specs):
        raise chart_export.ChartExportError("browser crashed")

    monkeypatch.setattr(chart_export.exporter.warm, "render", broken)
    fallback = chart_export.figure_to_svg(figure=_radar(), width=300, height=300)
    assert fallback.startswith("<svg")
    assert not chart_export.is_warm()  # the broken browser was dropped; the next report starts a fresh one


def test_missing_chromium_in_warm_mode_is_still_the_clear_error(cold_exporter, warm_mode, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(chart_export.ChromiumMissingError) as error:
        chart_export.figure_to_svg(figure=_radar(), width=100, height=100)
    assert str(error.value) == (
        "Chromium was not found at /nonexistent/chromium, so PDF reports cannot draw their charts. "
        "Install it with `apt-get install chromium-headless-shell` (Debian/Ubuntu) or set CHROMIUM_PATH to the browser."
    )
    assert not chart_export.is_warm()


def test_chromium_runs_without_network_sandbox_or_gpu():
    from choreographer.channels import Pipe

    cls = chart_export._hardened_chromium_class()
    browser = cls(Pipe(), "/usr/bin/chromium", headless=True, enable_gpu=False, enable_sandbox=False, proxy_server="x")
    browser.pre_open()  # creates its temporary profile folder, removed by clean()
    try:
        cli = browser.get_cli()
        env = browser.get_env()
    finally:
        browser.clean()
    for flag in ("--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking", "--proxy-server=x"):
        assert flag in cli
    assert env["FONTCONFIG_FILE"].endswith("fonts.conf")


def test_without_a_configured_path_the_headless_shell_is_preferred(settings, monkeypatch, tmp_path):
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    monkeypatch.setattr(chart_browser, "DEFAULT_BROWSERS", (str(shell), str(full)))
    settings.CHROMIUM_PATH = ""
    assert chart_export.chromium_path() == str(full)  # neither installed: the message names the full browser
    full.touch()
    assert chart_export.chromium_path() == str(full)
    shell.touch()
    assert chart_export.chromium_path() == str(shell)
    settings.CHROMIUM_PATH = "/opt/chrome/chrome"
    assert chart_export.chromium_path() == "/opt/chrome/chrome"


def test_charts_are_drawn_with_the_partial_plotly_bundle():
    assert chart_export.PLOTLY_JS.is_file()
    assert chart_export._new_kaleido()._plotlyjs == chart_export.PLOTLY_JS.as_uri()
