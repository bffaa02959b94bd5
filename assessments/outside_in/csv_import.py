"""Reading a CSV of customer figures measured elsewhere: one row per period and channel.

Columns (header row required, comma or semicolon): period, channel, responses, then any of grade_mean,
grade_1 … grade_10 (the grade distribution), nps (-100..100), csat (0..100 %), ces (1..7). Every row is
checked and every problem reported with its line number; one bad row means nothing is loaded.
"""

from __future__ import annotations  # UploadedFile is generic only in the stubs

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from assessments.outside_in.forms import CSV_COLUMNS, GRADE_COLUMNS, MAX_CSV_ROWS, _decode, _number

REQUIRED = ("period", "channel", "responses")
RANGES = {
    "responses": (1, 10_000_000, True),
    "grade_mean": (1, 10, False),
    "nps": (-100, 100, False),
    "csat": (0, 100, False),
    "ces": (1, 7, False),
    **dict.fromkeys(GRADE_COLUMNS, (0, 10000000, True)),
}
MEASURES = ("grade_mean", "nps", "csat", "ces")


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


class FiguresRow(TypedDict):
    """One valid data row, as `services.import_figures` stores it (`line` only for messages)."""

    line: int
    period: str
    channel: str
    responses: float | None
    grade_counts: list[float | None] | None
    grade_mean: float | None
    nps: float | None
    csat: float | None
    ces: float | None


def _header(row: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(row):
        key = name.strip().casefold().replace(" ", "_")
        if key in CSV_COLUMNS and key not in columns:
            columns[key] = index
    return columns


def _row(
    line: int, cells: Sequence[str], columns: dict[str, int], seen: dict[tuple[str, str], int]
) -> tuple[FiguresRow, list[str]]:
    """(values, [messages]) of one data row."""

    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    problems: list[str] = []
    values: dict[str, float | None] = {}
    period, channel = cell("period").strip(), cell("channel").strip()
    if not period or len(period) > 20:
        problems.append(_("the period is missing or longer than 20 characters"))
    if not channel or len(channel) > 100:
        problems.append(_("the channel is missing or longer than 100 characters"))
    for name, (low, high, integer) in RANGES.items():
        try:
            values[name] = _number(cell(name), low=low, high=high, integer=integer)
        except ValueError:
            values[name] = None
            problems.append(
                _("%(column)s must be a number from %(low)s to %(high)s") % {"column": name, "low": low, "high": high}
            )
    if values["responses"] is None and not any("responses" in p for p in problems):
        problems.append(_("responses (the number of customers measured) is required"))
    counts = [values[name] for name in GRADE_COLUMNS]
    given = [c for c in counts if c is not None]
    if given and len(given) != len(counts):
        problems.append(_("give all of grade_1 to grade_10, or none of them"))
    elif given and values["responses"] is not None and sum(given) != values["responses"]:
        problems.append(
            _("grade_1 to grade_10 add up to %(sum)s, not to responses (%(responses)s)")
            % {"sum": sum(given), "responses": values["responses"]}
        )
    if not given and all(values[name] is None for name in MEASURES):
        problems.append(_("give at least one figure: a grade distribution, grade_mean, nps, csat or ces"))
    if (period, channel.casefold()) in seen:
        problems.append(
            _("this period and channel are already in the file on line %(line)s")
            % {"line": seen[(period, channel.casefold())]}
        )
    seen.setdefault((period, channel.casefold()), line)
    row: FiguresRow = {
        "line": line,
        "period": period,
        "channel": channel,
        "responses": values["responses"],
        "grade_counts": counts if len(given) == len(counts) else None,
        "grade_mean": values["grade_mean"],
        "nps": values["nps"],
        "csat": values["csat"],
        "ces": values["ces"],
    }
    return row, problems


def parse_figures_csv(upload: UploadedFile[bytes]) -> tuple[list[FiguresRow], list[LineError]]:
    """(rows, errors); when there is any error, the caller must load nothing."""
    text, problem = _decode(upload)
    if problem:
        return [], [LineError(0, problem)]
    assert text is not None  # _decode gives the text whenever it gives no problem
    if not text.strip():
        return [], [LineError(0, _("The file is empty."))]
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        columns = _header(next(reader))
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            message = _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
            return [], [LineError(1, message)]
        rows: list[FiguresRow] = []
        errors: list[LineError] = []
        seen: dict[tuple[str, str], int] = {}
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) + len(errors) >= MAX_CSV_ROWS:
                errors.append(LineError(line, _("The file has more than %(max)s rows.") % {"max": MAX_CSV_ROWS}))
                break
            row, problems = _row(line, cells, columns, seen)
            if problems:
                errors.append(LineError(line, "; ".join(problems)))
            else:
                rows.append(row)
    except csv.Error as exc:
        return [], [LineError(reader.line_num, _("The file could not be read as CSV (%(error)s).") % {"error": exc})]
    if not rows and not errors:
        errors.append(LineError(0, _("The file has no rows below the header.")))
    return rows, errors
