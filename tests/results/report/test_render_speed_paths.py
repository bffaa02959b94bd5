"""The shortcuts that keep a warm report fast and light: cached charts, shared fonts, one Chromium process."""

import threading

import plotly.graph_objects as go
import pytest

from assessments.results.services import chart_export, report_document


@pytest.fixture
def drawn(monkeypatch):
    """Charts 'drawn' without Chromium; records which figures reached the exporter."""
    report_document.clear_chart_cache()
    calls = []

    def fake_figures_to_svg(*, figures):
        calls.append([fig.layout.title.text for fig, _w, _h in figures])
        return [f"<svg>{fig.layout.title.text}</svg>" for fig, _w, _h in figures]

    monkeypatch.setattr(chart_export, "figures_to_svg", fake_figures_to_svg)
    yield calls
    report_document.clear_chart_cache()


def _specs(monkeypatch, **titles):
    specs = {name: (go.Figure(layout={"title": {"text": title}}), 640, 400) for name, title in titles.items()}
    monkeypatch.setattr(report_document, "_chart_specs", lambda result, language: specs)


def test_unchanged_charts_are_drawn_once_and_changed_ones_again(drawn, monkeypatch):
    _specs(monkeypatch, radar="radar v1", heatmap="heatmap v1")
    first = report_document._render_charts(None, "en")
    second = report_document._render_charts(None, "en")
    assert second == first
    assert drawn == [["radar v1", "heatmap v1"]]

    _specs(monkeypatch, radar="radar v2", heatmap="heatmap v1")
    third = report_document._render_charts(None, "en")
    assert drawn == [["radar v1", "heatmap v1"], ["radar v2"]]
    assert third["heatmap"] == first["heatmap"]
    assert third["radar"] != first["radar"]


def test_a_missing_chromium_is_reported_even_when_the_charts_are_cached(drawn, monkeypatch, settings):
    _specs(monkeypatch, radar="radar")
    report_document._render_charts(None, "en")
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(chart_export.ChromiumMissingError):
        report_document._render_charts(None, "en")


def test_a_report_without_charts_needs_no_chromium(drawn, monkeypatch, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    monkeypatch.setattr(report_document, "_chart_specs", lambda result, language: {})
    assert report_document._render_charts(None, "en") == {}
    assert drawn == []


def test_each_thread_reuses_its_own_font_configuration():
    mine = report_document._font_config()
    assert report_document._font_config() is mine
    other = []
    thread = threading.Thread(target=lambda: other.append(report_document._font_config()))
    thread.start()
    thread.join()
    assert other[0] is not mine


def _cli():
    from choreographer.channels import Pipe

    browser = chart_export._hardened_chromium_class()(
        Pipe(), "/usr/bin/chromium", headless=True, enable_gpu=False, enable_sandbox=False, proxy_server="x"
    )
    browser.pre_open()
    try:
        return browser.get_cli()
    finally:
        browser.clean()


def test_chromium_runs_in_one_process_unless_switched_off(settings):
    assert "--single-process" in _cli()
    settings.CHROMIUM_SINGLE_PROCESS = False
    assert "--single-process" not in _cli()
