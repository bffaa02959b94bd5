"""The shortcuts that keep a report fast and light: charts drawn once per data version and language,
shared fonts, one Chromium process in V8's lite mode."""

import threading
import uuid
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest
from django.core.cache import cache

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.services import responses
from assessments.results.services import chart_cache, chart_export, report_document
from assessments.scoring import score_assessment
from tests import factories


@pytest.fixture
def drawn(monkeypatch):
    """Charts 'drawn' without Chromium; records which figures reached the exporter."""
    cache.clear()
    calls = []

    def fake_figures_to_svg(*, figures):
        calls.append([fig.layout.title.text for fig, _w, _h in figures])
        return [f"<svg>{fig.layout.title.text}</svg>" for fig, _w, _h in figures]

    monkeypatch.setattr(chart_export, "figures_to_svg", fake_figures_to_svg)
    yield calls
    cache.clear()


def _assessment(data_version=1):
    return SimpleNamespace(public_id=uuid.UUID(int=17), data_version=data_version)


def _specs(monkeypatch, **titles):
    specs = {name: (go.Figure(layout={"title": {"text": title}}), 640, 400) for name, title in titles.items()}
    monkeypatch.setattr(report_document, "_chart_specs", lambda result, language: specs)


def test_unchanged_charts_are_drawn_once_and_changed_ones_again(drawn, monkeypatch):
    _specs(monkeypatch, radar="radar v1", heatmap="heatmap v1")
    first = report_document._render_charts(None, "en", assessment=_assessment())
    second = report_document._render_charts(None, "en", assessment=_assessment())
    assert second == first
    assert drawn == [["radar v1", "heatmap v1"]]

    # A figure that changed without a new data version (a renamed team) is never served the old picture.
    _specs(monkeypatch, radar="radar v2", heatmap="heatmap v1")
    third = report_document._render_charts(None, "en", assessment=_assessment())
    assert drawn == [["radar v1", "heatmap v1"], ["radar v2"]]
    assert third["heatmap"] == first["heatmap"]
    assert third["radar"] != first["radar"]


def test_a_new_data_version_draws_again_and_each_language_has_its_own_entry(drawn, monkeypatch):
    _specs(monkeypatch, radar="radar")
    report_document._render_charts(None, "en", assessment=_assessment(data_version=1))
    report_document._render_charts(None, "en", assessment=_assessment(data_version=1))
    assert drawn == [["radar"]]
    report_document._render_charts(None, "en", assessment=_assessment(data_version=2))
    assert drawn == [["radar"], ["radar"]]
    report_document._render_charts(None, "nl", assessment=_assessment(data_version=2))
    assert drawn == [["radar"], ["radar"], ["radar"]]
    report_document._render_charts(None, "nl", assessment=_assessment(data_version=2))
    assert len(drawn) == 3


def test_the_key_names_assessment_version_and_language_and_hashes_the_figure():
    figure = go.Figure(layout={"title": {"text": "radar"}})
    key = chart_cache.chart_cache_key(assessment=_assessment(5), language="nl", figure=figure, width=640, height=500)
    prefix = "cxm:chart-svg:00000000-0000-0000-0000-000000000011:5:nl:"
    assert key.startswith(prefix)
    assert len(key) == len(prefix) + 32
    en = chart_cache.chart_cache_key(assessment=_assessment(5), language="en", figure=figure, width=640, height=500)
    wider = chart_cache.chart_cache_key(assessment=_assessment(5), language="nl", figure=figure, width=641, height=500)
    assert len({key, en, wider}) == 3


def test_with_the_cache_switched_off_every_report_draws(drawn, monkeypatch, settings):
    settings.CXM_CHART_CACHE_SECONDS = 0
    _specs(monkeypatch, radar="radar")
    report_document._render_charts(None, "en", assessment=_assessment())
    report_document._render_charts(None, "en", assessment=_assessment())
    assert drawn == [["radar"], ["radar"]]


def test_a_submit_draws_the_report_charts_again(drawn, make_scan, structure):
    scan = make_scan(sizes={("sales", "board"): 6, ("north", "front"): 6, ("service", "front"): 5}, seed=3)

    def charts_now():
        current = Assessment.objects.select_related("organisation").get(pk=scan.pk)
        return report_document._render_charts(score_assessment(assessment=current), "en", assessment=current)

    first = charts_now()
    assert charts_now() == first
    assert len(drawn) == 1
    (response,) = factories.make_responses(
        assessment=scan, answers=[{"f1s1": 1}], team=structure["sales"], role=structure["board"], submitted=False
    )
    responses.submit(response=response)
    charts_now()
    assert len(drawn) == 2
    assert sorted(first) == ["heatmap", "perception", "radar"]


def test_a_missing_chromium_is_reported_even_when_the_charts_are_cached(drawn, monkeypatch, settings):
    _specs(monkeypatch, radar="radar")
    report_document._render_charts(None, "en", assessment=_assessment())
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(chart_export.ChromiumMissingError):
        report_document._render_charts(None, "en", assessment=_assessment())


def test_a_report_without_charts_needs_no_chromium(drawn, monkeypatch, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    monkeypatch.setattr(report_document, "_chart_specs", lambda result, language: {})
    assert report_document._render_charts(None, "en", assessment=_assessment()) == {}
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


def test_chromium_runs_javascript_in_lite_mode():
    assert "--js-flags=--lite-mode" in _cli()
