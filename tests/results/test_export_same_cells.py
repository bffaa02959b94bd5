"""The Excel and the CSV export of the same results carry the same cells (issue 26): the Excel is read
back with openpyxl and each cell written as the CSV writes it (text neutralised, the decimal comma for
Dutch Excel, an empty cell as an empty field). Numbers are compared as numbers: Excel keeps no
difference between 3 and 3.0, which the CSV writes as "3.0"."""

import csv
import io

import pytest
from openpyxl import load_workbook

from assessments.core.sheets import csv_dialect, csv_stream, neutralise, xlsx
from assessments.results import exports
from tests import factories

pytestmark = pytest.mark.django_db


def _number(text, language):
    """A field that reads as a number, as that number (a float); any other field as its text."""
    try:
        return float(text.replace(",", ".") if language == "nl" else text)
    except ValueError:
        return text


def _csv_rows(content, language):
    text = "".join(content) if not isinstance(content, bytes) else content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = csv.reader(io.StringIO(text[1:]), delimiter=csv_dialect(language)["delimiter"])
    return [[_number(field, language) for field in row] for row in rows]


def _as_csv(value, language):
    """An Excel cell as the CSV export writes the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", csv_dialect(language)["decimal"]) if language == "nl" else text
    if isinstance(value, int):
        return str(value)
    return str(neutralise(value))


def _xlsx_rows(content, language):
    sheet = load_workbook(content, read_only=True).worksheets[0]
    rows = [[_number(_as_csv(v, language), language) for v in row] for row in sheet.iter_rows(values_only=True)]
    # The CSV writes every row to its full length; openpyxl stops at the sheet's last used column.
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def _trimmed(rows):
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


@pytest.fixture
def answered(org_a, model_version):
    teams = [factories.make_team(organisation=org_a, name=name) for name in ("Sales", "=Service", "Support")]
    roles = [factories.make_role(organisation=org_a, name="Front office"), factories.make_role(organisation=org_a)]
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=teams, roles=roles)
    for seed, (team, role) in enumerate((t, r) for t in teams for r in roles):
        factories.make_random_responses(assessment=assessment, count=6, team=team, role=role, seed=seed, dont_know=0.2)
    return assessment


@pytest.mark.parametrize("kind", ["answers", "scores"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_excel_and_csv_exports_carry_the_same_cells(answered, kind, language):
    _name, _type, csv_content = exports.export(assessment=answered, kind=kind, fmt="csv", language=language)
    _name, _type, xlsx_content = exports.export(assessment=answered, kind=kind, fmt="xlsx", language=language)

    csv_rows = _trimmed(_csv_rows(csv_content, language))
    xlsx_rows = _xlsx_rows(xlsx_content, language)

    assert len(csv_rows) > 30 if kind == "answers" else len(csv_rows) > 5
    assert xlsx_rows == csv_rows


def test_the_sheet_writer_and_the_csv_writer_agree_cell_by_cell():
    header = ["Respondent", "=Team", "Role", "f1s1: Text"]
    rows = [[1, "Sales", None, 3], [2, "+Service", "Board", "dk"], [3, "Other", "", 2.5], [4, "-x", "@y", None]]

    for language in ("en", "nl"):
        written = _trimmed(_csv_rows(list(csv_stream(header, rows, language=language)), language))
        assert _xlsx_rows(xlsx([("S", header, iter(rows))]), language) == written
