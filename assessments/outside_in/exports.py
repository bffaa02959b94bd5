"""Exports of the customer check: the customers' answers (anonymous) and the summary, as CSV or Excel.

Answers carry no date and no order of arrival; only links whose figures are shown are included. Every
text cell that a spreadsheet could read as a formula (=, +, -, @, tab, CR) is prefixed with a quote.
"""

from typing import Any

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.core import sheets
from assessments.outside_in.models import NOT_APPLICABLE, CustomerCheck
from assessments.outside_in.selectors import OutsideInSummary, answers_for_export, customer_factors, outside_in_summary
from assessments.questionnaire.models import Assessment
from assessments.scoring.rounding import display_round

KINDS = ("answers", "summary")
FORMATS = ("csv", "xlsx")


def _round(value: float | None, digits: int = 1) -> float | None:
    rounded: float | None = display_round(value, digits)
    return rounded


Table = tuple[list[Any], list[list[Any]]]  # (header, rows), as core.sheets writes them


def _answer_cell(value: int | str | None) -> int | str | None:
    return _("not applicable") if value == NOT_APPLICABLE else value


def _answer_table(check: CustomerCheck, summary: OutsideInSummary, assessment: Assessment) -> Table:
    factors = customer_factors(assessment=assessment)
    header: list[Any] = [
        _("Link"),
        _("Language"),
        _("Grade"),
        _("Recommend (0-10)"),
        _("Easy to arrange (1-5)"),
        _("Ease, earlier question (1-7)"),
    ]
    header += [f.code for f in factors] + [_("Open answer")]
    rows: list[list[Any]] = []
    responses = answers_for_export(check=check, summary=summary)
    # Sorted by the answers themselves, so the order says nothing about when anyone answered.
    responses.sort(key=lambda r: (r.link.label, r.grade, r.recommend or -1, r.ease or 0, r.effort or 0, r.open_answer))
    for r in responses:
        row: list[Any] = [r.link.label, r.language, r.grade, r.recommend, r.ease, r.effort]
        row += [_answer_cell(r.factor_answers.get(f.code)) for f in factors] + [r.open_answer]
        rows.append(row)
    return header, rows


def _summary_table(summary: OutsideInSummary) -> Table:
    header: list[Any] = [
        _("Group"),
        _("Period"),
        _("Imported"),
        _("Responses"),
        _("Shown"),
        _("Grade (mean)"),
        _("Grade margin of error (95%, ±)"),
        _("Share of 9s and 10s (%)"),
        _("Share of 9s and 10s, 95% interval low (%)"),
        _("Share of 9s and 10s, 95% interval high (%)"),
        _("NPS"),
        _("Found it easy to arrange (% agree)"),
        _("Ease, earlier question or imported CES (1-7)"),
        _("CSAT (%)"),
    ]
    rows: list[list[Any]] = []
    overall = summary.overall
    for fig in (overall, *summary.links, *summary.imported):
        label = fig.label or _("All customer links")
        rows.append(
            [
                label,
                fig.period,
                _("yes") if fig.imported else _("no"),
                fig.n,
                _("yes") if fig.shown else _("no"),
                _round(fig.grade_mean, 2),
                _round(fig.grade_margin, 2),
                _round(fig.nine_plus_share),
                _round(fig.nine_plus_interval[0]) if fig.nine_plus_interval else None,
                _round(fig.nine_plus_interval[1]) if fig.nine_plus_interval else None,
                _round(fig.nps),
                _round(fig.ease_agree),
                _round(fig.ease, 2),
                _round(fig.csat),
            ]
        )
    return header, rows


def export(*, assessment: Assessment, check: CustomerCheck, kind: str, fmt: str, language: str) -> sheets.Export:
    with translation.override(language):
        summary = outside_in_summary(assessment=assessment, check=check)
        if kind == "answers":
            header, rows = _answer_table(check, summary, assessment)
        else:
            header, rows = _summary_table(summary)
        name = f"{slugify(assessment.title) or 'assessment'}-customers-{kind}-{timezone.localdate():%Y%m%d}.{fmt}"
        if fmt == "csv":
            return name, sheets.CSV_TYPE, sheets.csv_bytes(header, rows, language=language)
        return name, sheets.XLSX_TYPE, sheets.xlsx([(kind, header, rows)])
