"""Writing rows safely, for every export (scores, answers, action plan, customer figures, portfolio): CSV
(plain or for Dutch Excel) and Excel workbooks.

Safety (OWASP "CSV injection"): a cell that starts with = + - @, a tab or a carriage return could be run
as a formula by a spreadsheet. In CSV such text gets a leading apostrophe; in Excel every text is stored
as a plain string cell, never as a formula.
Dutch Excel reads CSV with ";" between fields and a decimal comma: the Dutch export is written that way.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_dialect(language: str) -> dict[str, str]:
    """Field separator and decimal mark: Dutch Excel expects ";" and a comma."""
    return {"delimiter": ";", "decimal": ","} if language == "nl" else {"delimiter": ",", "decimal": "."}


def _csv_value(value: object, decimal: str) -> object:
    if isinstance(value, float) and decimal != ".":
        return repr(value).replace(".", decimal)
    return neutralise(value)


def csv_stream(header: list[Any], rows: Iterable[list[Any]], *, language: str) -> Iterator[str]:
    dialect = csv_dialect(language)
    writer = csv.writer(_Echo(), delimiter=dialect["delimiter"])
    yield "\ufeff"  # the UTF-8 BOM: Excel then reads accents correctly
    yield writer.writerow([neutralise(v) for v in header])
    for row in rows:
        yield writer.writerow([_csv_value(v, dialect["decimal"]) for v in row])


def csv_bytes(header: list[Any], rows: Iterable[list[Any]], *, language: str) -> bytes:
    """The whole CSV at once, for small exports that are not streamed."""
    return "".join(csv_stream(header, rows, language=language)).encode("utf-8")


def _cells(sheet: Any, row: Iterable[object]) -> list[WriteOnlyCell]:
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would store "=..." as a live formula
        cells.append(cell)
    return cells


def xlsx(sheets: Iterable[tuple[str, list[Any], Iterable[list[Any]]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(_cells(sheet, header))
        for row in rows:
            sheet.append(_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
