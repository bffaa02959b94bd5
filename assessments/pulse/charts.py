"""A person's pulse as inline SVG (like the trend page's chart: no JavaScript, readable at 360 px):
energy, sponsor support and priority per month on the 1-5 scale; a month that ends a two-month energy
drop gets a red ring."""

from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.pulse.models import HIGHEST, LOWEST
from assessments.pulse.selectors import Point

WIDTH, HEIGHT = 560, 190
LEFT, RIGHT, TOP, BOTTOM = 28, 16, 12, 40
SERIES = (("energy", "#1f5f8b", 3.0), ("sponsor_support", "#2a9d5c", 1.75), ("priority", "#d9822b", 1.75))
DROP = "#c8553d"


def _x(i: int, n: int) -> float:
    if n == 1:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + i * (WIDTH - LEFT - RIGHT) / (n - 1)


def _y(value: float) -> float:
    return TOP + (HIGHEST - value) * (HEIGHT - TOP - BOTTOM) / (HIGHEST - LOWEST)


def pulse_svg(points: Sequence[Point], *, labels: dict[str, str], drop_label: str, title: str) -> SafeString:
    """labels: {"energy", "sponsor_support", "priority"} in the reader's language; months consecutive or not,
    each point is one answered month, in order."""
    n = len(points)
    if n == 0:
        return mark_safe("")  # noqa: S308
    parts = [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_y(v):.1f}" y2="{_y(v):.1f}" stroke="#e3e6ea"/>'
        f'<text x="{LEFT - 8}" y="{_y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#6c757d">{v}</text>'
        for v in range(LOWEST, HIGHEST + 1)
    ]
    for i, point in enumerate(points):
        x = _x(i, n)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#333">'
            f"{escape(date_format(point.month, 'M'))}</text>"
        )
        if i == 0 or point.month.month == 1:
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 30}" text-anchor="middle" font-size="10" '
                f'fill="#6c757d">{point.month.year}</text>'
            )
    for field, colour, width in SERIES:
        values = [getattr(p, field) for p in points]
        path = " ".join(f"{_x(i, n):.1f},{_y(v):.1f}" for i, v in enumerate(values))
        dots = "".join(
            f'<circle cx="{_x(i, n):.1f}" cy="{_y(v):.1f}" r="{width + 1}" fill="{colour}">'
            f"<title>{escape(labels[field])}: {v} ({escape(date_format(points[i].month, 'F Y'))})</title></circle>"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<g><polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" '
            f'stroke-linejoin="round"/>{dots}</g>'
        )
    for i, point in enumerate(points):
        if point.dropped:
            parts.append(
                f'<circle cx="{_x(i, n):.1f}" cy="{_y(point.energy):.1f}" r="9" fill="none" stroke="{DROP}" '
                f'stroke-width="2"><title>{escape(drop_label)}</title></circle>'
            )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}">{"".join(parts)}</svg>'
    )
    return mark_safe(svg)  # noqa: S308  # built from escaped texts and numbers only
