"""Writing rows safely, for every export (scores, answers, action plan, customer figures, portfolio): CSV
(plain or for Dutch Excel) and Excel workbooks.

Safety (OWASP "CSV injection"): a cell that starts with = + - @, a tab or a carriage return could be run
as a formula by a spreadsheet. In CSV such text gets a leading apostrophe; in Excel every text is stored
as a plain string cell, never as a formula.
Dutch Excel reads CSV with ";" between fields and a decimal comma: the Dutch export is written that way.
"""

import csv
import datetime
import math
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from xlsxwriter import Workbook

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What an exporter hands its view: small CSV at once, a CSV stream, or an Excel workbook in a temporary file;
# every exporter returns (filename, content type, content).
Content = bytes | Iterator[str] | IO[bytes]
Export = tuple[str, str, Content]


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


# Never turn a string into a formula, link or number, whichever write method is used; "constant_memory"
# keeps only the current row in memory (every sheet below is written row after row, cell after cell, as
# that mode requires); naive datetimes because Excel has no time zones.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}


def _write_row(sheet: Any, index: int, row: Iterable[object], date_format: Any) -> None:
    for column, value in enumerate(row):
        if value is None:
            continue  # an empty cell
        if isinstance(value, str):
            sheet.write_string(index, column, value)
        elif isinstance(value, bool):
            sheet.write_boolean(index, column, value)
        elif isinstance(value, (int, float, Decimal)) and math.isfinite(value):
            sheet.write_number(index, column, value)
        elif isinstance(value, (datetime.date, datetime.datetime)):
            sheet.write_datetime(index, column, value, date_format)
        else:  # lazy translations, NaN and anything else: as the text it shows
            sheet.write_string(index, column, str(value))


def xlsx(sheets: Iterable[tuple[str, list[Any], Iterable[list[Any]]]]) -> IO[bytes]:
    """A workbook with one sheet per (title, header, rows); rows may be a generator (read once, in order).

    Written to an anonymous temporary file, rewound, rather than to memory: the answers of 100,000 people make
    a workbook of some 20 MB. Send it with FileResponse (`core.downloads`), which reads it in blocks and
    closes it with the response; closing removes the file.
    """
    target = tempfile.TemporaryFile(prefix="cxm-export-", suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    try:
        workbook = Workbook(target, WORKBOOK_OPTIONS)
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for title, header, rows in sheets:
            sheet = workbook.add_worksheet(title[:31])
            _write_row(sheet, 0, header, date_format)
            for index, row in enumerate(rows, start=1):
                _write_row(sheet, index, row, date_format)
        workbook.close()
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target
