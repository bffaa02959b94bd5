"""Team pages: a team's top three (weakest statements with library actions), for managers and team leaders."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.actions.selectors.top_three import top_three
from assessments.scoring import score_assessment
from assessments.scoring.groups import team_key
from assessments.scoring.result import DIFFERENCING
from tests import factories

BASE = {f"f{i}s{j}": 4 for i in range(1, 4) for j in range(1, 5)}


def _answers(**changes):
    return {**BASE, **changes}


@pytest.fixture
def two_teams(org_a, model_version):
    intake = factories.make_team(organisation=org_a, name="Intake")
    billing = factories.make_team(organisation=org_a, name="Billing")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[intake, billing], status="closed"
    )
    # Intake, five people: f2s3 all 1, f1s2 all 2, f3s4 four times 2 and once 3; f3s1 only three answer (1).
    intake_answers = [_answers(f2s3=1, f1s2=2, f3s4=2) for _ in range(4)] + [_answers(f2s3=1, f1s2=2, f3s4=3)]
    for given in intake_answers[:3]:
        given["f3s1"] = 1
    for given in intake_answers[3:]:
        del given["f3s1"]
    factories.make_responses(assessment=assessment, answers=intake_answers, team=intake)
    # Billing, five people answering 1 everywhere: never on Intake's page.
    factories.make_responses(assessment=assessment, answers=[dict.fromkeys(BASE, 1) for _ in range(5)], team=billing)
    return assessment, intake, billing


def test_top_three_are_the_teams_weakest_shown_statements(two_teams):
    assessment, intake, _billing = two_teams
    result = score_assessment(assessment=assessment)
    page = top_three(assessment=assessment, result=result, group_key=team_key(intake.public_id), language="en")
    # Scores 0-100 from the 1-5 scale: (mean - 1) / 4 * 100. f3s1 (mean 1, three answers) is below the
    # threshold of five and never a candidate.
    assert [(t.rank, t.row.code, t.row.answered) for t in page.top] == [(1, "f2s3", 5), (2, "f1s2", 5), (3, "f3s4", 5)]
    assert [t.row.score for t in page.top] == pytest.approx([0.0, 25.0, 30.0])
    assert page.group.respondents == 5
    assert [t.factor_name for t in page.top] == ["Factor 2", "Factor 1", "Factor 3"]
    # Factor 2 for Intake: three statements at 75 and one at 0 -> 56.25, level 2 (35-60): its advice texts.
    assert page.factors[1].stats.score == pytest.approx(56.25)
    assert page.top[0].level_name == "Level 2"
    assert [s.title for s in page.top[0].suggestions] == ["Do 2.1a", "Do 2.1b"]
    assert page.top[1].level_name == "Level 3"  # factor 1: (3 x 75 + 25) / 4 = 62.5
    assert [s.title for s in page.top[1].suggestions] == ["Do 1.2a", "Do 1.2b"]
    assert [t.suggestions_as for t in page.top] == [None, None, None]


def test_a_factors_suggestions_are_listed_once(two_teams):
    """Two of the three statements from one factor: the second points to the first instead of repeating."""
    assessment, intake, _billing = two_teams
    from assessments.questionnaire.models import Answer

    Answer.objects.filter(response__team=intake, statement__code="f3s4").update(current=4)
    Answer.objects.filter(response__team=intake, statement__code="f2s2").update(current=2)
    from assessments.questionnaire.models import Response
    from assessments.questionnaire.services.response_sums import refresh_response_sums

    refresh_response_sums(response_ids=list(Response.objects.filter(team=intake).values_list("pk", flat=True)))
    result = score_assessment(assessment=assessment)
    page = top_three(assessment=assessment, result=result, group_key=team_key(intake.public_id), language="en")
    assert [t.row.code for t in page.top] == ["f2s3", "f1s2", "f2s2"]
    assert page.top[2].suggestions == ()
    assert page.top[2].suggestions_as == 1


def test_top_three_in_dutch(two_teams):
    assessment, intake, _billing = two_teams
    result = score_assessment(assessment=assessment)
    page = top_three(assessment=assessment, result=result, group_key=team_key(intake.public_id), language="nl")
    assert page.top[0].row.text == "Stelling f2s3."
    assert [s.title for s in page.top[0].suggestions] == ["Doe 2.1a", "Doe 2.1b"]


def test_a_role_has_a_top_three_too(org_a, model_version):
    """The selector takes any group key: a role's top three is the same call (issue 27's per-stakeholder top three)."""
    role = factories.make_role(organisation=org_a, name="Front office")
    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    factories.make_responses(assessment=assessment, answers=[_answers(f1s1=1) for _ in range(5)], team=team, role=role)
    result = score_assessment(assessment=assessment)
    page = top_three(assessment=assessment, result=result, group_key=f"role:{role.public_id}", language="en")
    assert page.top[0].row.code == "f1s1"


def test_team_page_for_the_leader_and_the_manager(two_teams, org_a, manager_a, client_for):
    assessment, intake, billing = two_teams
    leader = factories.make_user(email="lead@example.org")
    factories.add_member(user=leader, organisation=org_a, role="team_leader").teams.set([intake])
    url = f"/a/{assessment.public_id}/teams/{intake.public_id}/"
    for user in (leader, manager_a):
        page = client_for(user).get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert "Top 3 for Intake" in text
        assert text.index("Statement f2s3.") < text.index("Statement f1s2.") < text.index("Statement f3s4.")
        assert "Do 2.1a" in text
    assert client_for(leader).get(f"/a/{assessment.public_id}/teams/{billing.public_id}/").status_code == 404
    assert client_for(manager_a).get(f"/a/{assessment.public_id}/teams/{billing.public_id}/").status_code == 200
    listing = client_for(leader).get(f"/o/{org_a.public_id}/team-pages/").content.decode()
    assert "Intake" in listing
    assert "Billing" not in listing
    assert client_for(leader).get(f"/o/{org_a.public_id}/").url == f"/o/{org_a.public_id}/team-pages/"


def test_the_subtraction_guard_holds_against_the_organisation(make_scan, structure, org_a, client_for):
    """Sales (6) and Service (2) make the organisation (8): Service is below the threshold, so Sales is hidden too,
    or the organisation's figures (shared with respondents, seen by managers) minus Sales would give Service's."""
    assessment = make_scan(sizes={("sales", "front"): 6, ("service", "front"): 2}, status="closed")
    result = score_assessment(assessment=assessment)
    sales = next(g for g in result.teams if g.group.key == team_key(structure["sales"].public_id))
    assert sales.suppressed
    assert sales.suppressed_reason == DIFFERENCING
    leader = factories.make_user(email="sales.lead@example.org")
    factories.add_member(user=leader, organisation=org_a, role="team_leader").teams.set([structure["sales"]])
    page = client_for(leader).get(f"/a/{assessment.public_id}/teams/{structure['sales'].public_id}/")
    assert page.status_code == 200
    assert page.context["page"].top == ()
    assert page.context["page"].factors == ()
    assert "Hidden to prevent subtraction" in page.content.decode()
    assert "top-statement" not in page.content.decode()


def test_team_page_reads_a_fixed_number_of_queries(two_teams, manager_a, client_for, make_scan):
    assessment, intake, _billing = two_teams
    client = client_for(manager_a)
    url = f"/a/{assessment.public_id}/teams/{intake.public_id}/"
    client.get(url)  # sessions and caches, and scoring folds every cell and keeps it
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    # Forty more with Intake's pattern: the same three statements, so only the number of rows changes.
    more = [_answers(f2s3=1, f1s2=2, f3s4=2) for _ in range(40)]
    factories.make_responses(assessment=assessment, answers=more, team=intake)
    with CaptureQueriesContext(connection) as first_many:  # Intake's cells folded again
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    # The kept cells read, Intake's folded again (responses, rows, fingerprints; kept: savepoint, insert,
    # release) and its groups kept (savepoint, insert, release).
    assert len(first_many) == len(few) + 10


def test_team_page_list_reads_a_fixed_number_of_queries(org_a, model_version, manager_a, client_for):
    client = client_for(manager_a)
    url = f"/o/{org_a.public_id}/team-pages/"
    first = factories.make_team(organisation=org_a)
    factories.make_assessment(organisation=org_a, model_version=model_version, teams=[first])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    teams = [factories.make_team(organisation=org_a, parent=first if i % 2 else None) for i in range(6)]
    for _ in range(3):
        factories.make_assessment(organisation=org_a, model_version=model_version, teams=teams, status="closed")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200
    assert len(many) == len(few)
    assert sum(len(item.rounds) for item in page.context["teams"]) == 1 + 7 * 3  # a parent counts its sub-teams' rounds
