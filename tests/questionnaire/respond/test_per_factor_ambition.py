"""Per-factor (v2) models on the respondent pages: one ambition per factor, statements by audience."""

import json

import pytest

from assessments.questionnaire.models import Answer, FactorAmbition
from tests import factories
from tests.questionnaire.respond.builders import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def v2(org_a):
    return factories.make_model_version(
        code="v2resp", factors=2, statements=3, per_factor=True, audiences={"f1s3": ["management"]}
    )


def _start(client, survey, role=None):
    client.get(survey.link)
    client.post("/r/start/", {"role": str(role.public_id)} if role else {})


def test_factor_page_asks_ambition_once_and_stores_it(org_a, client, v2):
    survey = make_survey(organisation=org_a, model_version=v2)
    _start(client, survey)
    html = client.get("/r/step/1/").content.decode()
    assert 'name="fa-f1"' in html
    assert 'name="a-f1s1"' not in html
    assert "Where should factor 1 be in twelve months?" in html
    assert "Factor 1 at level 1." in html  # the factor's own level texts

    response = client.post("/r/step/1/", {"version": 0, "c-f1s1": "3", "fa-f1": "5", "nav": "next"})
    assert response.status_code == 302
    assert list(FactorAmbition.objects.values_list("factor__code", "value")) == [("f1", 5)]
    assert Answer.objects.get(statement__code="f1s1").ambition is None
    # A per-statement ambition field does not belong on this page.
    bad = client.post("/r/step/1/", {"version": 1, "a-f1s1": "4"})
    assert bad.status_code == 400


def test_background_save_stores_the_factor_ambition(org_a, client, v2):
    survey = make_survey(organisation=org_a, model_version=v2)
    _start(client, survey)
    payload = {"step": 2, "version": 0, "fields": {"c-f2s1": "2", "fa-f2": "4"}}
    assert client.post("/r/save/", json.dumps(payload), content_type="application/json").json()["ok"]
    assert FactorAmbition.objects.get().value == 4
    # A stale tab gets the stored factor ambition back.
    stale = client.post("/r/save/", json.dumps(payload), content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["fields"]["fa-f2"] == "4"


def test_statement_with_an_audience_is_shown_only_to_that_role(org_a, client_factory, v2):
    board = factories.make_role(organisation=org_a, name="Board", is_management=True)
    front = factories.make_role(organisation=org_a, name="Front office")
    survey = make_survey(organisation=org_a, model_version=v2, roles=[board, front])
    staff_client = client_factory()
    _start(staff_client, survey, front)
    assert 'name="c-f1s3"' not in staff_client.get("/r/step/1/").content.decode()
    assert staff_client.post("/r/step/1/", {"version": 0, "c-f1s3": "3"}).status_code == 400

    from tests.questionnaire.respond.builders import make_invitation

    _invitation, token = make_invitation(assessment=survey.assessment, team=survey.team)
    board_client = client_factory()
    board_client.get(f"/r/{token}/")
    board_client.post("/r/start/", {"role": str(board.public_id)})
    assert 'name="c-f1s3"' in board_client.get("/r/step/1/").content.decode()
