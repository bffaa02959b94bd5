"""Exports of an assessment's results: scores per factor and group, and anonymised raw answers.

Each exporter returns `(filename, content_type, content)`, where content is an iterator of strings (CSV
streams, so 10,000 respondents never become 10,000 objects in memory) or a temporary file (Excel, written
row by row to disk, so memory stays bounded whatever the size). Scores come from
`score_assessment`, so hidden groups are listed with their respondent count and reason only; the words
(reasons, units) come from `results.wording`, the same as on the dashboard and in the PDF.
"""

from collections.abc import Callable, Iterator

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.core.sheets import CSV_TYPE, XLSX_TYPE, Export, csv_stream, xlsx
from assessments.questionnaire.models import Assessment
from assessments.results.exports.answers import about_rows, answer_header, answer_rows, statements_of
from assessments.results.exports.scores import score_header, score_rows
from assessments.scoring import score_assessment

KINDS = ("scores", "answers")
FORMATS = ("csv", "xlsx")


def _filename(assessment: Assessment, kind: str, fmt: str) -> str:
    return f"{slugify(assessment.title) or 'assessment'}-{kind}.{fmt}"


def export_scores(*, assessment: Assessment, fmt: str, language: str) -> Export:
    result = score_assessment(assessment=assessment)
    with translation.override(language):
        header, rows = score_header(), list(score_rows(result, language))
        if fmt == "csv":
            content = list(csv_stream(header, rows, language=language))
            return _filename(assessment, "scores", "csv"), CSV_TYPE, iter(content)
        return _filename(assessment, "scores", "xlsx"), XLSX_TYPE, xlsx([(_("Scores"), header, rows)])


def export_answers(*, assessment: Assessment, fmt: str, language: str) -> Export:
    result = score_assessment(assessment=assessment)
    statements = statements_of(assessment)
    with translation.override(language):
        header = answer_header(statements, ambition=assessment.ask_ambition, language=language)
        rows = answer_rows(assessment=assessment, result=result, language=language, statements=statements)
        if fmt == "csv":
            stream = csv_stream(header, rows, language=language)
            return _filename(assessment, "answers", "csv"), CSV_TYPE, _translated(stream, language)
        about = about_rows(statements, result=result, language=language)
        return (
            _filename(assessment, "answers", "xlsx"),
            XLSX_TYPE,
            xlsx([(_("Answers"), header, rows), (_("About"), [_("About this export")], about)]),
        )


def _translated(stream: Iterator[str], language: str) -> Iterator[str]:
    """Keep the export's language while a streaming response is consumed outside the view."""
    while True:
        with translation.override(language):
            try:
                chunk = next(stream)
            except StopIteration:
                return
        yield chunk


EXPORTERS: dict[str, Callable[..., Export]] = {"scores": export_scores, "answers": export_answers}


def export(*, assessment: Assessment, kind: str, fmt: str, language: str) -> Export:
    """(filename, content type, iterator of str or a temporary file); ValueError for an unknown kind or format."""
    if kind not in EXPORTERS or fmt not in FORMATS:
        raise ValueError(f"unknown export {kind}.{fmt}")
    return EXPORTERS[kind](assessment=assessment, fmt=fmt, language=language)
