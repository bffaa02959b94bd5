"""The service blueprint of a journey (issue 27, item 6): lanes filled from hand-built answers, the anonymity
rules, the page, the PDF (read back with pdftotext) and the PowerPoint file (read back with python-pptx)."""

import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pptx import Presentation

from assessments.journeys import services
from assessments.journeys.blueprint import BACK, FRONT, SUPPORT, lane_of, service_blueprint
from assessments.journeys.blueprint_files import cell_lines
from tests import factories
from tests.journeys.conftest import tie

pytestmark = pytest.mark.django_db

BASE = {f"f{i}s{j}": 4 for i in range(1, 4) for j in range(1, 5)}
# The layered test model cycles the statements' gaps: s1 knowledge (support), s2 standards (back stage),
# s3 delivery and s4 communication (front stage). Desk's answers, six people alike (scores 0-100 from 1-5):
DESK = {**BASE, "f1s3": 1, "f2s4": 2, "f3s3": 3, "f2s2": 2, "f3s1": 3}


def _url(name, org, journey, round_=None):
    url = reverse(name, kwargs={"org": org.public_id, "journey": journey.public_id})
    return f"{url}?round={round_.public_id}" if round_ else url


@pytest.fixture
def answered(round_with_check, desk, billing, journey):
    factories.make_responses(assessment=round_with_check, answers=[dict(DESK) for _ in range(6)], team=desk)
    factories.make_responses(assessment=round_with_check, answers=[dict(BASE) for _ in range(5)], team=billing)
    intake = journey.moments.get(name_en="Intake")
    tie(intake, round_with_check.customer_check, "Desk", [9] * 6 + [7] * 4)
    return round_with_check


def test_the_lanes_hold_the_owning_teams_weakest_statements(answered, journey):
    blueprint = service_blueprint(journey=journey, assessment=answered, language="en")
    assert [c.name for c in blueprint.columns] == ["Intake", "First appointment", "Invoice"]
    assert [c.step for c in blueprint.columns] == [1, 2, 3]
    intake, appointment, invoice = blueprint.columns

    def placed(column, lane):
        return [(p.code, p.score) for p in column.cells[lane]]

    assert placed(intake, FRONT) == [("f1s3", 0.0), ("f2s4", 25.0)]
    assert placed(intake, BACK) == [("f2s2", 25.0), ("f1s2", 75.0)]
    assert placed(intake, SUPPORT) == [("f3s1", 50.0), ("f1s1", 75.0)]
    assert intake.cells == appointment.cells  # the same owning team
    assert intake.team_name == "Desk"
    assert invoice.team_name == "Billing"
    assert placed(invoice, FRONT) == [("f1s3", 75.0), ("f1s4", 75.0)]
    assert intake.cells[FRONT][0].text == "Statement f1s3."
    assert intake.cells[FRONT][0].detail == "Factor 1 · score 0"
    # The customers of Intake: ten, six 9s and four 7s.
    assert intake.customer_lines == (
        "10 customers",
        "Average grade: 8.2",
        "7 or higher: 100%",
        "9 or 10: 60%",
        "Against the target: on target",
    )
    assert appointment.customer_lines == ("No customer link tied to this moment in this round.",)
    assert (intake.team_note, invoice.team_note) == ("", "")


def test_the_lanes_in_dutch(answered, journey):
    blueprint = service_blueprint(journey=journey, assessment=answered, language="nl")
    intake = blueprint.columns[0]
    assert intake.name == "Intake"
    assert blueprint.columns[1].name == "Eerste afspraak"
    assert intake.cells[FRONT][0].text == "Stelling f1s3."
    assert intake.customer_lines[0] == "10 klanten"


def test_a_team_hidden_by_the_subtraction_guard_places_nothing(round_with_check, desk, billing, journey):
    """Desk (6) and Billing (2) make the organisation (8): Billing is below the threshold, so Desk is hidden too."""
    factories.make_responses(assessment=round_with_check, answers=[dict(DESK) for _ in range(6)], team=desk)
    factories.make_responses(assessment=round_with_check, answers=[dict(BASE) for _ in range(2)], team=billing)
    blueprint = service_blueprint(journey=journey, assessment=round_with_check, language="en")
    for column in blueprint.columns:
        assert all(cells == () for cells in column.cells.values())
    assert blueprint.columns[0].team_note.startswith("Hidden to prevent subtraction")
    assert blueprint.columns[2].team_note.startswith("Hidden")


def test_without_an_owning_team_or_a_round(org_a, manager_a, journey, round_with_check):
    services.create_moment(
        journey=journey, actor=manager_a, name_en="Goodbye", name_nl="Afscheid", team=None, target="basics"
    )
    blueprint = service_blueprint(journey=journey, assessment=round_with_check, language="en")
    assert blueprint.columns[-1].team_note == "No owning team named for this moment."
    bare = service_blueprint(journey=journey, assessment=None, language="en")
    assert bare.columns[0].team_note == "Choose a round to see the team's weakest statements."
    assert bare.columns[0].customer_lines == ()


def test_lane_mapping():
    assert [lane_of(gap=g, factor_code="x") for g in ("delivery", "communication", "standards", "knowledge")] == [
        FRONT,
        FRONT,
        BACK,
        SUPPORT,
    ]
    assert lane_of(gap="", factor_code="emotional_feedback") == SUPPORT
    assert lane_of(gap="", factor_code="unknown") == BACK


def test_the_page_shows_the_blueprint(answered, journey, org_a, viewer_a, client_for):
    response = client_for(viewer_a).get(_url("journey_blueprint", org_a, journey))
    assert response.status_code == 200
    assert response.context["blueprint"] == service_blueprint(journey=journey, assessment=answered, language="en")
    text = response.content.decode()
    for words in ("Customer actions", "Front stage", "Back stage", "Support processes", "Systems", "Statement f1s3."):
        assert words in text
    assert "Factor 1 · score 0" in text
    dutch = client_for(viewer_a).get(_url("journey_blueprint", org_a, journey), HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch.context["blueprint"] == service_blueprint(journey=journey, assessment=answered, language="nl")
    for words in ("Klantacties", "Frontstage", "Ondersteunende processen", "Systemen", "Stelling f1s3."):
        assert words in dutch.content.decode()


def test_an_unknown_round_is_a_404(answered, journey, org_a, manager_a, client_for, org_b, model_version):
    other = factories.make_assessment(organisation=org_b, model_version=model_version)
    client = client_for(manager_a)
    assert client.get(_url("journey_blueprint", org_a, journey, other)).status_code == 404
    assert client.get(_url("journey_blueprint", org_a, journey) + "?round=nonsense").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_reads_back(answered, journey, org_a, manager_a, client_for):
    response = client_for(manager_a).get(_url("journey_blueprint_pdf", org_a, journey, answered))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="blueprint-new-client.pdf"'
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    words = " ".join(text.split())
    for expected in (
        "New client · Service blueprint",
        "Customer actions",
        "Front stage",
        "Back stage",
        "Support processes",
        "Systems",
        "1. Intake",
        "2. First appointment",
        "3. Invoice",
        "Statement f1s3.",
        "Statement f2s2.",
        "Statement f3s1.",
        "Average grade: 8.2",
    ):
        assert expected in words, expected
    pages = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "Pages:           1" in pages
    assert "1190.55 x 841.89" in pages  # A3 landscape, in points


def test_the_powerpoint_reads_back(answered, journey, org_a, manager_a, client_for):
    response = client_for(manager_a).get(_url("journey_blueprint_pptx", org_a, journey, answered))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="blueprint-new-client.pptx"'
    deck = Presentation(io.BytesIO(response.content))
    assert len(deck.slides) == 1
    table = next(shape for shape in deck.slides[0].shapes if shape.has_table).table
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert [row[0].split("\n")[0] for row in rows[1:]] == [
        "Customer actions",
        "Front stage",
        "Back stage",
        "Support processes",
        "Systems",
    ]
    assert rows[0][1:] == ["1. Intake\nDesk", "2. First appointment\nDesk", "3. Invoice\nBilling"]
    blueprint = service_blueprint(journey=journey, assessment=answered, language="en")
    lanes = ("customer", "front", "back", "support", "systems")
    for r, lane in enumerate(lanes, start=1):
        for c, column in enumerate(blueprint.columns, start=1):
            expected = cell_lines(column, lane)
            if lane == "customer":
                expected = expected[1:]
            assert rows[r][c] == "\n".join(expected)
    assert rows[2][1] == "Statement f1s3.\nFactor 1 · score 0\nStatement f2s4.\nFactor 2 · score 25"
    assert rows[5][1] == ""  # systems: for the workshop


def test_many_moments_make_several_pages_and_slides(answered, journey, org_a, manager_a, client_for, desk):
    for i in range(5):
        services.create_moment(
            journey=journey, actor=manager_a, name_en=f"Extra {i}", name_nl=f"Extra {i}", team=desk, target="basics"
        )
    response = client_for(manager_a).get(_url("journey_blueprint_pptx", org_a, journey, answered))
    deck = Presentation(io.BytesIO(response.content))
    assert len(deck.slides) == 2
    second = next(shape for shape in deck.slides[1].shapes if shape.has_table).table
    assert second.cell(0, 1).text.startswith("5. Extra 1")  # four moments a slide
    if shutil.which("pdfinfo"):  # six moments a printed page: eight moments, two A3 sheets
        pdf = client_for(manager_a).get(_url("journey_blueprint_pdf", org_a, journey, answered)).content
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "Pages:           2" in info


def _journey_with(org, actor, count, team):
    journey = services.create_journey(
        organisation=org, actor=actor, name_en=f"J{count}", name_nl=f"J{count}", description_en="", description_nl=""
    )
    for i in range(count):
        services.create_moment(
            journey=journey, actor=actor, name_en=f"M{i}", name_nl=f"M{i}", team=team, target="basics"
        )
    return journey


def test_queries_do_not_grow_with_the_moments(answered, org_a, manager_a, client_for, desk, billing):
    one = _journey_with(org_a, manager_a, 1, desk)
    many = _journey_with(org_a, manager_a, 9, desk)
    many.moments.filter(name_en__in=["M2", "M5"]).update(team=billing)
    client = client_for(manager_a)
    client.get(_url("journey_blueprint", org_a, one))  # warm the result cache and the session
    counts = []
    for journey in (one, many):
        for name in ("journey_blueprint", "journey_blueprint_pptx"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(_url(name, org_a, journey)).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2]
    assert counts[1] == counts[3]


def test_who_may_open_it(answered, journey, org_a, org_b, manager_b, client_for, client):
    for name in ("journey_blueprint", "journey_blueprint_pdf", "journey_blueprint_pptx"):
        assert client_for(manager_b).get(_url(name, org_a, journey)).status_code == 404
        assert client.get(_url(name, org_a, journey)).status_code == 302
