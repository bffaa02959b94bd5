import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.organisations.models import ActivityLog
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.services import assessments as services
from tests import factories
from tests.questionnaire.manage.conftest import form_data

pytestmark = pytest.mark.django_db


def test_create_via_form_makes_a_draft(client_for, manager_a, org_a, model_version, teams_a, roles_a):
    client = client_for(manager_a)
    url = reverse("assessment_create", kwargs={"org": org_a.public_id})
    response = client.post(url, form_data(model_version=model_version, teams=teams_a, roles=roles_a[:1]))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment_detail", kwargs={"assessment": assessment.public_id})
    assert assessment.status == "draft"
    assert assessment.organisation == org_a
    assert assessment.created_by == manager_a
    assert set(assessment.teams.all()) == set(teams_a)
    assert list(assessment.roles.all()) == [roles_a[0]]
    assert (assessment.threshold_scores, assessment.threshold_comments, assessment.threshold_spread) == (5, 6, 7)
    assert timezone.localtime(assessment.opens_at).date() == datetime.date(2030, 3, 1)
    assert timezone.localtime(assessment.closes_at).date() == datetime.date(2030, 3, 31)
    assert assessment.languages == ["nl", "en"]  # organisation default (nl) first
    assert list(ActivityLog.objects.values_list("verb", flat=True)) == ["created"]


def test_create_form_defaults_to_latest_nineplus_and_org_threshold(client_for, manager_a, org_a, teams_a):
    org_a.anonymity_threshold = 7
    org_a.save()
    factories.make_model_version(code="nineplus", factors=2, statements=2)
    latest = factories.make_model_version(code="nineplus", factors=2, statements=2)
    factories.make_model_version(code="other", factors=2, statements=2)
    response = client_for(manager_a).get(reverse("assessment_create", kwargs={"org": org_a.public_id}))
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["model_version"] == latest.pk
    assert form.initial["threshold_scores"] == 7
    assert form.initial["threshold_comments"] == 7


def test_edit_saves_changes(client_for, manager_a, draft, model_version, teams_a, roles_a):
    url = reverse("assessment_edit", kwargs={"assessment": draft.public_id})
    data = form_data(model_version=model_version, teams=teams_a[:1], roles=roles_a, title="Renamed")
    response = client_for(manager_a).post(url, data)
    draft.refresh_from_db()
    assert getattr(response, "context", None) is None or not response.context["form"].errors
    assert response.status_code == 302
    assert draft.title == "Renamed"
    assert list(draft.teams.all()) == teams_a[:1]


def test_draft_may_change_model(client_for, manager_a, draft, teams_a):
    other = factories.make_model_version(code="nineplus", factors=2, statements=2)
    url = reverse("assessment_edit", kwargs={"assessment": draft.public_id})
    response = client_for(manager_a).post(url, form_data(model_version=other, teams=teams_a))
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.model_version == other


def test_open_assessment_cannot_change_model(client_for, manager_a, opened, model_version, teams_a):
    other = factories.make_model_version(code="nineplus", factors=2, statements=2)
    url = reverse("assessment_edit", kwargs={"assessment": opened.public_id})
    # The field is disabled in the form: a posted value is ignored, the rest saves.
    response = client_for(manager_a).post(
        url, form_data(model_version=other, teams=teams_a, title="Still open", ask_ambition=None)
    )
    opened.refresh_from_db()
    assert response.status_code == 302
    assert opened.model_version == model_version
    assert opened.ask_ambition is True
    assert opened.title == "Still open"


def test_service_refuses_model_change_outside_draft(manager_a, opened, teams_a, roles_a):
    other = factories.make_model_version(code="nineplus", factors=2, statements=2)
    data = {
        "title": "x",
        "model_version": other,
        "ask_ambition": True,
        "teams": teams_a,
        "roles": roles_a,
        "languages": ["en"],
        "threshold_scores": 5,
        "threshold_comments": 5,
        "threshold_spread": 5,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.update_assessment(assessment=opened, actor=manager_a, data=data)
    assert list(excinfo.value.message_dict) == ["model_version"]
    opened.refresh_from_db()
    assert opened.model_version != other


def test_team_with_invitations_cannot_be_removed(client_for, manager_a, opened, model_version, teams_a):
    opened.invitations.create(email="a@example.org", team=teams_a[1], token_hash="x" * 64)
    url = reverse("assessment_edit", kwargs={"assessment": opened.public_id})
    response = client_for(manager_a).post(url, form_data(model_version=model_version, teams=teams_a[:1]))
    assert response.status_code == 400
    assert "cannot be removed" in response.context["form"].errors["teams"][0]
    assert opened.teams.count() == 2


def test_open_close_reopen(client_for, manager_a, draft):
    client = client_for(manager_a)
    kwargs = {"assessment": draft.public_id}
    assert client.get(reverse("assessment_open", kwargs=kwargs)).status_code == 200  # confirmation page
    draft.refresh_from_db()
    assert draft.status == "draft"

    assert client.post(reverse("assessment_open", kwargs=kwargs)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "open"

    before = timezone.now()
    assert client.post(reverse("assessment_close", kwargs=kwargs)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "closed"
    assert draft.closed_at >= before
    assert draft.reopen_until == draft.closed_at + datetime.timedelta(days=services.REOPEN_DAYS)

    assert client.post(reverse("assessment_reopen", kwargs=kwargs)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "open"
    assert draft.closed_at is None
    verbs = list(ActivityLog.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["opened", "closed", "reopened"]


def test_reopen_after_reopen_until_is_refused(client_for, manager_a, opened):
    services.close_assessment(assessment=opened, actor=manager_a)
    Assessment.objects.filter(pk=opened.pk).update(reopen_until=timezone.now() - datetime.timedelta(minutes=1))
    response = client_for(manager_a).post(reverse("assessment_reopen", kwargs={"assessment": opened.public_id}))
    opened.refresh_from_db()
    assert response.status_code == 409
    assert "can no longer be reopened" in response.content.decode()
    assert opened.status == "closed"


def test_reopen_within_window(manager_a, opened):
    now = timezone.now()
    services.close_assessment(assessment=opened, actor=manager_a, now=now)
    later = now + datetime.timedelta(days=services.REOPEN_DAYS - 1)
    assert services.reopen_assessment(assessment=opened, actor=manager_a, now=later).status == "open"


def test_repeated_open_and_close_are_harmless(client_for, manager_a, draft):
    client = client_for(manager_a)
    kwargs = {"assessment": draft.public_id}
    for _ in range(2):
        assert client.post(reverse("assessment_open", kwargs=kwargs)).status_code == 302
    for _ in range(2):
        assert client.post(reverse("assessment_close", kwargs=kwargs)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "closed"
    assert ActivityLog.objects.filter(verb="opened").count() == 1
    assert ActivityLog.objects.filter(verb="closed").count() == 1


def test_cannot_open_a_closed_assessment_or_close_a_draft(client_for, manager_a, draft, opened):
    client = client_for(manager_a)
    response = client.post(reverse("assessment_close", kwargs={"assessment": draft.public_id}))
    assert response.status_code == 409
    services.close_assessment(assessment=opened, actor=manager_a)
    response = client.post(reverse("assessment_open", kwargs={"assessment": opened.public_id}))
    assert response.status_code == 409
    draft.refresh_from_db()
    opened.refresh_from_db()
    assert (draft.status, opened.status) == ("draft", "closed")


def test_opening_with_closing_date_in_the_past_is_refused(manager_a, draft):
    Assessment.objects.filter(pk=draft.pk).update(closes_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(services.LifecycleError):
        services.open_assessment(assessment=draft, actor=manager_a)
    draft.refresh_from_db()
    assert draft.status == "draft"
