"""The portfolio as CSV or Excel. Organisation names are typed by people: a cell that a spreadsheet would read
as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe, so it stays text."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.benchmarks.hooks import EMPTY
from assessments.benchmarks.portfolio import PortfolioRow
from assessments.core import sheets
from assessments.scoring import statistics
from assessments.scoring.rounding import display_round

FORMATS = ("csv", "xlsx")


def _header() -> list[str]:
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
        _("Margin of error of the change (95%, ±)"),
        _("Change beyond the margin"),
        _("Basics / 9+"),
        _("Action plan"),
    ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else _("yes") if value else _("no")


def _cells(row: PortfolioRow, language: str) -> list[Any]:
    a, o = row.assessment, row.organisation

    def blank(value: str) -> str:
        return "" if value == EMPTY else value  # a spreadsheet cell is empty, not a dash

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
        display_round(row.change_margin, 1),
        _yes_no(statistics.meaningful(row.change, row.change_margin)),
        blank(row.basics_split),
        blank(row.action_plan),
    ]


def export_portfolio(*, rows: Iterable[PortfolioRow], fmt: str, language: str) -> sheets.Export:
    filename = f"portfolio-{timezone.localdate().isoformat()}.{fmt}"
    table = [_cells(row, language) for row in rows]
    if fmt == "xlsx":
        return filename, sheets.XLSX_TYPE, sheets.xlsx([(_("Portfolio"), _header(), table)])
    return filename, sheets.CSV_TYPE, sheets.csv_bytes(_header(), table, language=language)
