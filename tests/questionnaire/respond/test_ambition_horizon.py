"""The ambition horizon is part of the assessment and reads the same everywhere (issue 23, item 9).

The set-up form chooses it, the questionnaire asks it, the next round copies it; the dashboard and the
radar only speak of an ambition when there is ambition data, and the priorities say when there is none.
"""

import pytest
from django.urls import reverse

from assessments.questionnaire.models import Assessment
from assessments.questionnaire.services.rounds import start_next_round
from assessments.results import charts
from assessments.scoring import score_assessment
from tests import factories
from tests.questionnaire.manage.conftest import form_data
from tests.questionnaire.respond.builders import make_survey

pytestmark = pytest.mark.django_db

TWELVE = "Where should we be in twelve months?"
TWO_YEARS = "Where should we be in two years?"


def _step_page(client, survey, step=1):
    client.get(survey.link)
    client.post("/r/start/")
    return client.get(f"/r/step/{step}/").content.decode()


def test_set_up_form_stores_the_horizon_and_refuses_another(client_for, manager_a, org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Sales")
    client = client_for(manager_a)
    url = reverse("assessment_create", kwargs={"org": org_a.public_id})
    page = client.get(url).content.decode()
    assert "Ambition horizon" in page
    assert "“where should we be in twelve months?” or “… in two years?”" in page

    bad = client.post(url, form_data(model_version=model_version, teams=[team], ambition_horizon="36"))
    assert bad.status_code == 400
    assert bad.context["form"].errors["ambition_horizon"] == [
        "Select a valid choice. 36 is not one of the available choices."
    ]
    good = client.post(url, form_data(model_version=model_version, teams=[team], ambition_horizon="24"))
    assert good.status_code == 302
    assert Assessment.objects.get(title="CX scan spring").ambition_horizon == 24
    # Left out (an older form, the API): twelve months, the model's own horizon.
    client.post(url, form_data(model_version=model_version, teams=[team], title="Without a horizon"))
    assert Assessment.objects.get(title="Without a horizon").ambition_horizon == 12


@pytest.mark.parametrize(("horizon", "asked", "not_asked"), [(12, TWELVE, TWO_YEARS), (24, TWO_YEARS, TWELVE)])
def test_per_statement_questionnaire_asks_the_assessments_horizon(
    org_a, model_version, client, horizon, asked, not_asked
):
    survey = make_survey(organisation=org_a, model_version=model_version, ambition_horizon=horizon)
    body = _step_page(client, survey)
    assert body.count(asked) == 4  # one per statement
    assert not_asked not in body


def test_per_factor_questionnaire_never_says_twelve_months_for_a_two_year_horizon(org_a, nineplus, client):
    survey = make_survey(organisation=org_a, model_version=nineplus, ambition_horizon=24)
    body = _step_page(client, survey)
    assert TWO_YEARS in body
    assert "how far should this be in place in two years?" in body
    assert "twelve months" not in body


def test_per_factor_questionnaire_keeps_the_models_own_question_for_twelve_months(org_a, nineplus, client):
    survey = make_survey(organisation=org_a, model_version=nineplus)
    body = _step_page(client, survey)
    first = nineplus.factors.order_by("order").first()
    assert first.ambition_en in body
    assert "how far should this be in place in twelve months?" in body
    assert "two years" not in body


def test_next_round_copies_the_horizon(org_a, manager_a, model_version):
    previous = factories.make_assessment(
        organisation=org_a, model_version=model_version, status="closed", ambition_horizon=24
    )
    new = start_next_round(previous=previous, actor=manager_a, title="Next", copy_invitees=False)
    assert new.ambition_horizon == 24


def test_next_round_title_is_in_the_organisations_language(org_a, manager_a, model_version, client_for):
    org_a.default_language = "nl"
    org_a.save(update_fields=["default_language"])
    previous = factories.make_assessment(organisation=org_a, model_version=model_version, status="closed", title="Scan")
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("assessment_next_round", kwargs={"assessment": previous.public_id}))
    assert page.context["form"].initial["title"] == "Scan – volgende ronde"


def _scan(org_a, model_version, *, ambition):
    team = factories.make_team(organisation=org_a, name="Sales")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], status="closed"
    )
    factories.make_random_responses(assessment=assessment, count=8, team=team, seed=4, ambition=ambition)
    return assessment


def test_radar_lists_the_ambition_only_with_data(org_a, model_version):
    without = score_assessment(assessment=_scan(org_a, model_version, ambition=False))
    assert without.ask_ambition is True  # asked, but nobody answered it
    assert [t.name for t in charts.radar_figure(result=without, language="en").data] == ["Current"]


def test_dashboard_says_whether_the_ambition_ranked_the_priorities(org_a, manager_a, model_version, client_for):
    without = _scan(org_a, model_version, ambition=False)
    body = client_for(manager_a).get(reverse("assessment_dashboard", kwargs={"assessment": without.public_id}))
    text = body.content.decode()
    assert "no ambition was measured, so the gap to the ambition does not count." in text
    assert "Ranked by the gap to the ambition" not in text
