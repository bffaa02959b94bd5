"""The first-run guide on the organisation's home page: steps read from the data, shown until done."""

import pytest
from django.urls import reverse

from assessments.organisations.services import members
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.guide import first_run_guide
from tests import factories


def _done(organisation):
    return {step.key: step.done for step in first_run_guide(organisation=organisation)}


def test_an_empty_organisation_starts_at_teams(org_a, manager_a):
    assert _done(org_a) == {
        "organisation": True,
        "teams": False,
        "assessment": False,
        "respondents": False,
        "open": False,
        "colleagues": False,
    }


def test_each_step_is_done_by_the_data_it_names(org_a, manager_a, model_version):
    team = factories.make_team(organisation=org_a)
    factories.make_team(organisation=org_a)
    assert _done(org_a)["teams"] is True
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], status=Assessment.Status.DRAFT
    )
    assert _done(org_a)["assessment"] is True
    Invitation.objects.create(assessment=assessment, team=team, token_hash="x" * 64)
    assert _done(org_a)["respondents"] is True
    assert _done(org_a)["open"] is False
    assessment.status = Assessment.Status.OPEN
    assessment.save(update_fields=["status"])
    assert _done(org_a)["open"] is True
    members.invite_member(organisation=org_a, actor=manager_a, email="colleague@example.org", role="viewer")
    assert all(_done(org_a).values())


def test_the_guide_shows_for_managers_until_done_and_never_for_viewers(
    org_a, manager_a, viewer_a, client_for, model_version
):
    url = reverse("organisation_detail", kwargs={"org": org_a.public_id})
    page = client_for(manager_a).get(url).content.decode()
    assert "Getting started" in page
    assert "2 of 6 done" in page  # the organisation, and the viewer already counts as a colleague
    assert reverse("team_create", kwargs={"org": org_a.public_id}) in page
    assert "Getting started" not in client_for(viewer_a).get(url).content.decode()

    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    Invitation.objects.create(assessment=assessment, team=team, token_hash="y" * 64)
    assessment.status = Assessment.Status.OPEN
    assessment.save(update_fields=["status"])
    assert "Getting started" not in client_for(manager_a).get(url).content.decode()


@pytest.mark.parametrize("teams", [0, 1])
def test_the_empty_states_agree_with_the_guide(org_a, manager_a, client_for, teams):
    for _ in range(teams):
        factories.make_team(organisation=org_a)
    page = client_for(manager_a).get(reverse("organisation_detail", kwargs={"org": org_a.public_id})).content
    page = page.decode()
    assert "ask your CX manager" not in page.lower()
    if teams:
        assert "Create your first assessment" in page
        assert "Start the first scan when your teams are complete." in page
    else:
        assert "Add teams first, then start a scan." in page
