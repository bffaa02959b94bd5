"""Every output tells the same story: dashboard, `score_assessment --json`, both exports and the PDF.

The scenario (threshold 5): management (Board, 6 people) is shown, but only 3 of them answered enough of
factor f1, so management's f1 is hidden for the threshold while staff's f1 is shown. Service North has
6 respondents but is hidden to prevent subtraction: its parent Service has only 4 more.
"""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from assessments.results import wording
from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from tests import factories

# Management has 6 respondents, but only 3 answered enough of f1 to count: hidden for too few counted.
COUNTED_TEXT = {
    "en": "hidden: fewer than 5 of the 6 respondents counted for this factor",
    "nl": "verborgen: minder dan 5 van de 6 respondenten telden mee voor deze factor",
}
SUBTRACTION_TEXT = {"en": "hidden to prevent subtraction", "nl": "verborgen om terugrekenen te voorkomen"}
SUBTRACTION_SUMMARY = {
    "en": "1 team is not shown separately (hidden to prevent subtraction).",
    "nl": "1 team wordt niet apart getoond (verborgen om terugrekenen te voorkomen).",
}


def _answers(version, value, *, skip=()):
    codes = [s.code for f in version.factors.all() for s in f.statements.all() if f.code not in skip]
    return dict.fromkeys(codes, (value, 5))


@pytest.fixture
def story(org_a, model_version, structure):
    assessment = factories.make_assessment(
        organisation=org_a,
        model_version=model_version,
        teams=[structure["sales"], structure["service"], structure["north"]],
        roles=[structure["board"], structure["front"]],
        ask_ambition=True,
    )
    sales, service, north = structure["sales"], structure["service"], structure["north"]
    board, front = structure["board"], structure["front"]
    full, board_skips_f1 = _answers(model_version, 4), _answers(model_version, 2, skip={"f1"})
    factories.make_responses(assessment=assessment, answers=[full] * 8, team=sales, role=front)
    factories.make_responses(assessment=assessment, answers=[full] * 3 + [board_skips_f1] * 3, team=sales, role=board)
    factories.make_responses(assessment=assessment, answers=[full] * 5, team=sales)  # no role given
    factories.make_responses(assessment=assessment, answers=[full] * 4, team=service, role=front)
    factories.make_responses(assessment=assessment, answers=[_answers(model_version, 3)] * 6, team=north, role=front)
    return assessment


def _flat(text):
    return re.sub(r"\s+", " ", text)


def test_the_scenario(story):
    result = score_assessment(assessment=story)
    teams = {t.group.name_en: t for t in result.teams}
    assert (teams["Service North"].respondents, teams["Service North"].suppressed_reason) == (6, "differencing")
    assert not teams["Sales"].suppressed
    assert not teams["Service"].suppressed
    f1 = result.management.factor("f1")
    hidden = (result.management.suppressed, f1.suppressed, f1.suppressed_reason, f1.n)
    assert hidden == (False, True, "too_few_counted", None)
    assert not result.staff.factor("f1").suppressed
    assert wording.visible_factor_codes(result.management) == ["f2", "f3"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_dashboard_says_it(story, manager_a, client_for, language):
    client = client_for(manager_a)
    html = _flat(client.get(f"/a/{story.public_id}/results/", HTTP_ACCEPT_LANGUAGE=language).content.decode())
    gap_table = html.split('id="gap-title"')[1].split("</section>")[0]
    rows = re.findall(r'<th scope="row" class="fw-normal">(.*?)</th>(.*?)</tr>', gap_table)
    suffix = " (nl)" if language == "nl" else ""
    assert [name for name, _cells in rows] == [f"Factor {i}{suffix}" for i in (1, 2, 3)]
    assert COUNTED_TEXT[language] in rows[0][1]
    assert COUNTED_TEXT[language] not in rows[1][1] + rows[2][1]
    heatmap = html.split('class="heatmap-phone')[1].split("</table>")[0]
    north = heatmap.split("Service North", 1)[1].split("</th>")[0]
    assert f'<span class="d-block small text-body-secondary">{SUBTRACTION_TEXT[language]}</span>' in north
    assert SUBTRACTION_SUMMARY[language] in html


def test_json_says_it(story):
    out = StringIO()
    call_command("score_assessment", str(story.public_id), "--json", "--language", "nl", stdout=out)
    data = json.loads(out.getvalue())
    north = next(t for t in data["teams"] if t["group"]["name_en"] == "Service North")
    assert (north["suppressed_reason"], north["suppressed_reason_text"]) == ("differencing", SUBTRACTION_TEXT["nl"])
    assert [t["group"]["name_en"] for t in data["teams"] if not t["suppressed"]] == ["Sales", "Service"]
    management = {f["factor_code"]: f for f in data["management"]["factors"]}
    assert management["f1"]["suppressed_reason_text"] == COUNTED_TEXT["nl"]
    assert management["f1"]["n"] is None
    assert [code for code, f in management.items() if not f["suppressed"]] == ["f2", "f3"]


def _csv(response, delimiter):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


@pytest.mark.parametrize(("language", "delimiter"), [("en", ","), ("nl", ";")])
def test_scores_export_says_it(story, manager_a, client_for, language, delimiter):
    client = client_for(manager_a)
    response = client.get(f"/a/{story.public_id}/results/export/scores.csv", HTTP_ACCEPT_LANGUAGE=language)
    rows = _csv(response, delimiter)
    status = {(r[0], r[1], r[3]): r[5] for r in rows[1:]}
    management = "Management"
    assert status[(management, management, "f1")] == COUNTED_TEXT[language]
    assert status[(management, management, "f2")] == ("shown" if language == "en" else "zichtbaar")
    north = {v for (kind, name, _f), v in status.items() if name == "Service North"}
    assert north == {SUBTRACTION_TEXT[language]}
    counted = {(r[1], r[3]): r[6] for r in rows[1:]}
    assert counted[(management, "f1")] == ""  # a hidden cell shows no count
    assert (
        rows[0][16]  # after the score's margin of error (column 10)
        == {
            "en": "Gap to ambition (ambition − current, 0–100 points)",
            "nl": "Verschil met ambitie (ambitie − huidig, 0–100 punten)",
        }[language]
    )
    # Dutch Excel: decimal comma in the numbers.
    scores = [r[9] for r in rows[1:] if r[9]]
    assert all(("," in s) == (language == "nl") or "." not in s and "," not in s for s in scores)


def test_answers_export_says_it(story, manager_a, client_for):
    client = client_for(manager_a)
    response = client.get(f"/a/{story.public_id}/results/export/answers.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    answers = list(workbook["Answers"].iter_rows(values_only=True))
    teams = {row[1] for row in answers[1:]}
    assert "Service North" not in teams
    assert teams <= {"Sales", "Service", "Other"}
    # Roles are kept where the rules allow: Front office and Board are shown groups.
    roles = [row[2] for row in answers[1:]]
    assert roles.count("Board") == 6
    assert roles.count("Front office") == 18
    assert answers[0][3].startswith("f1s1: ")
    about = [row[0] for row in workbook["About"].iter_rows(values_only=True)]
    assert SUBTRACTION_SUMMARY["en"] in about


@pytest.mark.parametrize("language", ["en", "nl"])
def test_pdf_says_it(story, language):
    with translation.override(language):
        pdf = build_report_pdf(assessment=story, language=language)
    text = _flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))
    assert SUBTRACTION_SUMMARY[language] in text
    names = {"en": "Factor {}", "nl": "Factor {} (nl)"}[language]
    # Management vs staff lists every factor; only management's f1 is hidden, with the dashboard's words.
    assert f"{names.format(1)} {COUNTED_TEXT[language]} 67 –" in text
    assert f"{names.format(2)} 50 67 −17" in text
    assert f"{names.format(3)} 50 67 −17" in text
    assert "Not enough responses to compare" not in text
    # The teams shown are the dashboard's and the JSON's: Sales and Service, not Service North.
    assert "Sales 19 Service 10" in text
    assert "Service North" not in text
