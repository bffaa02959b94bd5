"""The trend chart as inline SVG: the same drawing on the page and in the PDF, no JavaScript needed."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
# The first and last rounds sit inside the plot so their centred labels are never cut off.
AXIS, LEFT, RIGHT, TOP, BOTTOM = 36, 96, 80, 16, 44
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def _x(i, n):
    if n == 1:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + i * (WIDTH - LEFT - RIGHT) / (n - 1)


def _y(score):
    return TOP + (100 - score) * (HEIGHT - TOP - BOTTOM) / 100


def _line(values, n, colour, width, label):
    points = [(_x(i, n), _y(v)) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{width + 1.5}" fill="{colour}"/>' for x, y in points)
    return (
        f'<g><title>{escape(label)}</title><polyline points="{path}" fill="none" stroke="{colour}" '
        f'stroke-width="{width}" stroke-linejoin="round"/>{dots}</g>'
    )


def trend_svg(*, rounds, factor_rows, index_label: str, actions_label: str) -> str:
    """rounds: trend Rounds (oldest first); factor_rows: [{"name", "scores"}]; labels already translated."""
    n = len(rounds)
    if n == 0:
        return ""
    grid = "".join(
        f'<line x1="{AXIS}" x2="{WIDTH - 8}" y1="{_y(v):.1f}" y2="{_y(v):.1f}" stroke="#e3e6ea"/>'
        f'<text x="{AXIS - 6}" y="{_y(v) + 4:.1f}" text-anchor="end" font-size="10" fill="#6c757d">{v}</text>'
        for v in (0, 25, 50, 75, 100)
    )
    labels, markers = [], []
    for i, entry in enumerate(rounds):
        x = _x(i, n)
        title = escape(entry.assessment.title[:28])
        labels.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10" fill="#333">'
            f"{title}</text>"
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 30}" text-anchor="middle" font-size="9" fill="#6c757d">'
            f"{escape(date_format(timezone.localtime(entry.date), _('j M Y')))}</text>"
        )
        if entry.completed_actions and i > 0:
            mid = (x + _x(i - 1, n)) / 2
            count = len(entry.completed_actions)
            markers.append(
                f'<g class="action-marker"><title>{escape(actions_label)}: {count}</title>'
                f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#198754" '
                f'stroke-dasharray="4 3"/><rect x="{mid - 11:.1f}" y="{TOP - 2}" width="22" height="16" rx="3" '
                f'fill="#198754"/><text x="{mid:.1f}" y="{TOP + 10}" text-anchor="middle" font-size="10" '
                f'fill="#fff">✓{count}</text></g>'
            )
    lines = [_line(row["scores"], n, PALETTE[i % len(PALETTE)], 1.5, row["name"]) for i, row in enumerate(factor_rows)]
    lines.append(_line([r.index for r in rounds], n, "#111", 3.5, index_label))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(index_label)}">{grid}{"".join(markers)}{"".join(lines)}{"".join(labels)}</svg>'
    )


def colour_of(position: int) -> str:
    return PALETTE[position % len(PALETTE)]
