"""The chart figures draw only what the result shows; hidden cells are marked, never drawn as zero."""

import pytest

from assessments.results import charts
from assessments.scoring import score_assessment
from assessments.scoring.rounding import display_round


@pytest.fixture
def result(make_scan):
    # Sales 12 (board), Service North 7 + Service 2 (front): North is hidden (9 - 7 = 2).
    return score_assessment(
        assessment=make_scan(sizes={("sales", "board"): 12, ("north", "front"): 7, ("service", "front"): 2})
    )


def test_radar_current_and_ambition(result):
    fig = charts.radar_figure(result=result, language="en")
    assert [t.name for t in fig.data] == ["Current", "Ambition"]
    scores = [display_round(s.score) for s in result.organisation.factors]  # once, to the whole points shown
    assert list(fig.data[0].r) == [*scores, scores[0]]  # closed polygon
    assert list(fig.data[0].theta) == ["Factor 1", "Factor 2", "Factor 3", "Factor 1"]


def test_radar_overlays_and_language(result):
    fig = charts.radar_figure(result=result, overlays=("teams", "roles", "management"), language="nl")
    names = [t.name for t in fig.data]
    assert (fig.data[0].fill, fig.data[1].line.dash, fig.data[1].line.color) == ("toself", "dash", charts.ACCENT)
    assert "Sales" in names
    assert "Service" in names
    assert "Service North" not in names
    assert "Board" in names
    assert "Front office" in names
    assert list(fig.data[0].theta)[:1] == ["Factor 1 (nl)"]
    assert {t.meta["overlay"] for t in fig.data[2:]} == {"teams", "roles", "management"}
    assert charts.radar_overlay_traces(result=result, overlay="previous", language="en") == []
    assert charts.available_overlays(result) == ["teams", "roles", "management"]


def test_heatmap_marks_hidden_cells(result):
    fig = charts.heatmap_figure(result=result, language="en")
    scores, hidden = fig.data
    rows = list(scores.y)
    assert rows == ["Acme Care (21)", "Sales (12)", "Service (9)", "↳ Service North (7)"]
    north = rows.index("↳ Service North (7)")
    assert list(scores.z[north]) == [None, None, None]
    assert list(hidden.z[north]) == [1, 1, 1]
    assert list(hidden.text[north]) == ["hidden", "hidden", "hidden"]  # 7 people, hidden by subtraction
    assert all(v is not None and v > 0 for v in scores.z[0])
    assert list(hidden.z[0]) == [None, None, None]


def test_heatmap_says_n_below_threshold(make_scan):
    result = score_assessment(assessment=make_scan(sizes={("sales", "board"): 3, ("north", "front"): 6}))
    fig = charts.heatmap_figure(result=result, language="en")
    scores, hidden = fig.data
    assert list(hidden.text[1]) == ["n<5", "n<5", "n<5"]
    assert list(scores.z[1]) == [None, None, None]


def test_distribution_figure_uses_shares(result):
    fig = charts.distribution_figure(result=result, language="en")
    assert [t.name for t in fig.data] == [p.label_en for p in result.scale.points]
    first_factor = [t.x[0] for t in fig.data]
    assert sum(v for v in first_factor if v is not None) == pytest.approx(100, abs=0.5)


def test_every_trace_type_the_app_draws_is_in_the_plotly_bundle():
    """static/vendor/plotly/plotly.min.js is a partial bundle: a new trace type must be added to its recipe."""
    import re
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    entry = (root / "static/vendor/plotly/build/entry.js").read_text()
    bundled = set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry))
    used = set()
    for path in (root / "assessments").rglob("*.py"):
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w+)\(", path.read_text()) if name != "Figure"}
    assert used
    assert used <= bundled, f"add {sorted(used - bundled)} to static/vendor/plotly/build/entry.js"


def test_the_plotly_recipe_is_never_collected_as_a_static_file():
    from django.apps import apps
    from django.contrib.staticfiles.finders import FileSystemFinder

    ignore = apps.get_app_config("staticfiles").ignore_patterns
    collected = {path for path, _storage in FileSystemFinder().list(ignore)}
    assert "vendor/plotly/plotly.min.js" in collected
    assert not any(path.startswith("vendor/plotly/build/") for path in collected)


def test_names_are_text_in_plotly(org_a, model_version):
    """Plotly renders a subset of HTML in names and labels: a team called <a href=...> must not become a link."""
    from assessments.results import charts
    from assessments.scoring import score_assessment
    from tests import factories

    name = '<a href="https://evil.example">Click</a>'
    team = factories.make_team(organisation=org_a, name=name)
    role = factories.make_role(organisation=org_a, name=f"<b>{name}</b>")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    factories.make_random_responses(assessment=assessment, count=6, team=team, role=role)
    result = score_assessment(assessment=assessment)
    traces = charts.radar_overlay_traces(result=result, overlay="teams", language="en")
    traces += charts.radar_overlay_traces(result=result, overlay="roles", language="en")
    heatmap = charts.heatmap_figure(result=result, language="en")
    texts = [t.name for t in traces] + [t.hovertemplate for t in traces] + list(heatmap.data[0].y)
    assert any("&lt;a href=&quot;https://evil.example&quot;&gt;Click&lt;/a&gt;" in t for t in texts)
    assert not any("<a " in t or "<b>" in t for t in texts)
