"""The portfolio as CSV or Excel. Organisation names are typed by people: a cell that a spreadsheet would read
as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe, so it stays text."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from assessments.benchmarks.hooks import EMPTY

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _header():
    return [
        _("Organisation"),
        _("Sector"),
        _("Size"),
        _("Your role"),
        _("Latest assessment"),
        _("Status"),
        _("Response rate (%)"),
        _("Index"),
        _("Level"),
        _("Change since previous round"),
        _("Basics / 9+"),
        _("Action plan"),
    ]


def _cells(row, language):
    a, o = row.assessment, row.organisation
    blank = lambda v: "" if v == EMPTY else v  # noqa: E731 (a spreadsheet cell is empty, not a dash)
    return [
        o.name,
        o.sector,
        o.get_size_band_display() if o.size_band else "",
        row.role,
        a.title if a else "",
        a.get_status_display() if a else _("No assessment yet"),
        row.response_rate,
        row.index,
        row.level.t("name", language) if row.level else "",
        row.change,
        blank(row.basics_split),
        blank(row.action_plan),
    ]


def export_portfolio(*, rows, fmt, language) -> tuple[str, str, bytes]:
    filename = f"portfolio-{timezone.localdate().isoformat()}.{fmt}"
    table = [[neutralise(v) for v in _cells(row, language)] for row in rows]
    header = _header()
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Portfolio")[:31])
        sheet.append(header)
        for line in table:
            sheet.append(line)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return filename, XLSX_TYPE, buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in line] for line in table)
    return filename, CSV_TYPE, ("\ufeff" + text.getvalue()).encode()
