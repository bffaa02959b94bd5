"""A person's pulse as inline SVG (like the trend page's chart: no JavaScript, readable at 360 px):
energy, sponsor support and priority per month on the 1-5 scale; a month that ends a two-month energy
drop gets a red ring. Months sit at their place in the calendar: a month without an answer leaves a gap in
the lines rather than joining its neighbours."""

import datetime
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.pulse.models import HIGHEST, LOWEST
from assessments.pulse.months import months_between
from assessments.pulse.selectors import Point

WIDTH, HEIGHT = 420, 190
LEFT, RIGHT, TOP, BOTTOM = 30, 16, 12, 42
SERIES = (("energy", "#1f5f8b", 3.0), ("sponsor_support", "#2a9d5c", 1.75), ("priority", "#d9822b", 1.75))
DROP = "#c8553d"


def _x(i: int, n: int) -> float:
    if n == 1:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + i * (WIDTH - LEFT - RIGHT) / (n - 1)


def _y(value: float) -> float:
    return TOP + (HIGHEST - value) * (HEIGHT - TOP - BOTTOM) / (HIGHEST - LOWEST)


def _month_labels(months: list[datetime.date]) -> list[str]:
    n = len(months)
    step = 1 if n <= 12 else (n + 11) // 12  # at most twelve month names under the plot
    parts, year = [], None
    for i, month in enumerate(months):
        if i % step:
            continue
        x = _x(i, n)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 17}" text-anchor="middle" font-size="12" fill="#333">'
            f"{escape(date_format(month, 'M'))}</text>"
        )
        if month.year != year:
            year = month.year
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 32}" text-anchor="middle" font-size="11" '
                f'fill="#6c757d">{year}</text>'
            )
    return parts


def pulse_svg(points: Sequence[Point], *, labels: dict[str, str], drop_label: str, title: str) -> SafeString:
    """points: answered months, oldest first; labels: {"energy", "sponsor_support", "priority"} in the
    reader's language."""
    if not points:
        return mark_safe("")  # noqa: S308
    months = months_between(points[0].month, points[-1].month)
    n = len(months)
    place = {month: i for i, month in enumerate(months)}
    parts = [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_y(v):.1f}" y2="{_y(v):.1f}" stroke="#e3e6ea"/>'
        f'<text x="{LEFT - 8}" y="{_y(v) + 4:.1f}" text-anchor="end" font-size="13" fill="#6c757d">{v}</text>'
        for v in range(LOWEST, HIGHEST + 1)
    ]
    parts.extend(_month_labels(months))
    for field, colour, width in SERIES:
        segments: list[list[str]] = []
        dots = []
        previous = -2
        for point in points:
            i, value = place[point.month], getattr(point, field)
            xy = f"{_x(i, n):.1f},{_y(value):.1f}"
            if i != previous + 1:
                segments.append([])
            segments[-1].append(xy)
            previous = i
            dots.append(
                f'<circle cx="{_x(i, n):.1f}" cy="{_y(value):.1f}" r="{width + 1}" fill="{colour}">'
                f"<title>{escape(labels[field])}: {value} ({escape(date_format(point.month, 'F Y'))})</title></circle>"
            )
        lines = "".join(
            f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="{width}" '
            'stroke-linejoin="round"/>'
            for segment in segments
            if len(segment) > 1
        )
        parts.append(f"<g>{lines}{''.join(dots)}</g>")
    for point in points:
        if point.dropped:
            parts.append(
                f'<circle cx="{_x(place[point.month], n):.1f}" cy="{_y(point.energy):.1f}" r="9" fill="none" '
                f'stroke="{DROP}" stroke-width="2"><title>{escape(drop_label)}</title></circle>'
            )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}">{"".join(parts)}</svg>'
    )
    return mark_safe(svg)  # noqa: S308  # built from escaped texts and numbers only
