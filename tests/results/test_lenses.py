"""The two lenses (basics vs 9+ moments, SERVQUAL) on the dashboard, in the exports and in the PDF.

v2 (per-factor) models only; anonymity applies to them like to any score.
"""

import csv
import io

import pytest
from pypdf import PdfReader

from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from tests import factories
from tests.results.report.builders import build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2_scan(org_a):
    version = factories.make_model_version(code="lensmodel", factors=3, per_factor=True)
    return build_scenario(model_version=version, organisation=org_a).assessment


def _dashboard(client, assessment, language):
    client.cookies["django_language"] = language
    response = client.get(f"/a/{assessment.public_id}/results/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _n(value):
    return f"{value:.0f}"


@pytest.mark.parametrize(
    ("language", "title", "basics", "moments", "perception"),
    [
        ("en", "Where the chain breaks", "basics", "9+ moments", "Perception gap: management and staff"),
        ("nl", "Waar de keten breekt", "basis", "9+-momenten", "Perceptiekloof: management en medewerkers"),
    ],
)
def test_dashboard_shows_both_lenses(v2_scan, manager_a, client_for, language, title, basics, moments, perception):
    result = score_assessment(assessment=v2_scan)
    org = result.lenses_for("organisation")
    html = _dashboard(client_for(manager_a), v2_scan, language)
    assert title in html
    assert perception in html
    headline = (
        f'{basics} {_n(org.basis.score)} <span class="margin">±{_n(org.basis.margin)}</span></span> · '
        f'<span class="fw-semibold">{moments} {_n(org.nine_plus.score)} '
        f'<span class="margin">±{_n(org.nine_plus.margin)}'
    )
    assert headline in html
    for gap in org.servqual:
        assert f'>{_n(gap.score)} <span class="margin">±{_n(gap.margin)}</span></td>' in html
    # The factor card shows what that factor looks like at its level, not the general level text.
    level = result.organisation.factor("f1").level_code
    order = result.level(level).order + 1
    assert (f"Factor 1 at level {order}." if language == "en" else f"Factor 1 op niveau {order}.") in html
    assert "grade" not in html.lower()
    assert "rapportcijfer" not in html.lower()


def test_a_hidden_group_has_its_lenses_hidden(org_a, manager_a, client_for):
    version = factories.make_model_version(code="lenshidden", factors=2, per_factor=True)
    board = factories.make_role(organisation=org_a, name="Board", is_management=True)
    front = factories.make_role(organisation=org_a, name="Front office")
    assessment = factories.make_assessment(organisation=org_a, model_version=version, roles=[board, front])
    answers = {f"f{i}s{j}": 4 for i in (1, 2) for j in (1, 2, 3, 4)}
    factories.make_responses(assessment=assessment, answers=[answers] * 6, role=front)
    factories.make_responses(assessment=assessment, answers=[answers] * 2, role=board)

    result = score_assessment(assessment=assessment)
    management, org = result.lenses_for("management"), result.lenses_for("organisation")
    assert result.management.suppressed
    assert all(lens.suppressed and lens.score is None for lens in (management.basis, *management.servqual))
    assert all(f.basis.suppressed and f.nine_plus.score is None for f in management.factors)
    # Staff alone (6) would expose management by subtraction from the organisation (8): hidden too.
    assert result.lenses_for("staff").basis.suppressed
    assert org.basis.score == 75.0
    assert not org.basis.suppressed
    html = _dashboard(client_for(manager_a), assessment, "en")
    servqual = html[html.index("Where the chain breaks") :]
    assert servqual.count('<span class="text-body-secondary">hidden</span>') == 8  # management and staff x 4


def test_score_export_has_lens_rows_and_layer_columns(org_a, manager_a, client_for):
    version = factories.make_model_version(code="lensexport", factors=2, per_factor=True)
    board = factories.make_role(organisation=org_a, name="Board", is_management=True)
    front = factories.make_role(organisation=org_a, name="Front office")
    assessment = factories.make_assessment(organisation=org_a, model_version=version, roles=[board, front])
    answers = {"f1s1": 5, "f1s2": 1, "f1s3": 5, "f1s4": 1, "f2s1": 3, "f2s2": 3, "f2s3": 3, "f2s4": 3}
    factories.make_responses(assessment=assessment, answers=[answers] * 5, role=board)
    factories.make_responses(assessment=assessment, answers=[answers], role=front)
    response = client_for(manager_a).get(f"/a/{assessment.public_id}/results/export/scores.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert "Grade (1-10)" not in header
    assert header[-2:] == ["Basics (7+) score", "9+ moments score"]
    factor_row = next(r for r in rows if r[0] == "Organisation" and r[3] == "f1")
    assert factor_row[-2:] == ["100.0", "0.0"]  # basics answered 5, 9+ moments answered 1
    basis = next(r for r in rows if r[0] == "Organisation" and r[3] == "lens:basis")
    # (100 + 50) / 2 over both factors' basics; its margin 0.0: everyone answered alike
    assert basis[5:] == ["shown", "6", "", "", "75.0", "0.0"]
    delivery = next(r for r in rows if r[0] == "Organisation" and r[3] == "servqual:delivery")
    assert delivery[4] == "Delivering"
    # One staff respondent: staff hidden, and management too (organisation minus management exposes them).
    # Each hidden lens row gives its group's reason, as the group's factor rows do.
    reasons = {"Staff": "hidden: fewer than 5 respondents", "Management": "hidden to prevent subtraction"}
    for kind, reason in reasons.items():
        for code in ("lens:basis", "lens:nine_plus", "servqual:knowledge"):
            row = next(r for r in rows if r[0] == kind and r[3] == code)
            assert (row[5], row[9]) == (reason, "")


def test_v1_dashboard_has_no_lenses(org_a, manager_a, client_for):
    version = factories.make_model_version(code="nolens", factors=2)
    assessment = factories.make_assessment(organisation=org_a, model_version=version)
    factories.make_responses(
        assessment=assessment, answers=[{f"f{i}s{j}": 3 for i in (1, 2) for j in (1, 2, 3, 4)}] * 5
    )
    html = _dashboard(client_for(manager_a), assessment, "en")
    assert "Where the chain breaks" not in html
    assert "Description of level" in html  # the general level text stands in for v1


@pytest.mark.parametrize(
    ("language", "needles"),
    [
        ("en", ["Where the chain breaks", "weakest link", "Basics and 9+ moments".upper(), "LINK ORGANISATION"]),
        ("nl", ["Waar de keten breekt", "zwakste schakel", "Basis en 9+-momenten".upper(), "SCHAKEL ORGANISATIE"]),
    ],
)
def test_pdf_has_the_lens_page(v2_scan, language, needles):
    result = score_assessment(assessment=v2_scan)
    org = result.lenses_for("organisation")
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=v2_scan, language=language)))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for needle in needles:
        assert needle in text
    word = "Basics" if language == "en" else "Basis"
    moments = "9+ moments" if language == "en" else "9+-momenten"
    assert f"{word} {_n(org.basis.score)} · {moments} {_n(org.nine_plus.score)}" in text
    assert "grade" not in text.lower()
    assert "rapportcijfer" not in text.lower()
