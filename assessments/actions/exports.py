"""The action plan as CSV or Excel: (filename, content type, content).

Written by `core.sheets`, like every export: nothing a spreadsheet would run as a formula, Dutch CSV for Excel.
"""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.actions.selectors.plan import is_overdue, plan_actions
from assessments.core import sheets
from assessments.organisations.models import Organisation

FORMATS = ("csv", "xlsx")


def _header() -> list[str]:
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


def _rows(organisation: Organisation, language: str) -> Iterator[list[str]]:
    today = timezone.localdate()
    for action in plan_actions(organisation=organisation):
        yield [
            action.text("title", language),
            action.factor_name(language),
            ", ".join(action.statement_codes),
            action.owner_label(),
            action.due_date.isoformat() if action.due_date else "",
            str(action.get_status_display()),
            _("yes") if is_overdue(action, today=today) else "",
            action.text("success_measure", language),
            action.notes,
            action.assessment.title if action.assessment else "",
            timezone.localtime(action.created_at).date().isoformat(),
            timezone.localtime(action.completed_at).date().isoformat() if action.completed_at else "",
        ]


def export_plan(*, organisation: Organisation, fmt: str, language: str) -> sheets.Export:
    rows = list(_rows(organisation, language))
    stamp = timezone.localdate().isoformat()
    filename = f"{slugify(organisation.name) or 'organisation'}-action-plan-{stamp}.{fmt}"
    if fmt == "csv":
        return filename, sheets.CSV_TYPE, sheets.csv_bytes(_header(), rows, language=language)
    return filename, sheets.XLSX_TYPE, sheets.xlsx([(_("Action plan"), _header(), rows)])
