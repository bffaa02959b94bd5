"""The action plan as CSV or Excel: (filename, content type, bytes).

Cells a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) are
written as text: in CSV with a leading apostrophe, in Excel as a string cell.
"""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from assessments.actions.selectors.plan import is_overdue, plan_actions
from assessments.organisations.models import Organisation

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    if value is None:
        return ""
    return f"'{value}" if is_formula_like(value) else value


def _header():
    return [
        _("Action"),
        _("Factor"),
        _("Statements"),
        _("Owner"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Success measure"),
        _("Notes"),
        _("Round"),
        _("Created"),
        _("Completed"),
    ]


def _rows(organisation, language):
    today = timezone.localdate()
    for action in plan_actions(organisation=organisation):
        yield [
            action.title,
            action.factor_name(language),
            ", ".join(action.statement_codes),
            action.owner_label(),
            action.due_date.isoformat() if action.due_date else "",
            str(action.get_status_display()),
            _("yes") if is_overdue(action, today=today) else "",
            action.success_measure,
            action.notes,
            action.assessment.title if action.assessment else "",
            timezone.localtime(action.created_at).date().isoformat(),
            timezone.localtime(action.completed_at).date().isoformat() if action.completed_at else "",
        ]


def _csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    # A byte order mark so Excel opens the UTF-8 file with its accents intact.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(header, rows, title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in [header, *rows]:
        sheet.append([None] * len(row))
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=sheet.max_row, column=column)
            cell.value = value
            if is_formula_like(value):
                cell.data_type = TYPE_STRING  # kept as typed: no formula is ever evaluated
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_plan(*, organisation: Organisation, fmt: str, language: str) -> tuple[str, str, bytes]:
    rows = list(_rows(organisation, language))
    stamp = timezone.localdate().isoformat()
    filename = f"{slugify(organisation.name) or 'organisation'}-action-plan-{stamp}.{fmt}"
    content = _csv(_header(), rows) if fmt == "csv" else _xlsx(_header(), rows, _("Action plan"))
    return filename, CONTENT_TYPES[fmt], content
