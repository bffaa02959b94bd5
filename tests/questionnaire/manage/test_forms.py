import pytest
from django.urls import reverse

from assessments.questionnaire.models import Assessment
from tests import factories
from tests.questionnaire.manage.conftest import form_data

pytestmark = pytest.mark.django_db


def _post_create(client, org, data):
    return client.post(reverse("assessment_create", kwargs={"org": org.public_id}), data)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_on": "2030-02-01"}, "closes_on", "The closing date must be after the opening date."),
        ({"closes_on": "2030-03-01"}, "closes_on", "The closing date must be after the opening date."),
        ({"opens_on": "", "closes_on": "2001-01-01"}, "closes_on", "The closing date lies in the past."),
        ({"opens_on": "not a date"}, "opens_on", "Enter a valid date."),
        ({"threshold_scores": "2"}, "threshold_scores", "Ensure this value is greater than or equal to 3."),
        ({"threshold_comments": "0"}, "threshold_comments", "Ensure this value is greater than or equal to 3."),
        ({"threshold_spread": "-1"}, "threshold_spread", "Ensure this value is greater than or equal to 3."),
        ({"threshold_spread": "51"}, "threshold_spread", "Ensure this value is less than or equal to 50."),
        ({"languages": []}, "languages", "This field is required."),
        ({"languages": ["de"]}, "languages", "Select a valid choice. de is not one of the available choices."),
        ({"teams": []}, "teams", "This field is required."),
        ({"title": "   "}, "title", "This field is required."),
    ],
)
def test_bad_input_is_a_400_with_a_message(
    client_for, manager_a, org_a, model_version, teams_a, overrides, field, message
):
    data = form_data(model_version=model_version, teams=teams_a)
    data.update(overrides)
    response = _post_create(client_for(manager_a), org_a, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Assessment.objects.count() == 0


def test_previous_round_of_another_organisation_is_an_error(
    client_for, manager_a, org_a, org_b, model_version, teams_a
):
    other = factories.make_assessment(organisation=org_b, model_version=model_version)
    data = form_data(model_version=model_version, teams=teams_a, previous=str(other.pk))
    response = _post_create(client_for(manager_a), org_a, data)
    assert response.status_code == 400
    assert "previous" in response.context["form"].errors
    assert Assessment.objects.filter(organisation=org_a).count() == 0


def test_previous_round_with_another_model_is_an_error(client_for, manager_a, org_a, model_version, teams_a):
    other_model = factories.make_model_version(code="other", factors=2, statements=2)
    earlier = factories.make_assessment(organisation=org_a, model_version=other_model)
    data = form_data(model_version=model_version, teams=teams_a, previous=str(earlier.pk))
    response = _post_create(client_for(manager_a), org_a, data)
    assert response.status_code == 400
    assert response.context["form"].errors["previous"] == ["The previous round must use the same maturity model."]


def test_previous_round_of_same_org_and_model_is_accepted(client_for, manager_a, org_a, model_version, teams_a):
    earlier = factories.make_assessment(organisation=org_a, model_version=model_version, status="closed")
    data = form_data(model_version=model_version, teams=teams_a, previous=str(earlier.pk))
    assert _post_create(client_for(manager_a), org_a, data).status_code == 302
    assert Assessment.objects.get(title="CX scan spring").previous == earlier


def test_assessment_cannot_be_its_own_previous_round(client_for, manager_a, draft, model_version, teams_a):
    data = form_data(model_version=model_version, teams=teams_a, previous=str(draft.pk))
    response = client_for(manager_a).post(reverse("assessment_edit", kwargs={"assessment": draft.public_id}), data)
    assert response.status_code == 400
    assert "previous" in response.context["form"].errors


def test_team_of_another_organisation_is_refused(client_for, manager_a, org_a, org_b, model_version, teams_a):
    foreign = factories.make_team(organisation=org_b, name="Foreign")
    response = _post_create(client_for(manager_a), org_a, form_data(model_version=model_version, teams=[foreign]))
    assert response.status_code == 400
    assert "teams" in response.context["form"].errors


def test_unknown_model_version_is_refused(client_for, manager_a, org_a, model_version, teams_a):
    data = form_data(model_version=model_version, teams=teams_a)
    data["model_version"] = "999999"
    response = _post_create(client_for(manager_a), org_a, data)
    assert response.status_code == 400
    assert "model_version" in response.context["form"].errors
