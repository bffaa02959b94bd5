"""The portfolio as CSV or Excel. Organisation names are typed by people: a cell that a spreadsheet would read
as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe, so it stays text."""

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.benchmarks.hooks import EMPTY
from assessments.core import sheets
from assessments.scoring.rounding import display_round

FORMATS = ("csv", "xlsx")


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
        display_round(row.index, 1),  # rounded once, here, by the one rule
        row.level.t("name", language) if row.level else "",
        display_round(row.change, 1),
        blank(row.basics_split),
        blank(row.action_plan),
    ]


def export_portfolio(*, rows, fmt, language) -> tuple[str, str, bytes]:
    filename = f"portfolio-{timezone.localdate().isoformat()}.{fmt}"
    table = [_cells(row, language) for row in rows]
    if fmt == "xlsx":
        return filename, sheets.XLSX_TYPE, sheets.xlsx([(_("Portfolio"), _header(), table)])
    return filename, sheets.CSV_TYPE, sheets.csv_bytes(_header(), table, language=language)
