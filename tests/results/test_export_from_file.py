"""Excel exports are written to a temporary file and sent from it (issue 26: memory bounded whatever the size).

The answers of many respondents come out as the same cells as the workbook built in memory before, and the
response streams the file and closes (so removes) it once it is sent."""

import io

import pytest
from django.http import FileResponse
from openpyxl import load_workbook
from xlsxwriter import Workbook

from assessments.core import sheets
from assessments.results import exports
from tests import factories

pytestmark = pytest.mark.django_db

RESPONDENTS = 240


def _in_memory_workbook(written):
    """The workbook as it was built before it went to a file: into a BytesIO, same options, same cell writer."""
    buffer = io.BytesIO()
    workbook = Workbook(buffer, sheets.WORKBOOK_OPTIONS)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for title, header, rows in written:
        sheet = workbook.add_worksheet(title[:31])
        sheets._write_row(sheet, 0, header, date_format)
        for index, row in enumerate(rows, start=1):
            sheets._write_row(sheet, index, row, date_format)
    workbook.close()
    return buffer.getvalue()


def _cells(workbook_file):
    book = load_workbook(workbook_file, read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_the_answers_of_many_respondents_stream_from_a_file_with_the_same_cells(
    org_a, model_version, manager_a, client_for, monkeypatch
):
    teams = [factories.make_team(organisation=org_a, name=name) for name in ("Sales", "Service")]
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=teams)
    for seed, team in enumerate(teams):
        factories.make_random_responses(assessment=assessment, count=RESPONDENTS // 2, team=team, seed=seed)
    before = {}

    def xlsx_and_the_old_way(written):
        written = [(title, header, list(rows)) for title, header, rows in written]
        before["cells"] = _cells(io.BytesIO(_in_memory_workbook(written)))
        before["file"] = sheets.xlsx(written)
        return before["file"]

    monkeypatch.setattr(exports, "xlsx", xlsx_and_the_old_way)

    response = client_for(manager_a).get(
        f"/a/{assessment.public_id}/results/export/answers.xlsx", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert isinstance(response, FileResponse)
    assert response.streaming
    assert (response["Content-Disposition"], response["Cache-Control"]) == (
        f'attachment; filename="{exports._filename(assessment, "answers", "xlsx")}"',
        "private, no-store",
    )
    assert not before["file"].closed
    body = response.getvalue()
    assert int(response["Content-Length"]) == len(body)
    assert before["file"].closed  # sent, so closed: an anonymous temporary file is gone once closed
    after = _cells(io.BytesIO(body))
    assert list(after) == ["Answers", "About"]
    assert len(after["Answers"]) == RESPONDENTS + 1  # the header and one row per respondent
    assert after == before["cells"]


def test_a_workbook_file_is_rewound_and_readable_from_the_start():
    workbook = sheets.xlsx([("S", ["Name", "Score"], iter([["a", 1], ["b", 2.5]]))])

    assert workbook.tell() == 0
    assert _cells(workbook) == {"S": [["Name", "Score"], ["a", 1], ["b", 2.5]]}
