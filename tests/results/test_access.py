"""Who may see results and exports: members of the organisation; raw answers only for those who manage."""

import pytest
from django.test import Client

from assessments.organisations.models import ActivityLog

DASHBOARD = "/a/{id}/results/"
SCORES = "/a/{id}/results/export/scores.csv"
ANSWERS = "/a/{id}/results/export/answers.xlsx"


@pytest.fixture
def assessment(make_scan):
    return make_scan(sizes={("sales", "board"): 6, ("north", "front"): 6})


@pytest.mark.parametrize(
    ("persona", "dashboard", "scores", "answers"),
    [
        ("manager_a", 200, 200, 200),
        ("consultant_ab", 200, 200, 200),
        ("viewer_a", 200, 200, 403),
        ("manager_b", 404, 404, 404),
        ("outsider", 404, 404, 404),
    ],
)
def test_personas(request, assessment, client_for, persona, dashboard, scores, answers):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(DASHBOARD.format(id=assessment.public_id)).status_code == dashboard
    assert client.get(SCORES.format(id=assessment.public_id)).status_code == scores
    assert client.get(ANSWERS.format(id=assessment.public_id)).status_code == answers


def test_anonymous_is_sent_to_sign_in(assessment):
    for url in (DASHBOARD, SCORES, ANSWERS):
        response = Client().get(url.format(id=assessment.public_id))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_unknown_assessment_and_bad_export_kinds(assessment, manager_a, client_for):
    client = client_for(manager_a)
    assert client.get("/a/00000000-0000-0000-0000-000000000000/results/").status_code == 404
    for bad in ("scores.pdf", "everything.csv", "answers.CSV", "scores.csv.exe"):
        assert client.get(f"/a/{assessment.public_id}/results/export/{bad}").status_code == 404
    assert client.post(DASHBOARD.format(id=assessment.public_id)).status_code == 405


def test_exports_are_logged_and_named(assessment, manager_a, client_for):
    response = client_for(manager_a).get(SCORES.format(id=assessment.public_id))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{assessment.title.lower().replace(" ", "-")}-scores.csv"'
    )
    entry = ActivityLog.objects.get(organisation=assessment.organisation)
    assert (entry.verb, entry.actor) == ("exported", manager_a)


def test_excel_export_opens(assessment, manager_a, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(manager_a).get(ANSWERS.format(id=assessment.public_id))
    workbook = load_workbook(BytesIO(response.getvalue()), read_only=True)
    sheet = workbook["Answers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Respondent", "Team", "Role")
    assert len(rows) == 13  # header + 12 respondents
    assert {r[1] for r in rows[1:]} == {"Sales", "Service North"}


@pytest.mark.django_db
def test_how_we_score_is_public_in_both_languages(client):
    english = client.get("/how-we-score/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert b"consensus = 100" in english.content
    assert b'id="priorities"' in english.content
    client.cookies["django_language"] = "nl"
    dutch = client.get("/how-we-score/")
    assert dutch.status_code == 200
    assert b'lang="nl"' in dutch.content
