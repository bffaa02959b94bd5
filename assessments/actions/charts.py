"""The trend chart as inline SVG: the same drawing on the page and in the PDF, no JavaScript needed.

The legend is part of the drawing, so the PDF, which has no legend of its own, shows it too. Where the
model version changes between two rounds (a method break) the lines are not joined across it and a dashed
grey marker names it: different questions give a different score, which must not read as progress.
"""

from collections.abc import Collection, Iterable, Sequence

from django.utils.html import escape

from assessments.actions.selectors.trend import FactorTrendRow, Round
from assessments.scoring.rounding import display_text

WIDTH, PLOT_HEIGHT = 640, 260
# The first and last rounds sit inside the plot so their centred labels are never cut off.
AXIS, LEFT, RIGHT, TOP, BOTTOM = 36, 96, 80, 20, 44
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
LEGEND_COLUMNS, LEGEND_ROW, LEGEND_NAME = 2, 16, 48  # columns, row height, characters of a name
BREAK_COLOUR = "#6c757d"


def _x(i: int, n: int) -> float:
    if n == 1:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + i * (WIDTH - LEFT - RIGHT) / (n - 1)


def _y(score: float) -> float:
    return TOP + (100 - score) * (PLOT_HEIGHT - TOP - BOTTOM) / 100


def _segments(values: Sequence[float | None], breaks: Collection[int]) -> list[list[tuple[int, float]]]:
    """The values split at each method break: [[(i, value), ...], ...] without the missing ones."""
    segments: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for i, value in enumerate(values):
        if i in breaks and current:
            segments.append(current)
            current = []
        if value is not None:
            current.append((i, value))
    if current:
        segments.append(current)
    return segments


def _line(
    values: Sequence[float | None],
    n: int,
    colour: str,
    width: float,
    label: str,
    breaks: Collection[int] = frozenset(),
    margins: Sequence[float | None] = (),
) -> str:
    """One line; each point's hover gives its score and margin of error ("Name: 55 ± 4")."""
    segments = _segments(values, breaks)
    if not segments:
        return ""
    parts: list[str] = []
    for segment in segments:
        points = [(_x(i, n), _y(v)) for i, v in segment]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linejoin="round"/>'
        )
        for (i, value), (x, y) in zip(segment, points, strict=True):
            margin = margins[i] if i < len(margins) else None
            note = f"{label}: {display_text(value)}" + (f" ± {display_text(margin)}" if margin is not None else "")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{width + 1.5}" fill="{colour}"><title>{escape(note)}</title>'
                "</circle>"
            )
    return f"<g><title>{escape(label)}</title>{''.join(parts)}</g>"


def _legend(entries: Iterable[tuple[str, str, float]], top: float) -> str:
    """entries: (label, colour, stroke width); drawn in columns below the plot."""
    column_width = (WIDTH - AXIS) / LEGEND_COLUMNS
    items: list[str] = []
    for position, (label, colour, width) in enumerate(entries):
        x = AXIS + (position % LEGEND_COLUMNS) * column_width
        y = top + (position // LEGEND_COLUMNS) * LEGEND_ROW
        name = label if len(label) <= LEGEND_NAME else label[: LEGEND_NAME - 1] + "…"
        items.append(
            f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y - 3.5:.1f}" y2="{y - 3.5:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"/><text x="{x + 24:.1f}" y="{y:.1f}" font-size="10" fill="#333">'
            f"{escape(name)}</text>"
        )
    return f'<g class="legend">{"".join(items)}</g>'


def _break_marker(i: int, n: int, label: str) -> str:
    x = (_x(i, n) + _x(i - 1, n)) / 2
    return (
        f'<g class="method-break"><title>{escape(label)}</title>'
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{PLOT_HEIGHT - BOTTOM}" stroke="{BREAK_COLOUR}" '
        f'stroke-dasharray="2 3" stroke-width="1.5"/>'
        f'<text x="{x:.1f}" y="{TOP - 4}" text-anchor="middle" font-size="9" '
        f'fill="{BREAK_COLOUR}">{escape(label)}</text></g>'
    )


def trend_svg(
    *,
    rounds: Sequence[Round],
    factor_rows: Sequence[FactorTrendRow],
    index_label: str,
    actions_label: str,
    method_break_label: str = "",
) -> str:
    """rounds: trend Rounds (oldest first, each with its date_label in the reader's language);
    factor_rows: [{"name", "scores"}]; labels already translated."""
    n = len(rounds)
    if n == 0:
        return ""
    grid = "".join(
        f'<line x1="{AXIS}" x2="{WIDTH - 8}" y1="{_y(v):.1f}" y2="{_y(v):.1f}" stroke="#e3e6ea"/>'
        f'<text x="{AXIS - 6}" y="{_y(v) + 4:.1f}" text-anchor="end" font-size="10" fill="#6c757d">{v}</text>'
        for v in (0, 25, 50, 75, 100)
    )
    breaks = frozenset(i for i, entry in enumerate(rounds) if i > 0 and getattr(entry, "method_break", False))
    labels: list[str] = []
    markers: list[str] = []
    for i, entry in enumerate(rounds):
        x = _x(i, n)
        title = escape(entry.assessment.title[:28])
        labels.append(
            f'<text x="{x:.1f}" y="{PLOT_HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10" fill="#333">'
            f"{title}</text>"
            f'<text x="{x:.1f}" y="{PLOT_HEIGHT - BOTTOM + 30}" text-anchor="middle" font-size="9" fill="#6c757d">'
            f"{escape(entry.date_label)}</text>"
        )
        if entry.completed_actions and i > 0:
            mid = (x + _x(i - 1, n)) / 2
            count = len(entry.completed_actions)
            markers.append(
                f'<g class="action-marker"><title>{escape(actions_label)}: {count}</title>'
                f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{TOP}" y2="{PLOT_HEIGHT - BOTTOM}" stroke="#198754" '
                f'stroke-dasharray="4 3"/><rect x="{mid - 11:.1f}" y="{TOP - 2}" width="22" height="16" rx="3" '
                f'fill="#198754"/><text x="{mid:.1f}" y="{TOP + 10}" text-anchor="middle" font-size="10" '
                f'fill="#fff">✓{count}</text></g>'
            )
    markers.extend(_break_marker(i, n, method_break_label) for i in sorted(breaks))
    lines = [
        _line(
            row["scores"],
            n,
            colour_of(i),
            1.5,
            row["name"],
            breaks,
            [r.margins.get(row.get("code", "")) for r in rounds],
        )
        for i, row in enumerate(factor_rows)
    ]
    lines.append(
        _line([r.index for r in rounds], n, "#111", 3.5, index_label, breaks, [r.index_margin for r in rounds])
    )
    entries: list[tuple[str, str, float]] = [(index_label, "#111", 3.5)] + [
        (row["name"], colour_of(i), 2) for i, row in enumerate(factor_rows)
    ]
    legend_top = PLOT_HEIGHT + 16
    height = legend_top + LEGEND_ROW * ((len(entries) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(index_label)}">{grid}{"".join(markers)}{"".join(lines)}{"".join(labels)}'
        f"{_legend(entries, legend_top)}</svg>"
    )


def colour_of(position: int) -> str:
    return PALETTE[position % len(PALETTE)]
