"""The moments-that-matter view of a journey in one round: the customers' figures per moment against a
reference by hand, the subtraction guard, open answers from the comment threshold, the owning team's own
layer scores under the anonymity rules; the API and the PDF section show the same."""

import io

import pytest
from pypdf import PdfReader

from assessments.journeys import figures as mf
from assessments.journeys.selectors import journey_view
from assessments.outside_in.figures import GradeBands
from assessments.results.services.report_document import build_report_pdf
from tests import factories
from tests.journeys.conftest import add_customer_responses, make_link, tie

pytestmark = pytest.mark.django_db

INTAKE = [5, 6, 6, 6, 7, 7, 8, 8, 9, 10]  # 40% / 40% / 20%: 7+ 60% -> basics missed
APPOINTMENT = [7, 8, 9, 9, 9, 9, 10, 10, 10, 10, 10, 8]  # 0 / 25% / 75%: a 9+ moment on target


def _moments(journey):
    return {m.name_en: m for m in journey.moments.all()}


def test_per_moment_bands_shares_and_verdicts_by_hand(journey, round_with_check, desk, billing):
    check = round_with_check.customer_check
    m = _moments(journey)
    tie(m["Intake"], check, "Desk QR", INTAKE)
    tie(m["First appointment"], check, "After the appointment", APPOINTMENT)
    factories.make_random_responses(assessment=round_with_check, count=6, team=desk, seed=1)
    factories.make_random_responses(assessment=round_with_check, count=6, team=billing, seed=2)
    view = journey_view(journey=journey, assessment=round_with_check)
    rows = {r.moment.name_en: r for r in view.rows}
    assert [r.moment.name_en for r in view.rows] == ["Intake", "First appointment", "Invoice"]
    intake = rows["Intake"].customers
    assert (intake.figures.n, intake.shown) == (10, True)
    assert intake.bands == GradeBands(dissatisfied=40.0, indifferent=40.0, loyal=20.0)
    assert intake.bands.basics == 60.0
    assert intake.figures.nine_plus_share == 20.0
    assert intake.figures.grade_mean == 7.2
    assert intake.verdict == mf.BASICS_MISSED
    appointment = rows["First appointment"].customers
    assert appointment.bands == GradeBands(dissatisfied=0.0, indifferent=25.0, loyal=75.0)
    assert appointment.verdict == mf.ON_TARGET
    assert rows["Invoice"].customers is None  # no link tied in this round
    # The owning team's own layers, straight from the round's scoring result.
    from assessments.scoring import score_assessment

    lenses = score_assessment(assessment=round_with_check).lenses_for(f"team:{desk.public_id}")
    assert rows["Intake"].team.basis == lenses.basis
    assert rows["Intake"].team.nine_plus == lenses.nine_plus
    assert rows["Intake"].team.basis.score is not None
    assert rows["Invoice"].team.team_name == "Billing"


def test_subtraction_guard_and_minimum(journey, round_with_check):
    check = round_with_check.customer_check
    m = _moments(journey)
    tie(m["Intake"], check, "Desk QR", [8] * 12)
    tie(m["First appointment"], check, "After", [9] * 9)  # below the minimum of 10
    view = journey_view(journey=journey, assessment=round_with_check)
    rows = {r.moment.name_en: r.customers for r in view.rows}
    assert (rows["First appointment"].shown, rows["First appointment"].figures.hidden_reason) == (False, "minimum")
    # all 21 - intake 12 = 9 would be the first appointment's customers: intake is hidden too.
    assert (rows["Intake"].shown, rows["Intake"].figures.hidden_reason) == (False, "differencing")
    for customers in (rows["Intake"], rows["First appointment"]):
        assert customers.bands is None
        assert customers.figures.grade_mean is None
        assert customers.open_answers == ()


def test_a_moment_with_a_shown_and_a_hidden_link_hides(journey, round_with_check):
    check = round_with_check.customer_check
    intake = _moments(journey)["Intake"]
    tie(intake, check, "Desk QR", [8] * 15)
    tie(intake, check, "Desk leaflet", [3] * 4)  # hidden on the Outside-in tab; 19 - 15 = 4 would show it
    add_customer_responses(make_link(check, label="Web"), [9] * 20)  # the overall figures are shown
    # Phone (8) is hidden too, so the Outside-in tab keeps Desk QR: all 47 - 15 - 20 = 12 hidden customers.
    add_customer_responses(make_link(check, label="Phone"), [7] * 8)
    from assessments.outside_in.selectors import links_for, live_groups

    _overall, links = live_groups(check=check, links=links_for(check=check), factor_codes=())
    assert {f.label: f.shown for f in links} == {"Desk QR": True, "Desk leaflet": False, "Phone": False, "Web": True}
    customers = next(r for r in journey_view(journey=journey, assessment=round_with_check).rows).customers
    assert (customers.figures.n, customers.shown, customers.figures.hidden_reason) == (19, False, "differencing")


def test_flagged_responses_do_not_count(journey, round_with_check):
    check = round_with_check.customer_check
    link = tie(_moments(journey)["Intake"], check, "Desk QR", [9] * 10)
    add_customer_responses(link, [1] * 5, flag="too_fast")
    customers = next(r for r in journey_view(journey=journey, assessment=round_with_check).rows).customers
    assert (customers.figures.n, customers.bands.loyal) == (10, 100.0)


def test_open_answers_need_the_comment_threshold(journey, round_with_check):
    from assessments.outside_in.models import CustomerResponse

    check = round_with_check.customer_check
    link = tie(_moments(journey)["Intake"], check, "Desk QR", [8] * 10)
    CustomerResponse.objects.filter(link=link).update(open_answer="Long wait at the desk")
    round_with_check.threshold_comments = 11
    round_with_check.save()
    customers = next(r for r in journey_view(journey=journey, assessment=round_with_check).rows).customers
    assert customers.shown
    assert customers.open_answers == ()
    round_with_check.threshold_comments = 10
    round_with_check.save()
    customers = next(r for r in journey_view(journey=journey, assessment=round_with_check).rows).customers
    assert customers.open_answers == ("Long wait at the desk",) * 10


def test_team_hidden_below_the_threshold_with_the_same_reasons(journey, round_with_check, desk, billing):
    factories.make_random_responses(assessment=round_with_check, count=6, team=desk, seed=1)
    factories.make_random_responses(assessment=round_with_check, count=3, team=billing, seed=2)
    rows = {r.moment.name_en: r for r in journey_view(journey=journey, assessment=round_with_check).rows}
    invoice, intake = rows["Invoice"].team, rows["Intake"].team
    assert (invoice.basis.suppressed, invoice.basis.score, invoice.basis.suppressed_reason) == (True, None, "threshold")
    # Desk (6) would give Billing (3) away from the organisation (9): hidden against subtraction.
    assert (intake.basis.suppressed, intake.basis.score, intake.basis.suppressed_reason) == (
        True,
        None,
        "differencing",
    )


def _api(client, round_with_check):
    response = client.get(f"/api/v1/assessments/{round_with_check.public_id}/moments/")
    assert response.status_code == 200
    return response.json()


def test_api_gives_the_same_figures_under_the_same_rules(journey, round_with_check, desk, billing, viewer_a, token_for):
    check = round_with_check.customer_check
    m = _moments(journey)
    tie(m["Intake"], check, "Desk QR", INTAKE)
    tie(m["First appointment"], check, "After", [9] * 9)
    factories.make_random_responses(assessment=round_with_check, count=6, team=desk, seed=1)
    factories.make_random_responses(assessment=round_with_check, count=3, team=billing, seed=2)
    _token, client = token_for(viewer_a)
    body = _api(client, round_with_check)
    (only,) = body["journeys"]
    moments = {row["name_en"]: row for row in only["moments"]}
    assert [row["name_en"] for row in only["moments"]] == ["Intake", "First appointment", "Invoice"]
    # 19 customers overall: intake (10) would give the first appointment (9) away.
    assert moments["First appointment"]["customers"] | {"open_answers": []} == {
        "n": 9,
        "shown": False,
        "hidden_reason": "minimum",
        "grade_mean": None,
        "bands": None,
        "basics_share": None,
        "nine_plus_share": None,
        "verdict": "not_shown",
        "open_answers": [],
        "team_rates_basics_high_while_basics_missed": False,
    }
    assert moments["Intake"]["customers"]["hidden_reason"] == "differencing"
    assert moments["Invoice"]["customers"] is None
    assert moments["Invoice"]["team"]["basics"] == {"shown": False, "score": None, "hidden_reason": "threshold"}
    assert moments["Intake"]["team"]["nine_plus"] == {"shown": False, "score": None, "hidden_reason": "differencing"}
    # More customers at the appointment: both shown, with the figures by hand.
    add_customer_responses(check.links.get(label="After"), [9, 10, 10])
    moments = {row["name_en"]: row for row in _api(client, round_with_check)["journeys"][0]["moments"]}
    intake = moments["Intake"]["customers"]
    assert (intake["shown"], intake["basics_share"], intake["nine_plus_share"], intake["verdict"]) == (
        True,
        60.0,
        20.0,
        "basics_missed",
    )
    assert intake["bands"] == {"dissatisfied": 40.0, "indifferent": 40.0, "loyal": 20.0}


def test_api_of_another_organisation_is_not_found(journey, round_with_check, org_b, token_for):
    from tests import factories as f

    other = f.make_user(email="b@example.org")
    f.add_member(user=other, organisation=org_b, role="manager")
    _token, client = token_for(other)
    assert client.get(f"/api/v1/assessments/{round_with_check.public_id}/moments/").status_code == 404


def _pdf_text(assessment, language):
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # table cells wrap


def test_pdf_section_read_back(journey, round_with_check, desk, billing):
    check = round_with_check.customer_check
    m = _moments(journey)
    tie(m["Intake"], check, "Desk QR", INTAKE)
    tie(m["First appointment"], check, "After", APPOINTMENT)
    factories.make_random_responses(assessment=round_with_check, count=6, team=desk, seed=1)
    factories.make_random_responses(assessment=round_with_check, count=3, team=billing, seed=2)
    text = _pdf_text(round_with_check, "en")
    assert "MOMENTS THAT MATTER" in text
    assert "New client" in text
    assert "basics missed (10)" in text
    assert "60%" in text
    assert "20%" in text
    assert "on target (12)" in text
    assert "75%" in text
    assert "hidden: fewer than 5 respondents" in text  # billing, the dashboard's words
    assert "hidden to prevent subtraction" in text  # desk
    assert "No customer link tied to this moment in this round." in text
    text = _pdf_text(round_with_check, "nl")
    assert "Nieuwe klant" in text
    assert "Eerste afspraak" in text
    assert "basis gemist (10)" in text


def test_pdf_has_no_moments_page_without_tied_links(journey, round_with_check):
    add_customer_responses(make_link(round_with_check.customer_check, label="Web"), [9] * 10)
    assert "MOMENTS THAT MATTER" not in _pdf_text(round_with_check, "en")
