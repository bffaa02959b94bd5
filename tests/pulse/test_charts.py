"""The pulse chart: months at their calendar place, a gap where a month has no answer, the drop ringed."""

import datetime

from django.utils import translation

from assessments.pulse.charts import pulse_svg
from assessments.pulse.selectors import Point

LABELS = {"energy": "Energy", "sponsor_support": "Support", "priority": "Priority"}


def _point(month, energy, dropped=False):
    return Point(datetime.date(2026, month, 1), energy, 3, 3, "<b>note</b>", dropped)


def _svg(points):
    with translation.override("en"):
        return str(pulse_svg(points, labels=LABELS, drop_label="Dropped", title="Pulse of <Lotte>"))


def test_no_points_no_chart():
    assert _svg([]) == ""


def test_lines_break_at_a_month_without_an_answer():
    svg = _svg([_point(1, 5), _point(2, 4), _point(4, 3), _point(5, 2)])
    assert svg.count("<polyline") == 6  # two segments for each of the three series
    assert svg.count(">Mar<") == 1  # the empty month keeps its place and its name
    assert svg.count("<circle") == 12


def test_the_drop_is_ringed_and_texts_are_escaped():
    svg = _svg([_point(1, 5), _point(2, 4), _point(3, 3, dropped=True)])
    assert svg.count("<title>Dropped</title>") == 1
    assert 'aria-label="Pulse of &lt;Lotte&gt;"' in svg
    assert "<b>" not in svg


def test_two_years_show_at_most_twelve_month_names():
    points = [Point(datetime.date(2025 + (m // 12), m % 12 + 1, 1), 3, 3, 3, "", False) for m in range(24)]
    svg = _svg(points)
    names = sum(
        svg.count(f">{m}<")
        for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    )
    assert names == 12
    assert (svg.count(">2025<"), svg.count(">2026<")) == (1, 1)
