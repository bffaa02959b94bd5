"""The scoring result cache: a second load is served from it, and every change that can alter a result
invalidates it (the next result reflects the change)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.organisations.services import organisations
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.services import assessments as assessment_services
from assessments.questionnaire.services import invitations, responses
from assessments.questionnaire.services.invitations.common import InviteRow
from assessments.scoring import score as core
from assessments.scoring import score_assessment
from assessments.scoring.cache import result_cache_key
from tests import factories

SIZES = {("sales", "board"): 6, ("north", "front"): 6, ("service", "front"): 5}

pytestmark = pytest.mark.usefixtures("scoring_cache")


def count_queries(action):
    with CaptureQueriesContext(connection) as ctx:
        action()
    return len(ctx.captured_queries)


def fresh(assessment):
    """The assessment as a request would load it, then its (possibly cached) result."""
    return score_assessment(assessment=Assessment.objects.select_related("organisation").get(pk=assessment.pk))


@pytest.fixture
def scan(make_scan):
    return make_scan(sizes=SIZES, seed=3)


def team_names(result):
    return sorted(g.group.name_en for g in result.teams)


def test_second_dashboard_load_is_served_from_the_cache(scan, manager_a, client_for):
    client = client_for(manager_a)
    url = f"/a/{scan.public_id}/results/"
    client.get(url)  # session and membership lookups settle
    cache.clear()
    first = count_queries(lambda: client.get(url))
    second = count_queries(lambda: client.get(url))
    assert second < first
    # Exactly the scoring queries are saved (the figures are cached too, but cost no queries).
    assert first - second == count_queries(lambda: core.score_scores(assessment=scan))


def test_score_assessment_hit_needs_one_query_and_returns_the_same_result(scan):
    first = fresh(scan)
    assessment = Assessment.objects.select_related("organisation").get(pk=scan.pk)
    # Only the customers' share of 9s and 10s is read fresh (scoring.level): one query without a customer check.
    assert count_queries(lambda: score_assessment(assessment=assessment)) == 1
    assert score_assessment(assessment=assessment) == first


def test_the_key_holds_thresholds_and_data_version(scan):
    key = result_cache_key(assessment=scan)
    scan.threshold_scores = 7
    assert result_cache_key(assessment=scan) != key
    scan.threshold_scores = 5
    scan.data_version += 1
    assert result_cache_key(assessment=scan) != key


def test_submit_invalidates(scan, structure):
    assert fresh(scan).respondents == 17
    (response,) = factories.make_responses(
        assessment=scan, answers=[{"f1s1": 3}], team=structure["sales"], role=structure["board"], submitted=False
    )
    responses.submit(response=response)
    assert fresh(scan).respondents == 18


def test_threshold_change_is_never_served_from_the_old_entry(scan):
    assert fresh(scan).organisation.factors[0].suppressed is False
    # Even a write that bypasses the services (and so the bump) gets a result with its own thresholds.
    Assessment.objects.filter(pk=scan.pk).update(threshold_scores=50)
    result = fresh(scan)
    assert result.thresholds.scores == 50
    assert result.organisation.factors[0].suppressed is True


def test_assessment_edit_invalidates(scan, structure, manager_a):
    assert team_names(fresh(scan)) == ["Sales", "Service", "Service North"]
    data = {
        "title": scan.title,
        "threshold_scores": 5,
        "threshold_comments": 5,
        "threshold_spread": 5,
        "teams": [structure["sales"], structure["service"]],
        "roles": [structure["board"], structure["front"]],
        "languages": ["nl", "en"],
    }
    # Dropping a team that responses use is refused, so add one instead.
    extra = factories.make_team(organisation=scan.organisation, name="Extra")
    data["teams"] = [structure["sales"], structure["service"], structure["north"], extra]
    before = Assessment.objects.get(pk=scan.pk).data_version
    assessment_services.update_assessment(assessment=scan, actor=manager_a, data=data)
    assert Assessment.objects.get(pk=scan.pk).data_version == before + 1
    assert "Extra" in team_names(fresh(scan))


def test_close_invalidates(scan, manager_a):
    assert fresh(scan).status == "open"
    assessment_services.close_assessment(assessment=scan, actor=manager_a)
    assert fresh(scan).status == "closed"


def test_team_rename_invalidates(scan, structure, manager_a):
    assert team_names(fresh(scan)) == ["Sales", "Service", "Service North"]
    organisations.update_team(team=structure["sales"], actor=manager_a, name="Selling")
    assert team_names(fresh(scan)) == ["Selling", "Service", "Service North"]


def test_team_parent_change_invalidates(scan, structure, manager_a):
    service = {g.group.name_en: g.respondents for g in fresh(scan).teams}
    assert service["Service"] == 11
    organisations.update_team(team=structure["north"], actor=manager_a, name="Service North", parent=None)
    assert {g.group.name_en: g.respondents for g in fresh(scan).teams}["Service"] == 5


def test_team_delete_invalidates(scan, structure, manager_a):
    assert "Service North" in team_names(fresh(scan))
    organisations.delete_team(team=structure["north"], actor=manager_a)
    assert "Service North" not in team_names(fresh(scan))


def test_role_management_change_invalidates(scan, structure, manager_a):
    assert fresh(scan).management is not None
    board = structure["board"]
    organisations.update_role(role=board, actor=manager_a, name_en=board.name_en, name_nl=board.name_nl, order=1)
    assert fresh(scan).management is None


def test_role_rename_and_delete_invalidate(scan, structure, manager_a):
    front = structure["front"]
    organisations.update_role(role=front, actor=manager_a, name_en="Counter", name_nl="Balie", order=2)
    assert sorted(g.group.name_en for g in fresh(scan).roles) == ["Board", "Counter"]
    organisations.delete_role(role=front, actor=manager_a)
    assert [g.group.name_en for g in fresh(scan).roles] == ["Board"]


def test_organisation_rename_invalidates(scan, manager_a):
    assert fresh(scan).organisation_name == "Acme Care"
    organisations.update_organisation(organisation=scan.organisation, actor=manager_a, name="Acme Health")
    assert fresh(scan).organisation_name == "Acme Health"


def test_invitations_invalidate(scan, structure, manager_a):
    assert fresh(scan).response_rate.invited == 0
    rows = [InviteRow("new.person@example.org", structure["sales"], None)]
    invitations.import_invitations(assessment=scan, actor=manager_a, rows=rows)
    assert fresh(scan).response_rate.invited == 1


def test_a_change_to_the_previous_round_invalidates(make_scan, structure):
    before = make_scan(sizes=SIZES, seed=4)
    after = make_scan(sizes=SIZES, seed=5, previous=before)
    old_change = fresh(after).changes[0].change
    assert old_change is not None
    (response,) = factories.make_responses(
        assessment=before,
        answers=[{f"f1s{j}": 5 for j in range(1, 5)}],
        team=structure["sales"],
        role=structure["board"],
        submitted=False,
    )
    responses.submit(response=response)
    assert fresh(after).changes[0].change != old_change


def test_figures_are_cached_per_language(scan, manager_a, client_for, monkeypatch):
    from assessments.results import charts

    client = client_for(manager_a)
    url = f"/a/{scan.public_id}/results/"
    drawn = []
    original = charts.radar_figure
    monkeypatch.setattr(charts, "radar_figure", lambda **kw: drawn.append(kw["language"]) or original(**kw))
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["radar_data"]
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["radar_data"] == english
    assert drawn == ["en"]  # the second load was served from the cache
    client.cookies["django_language"] = "nl"
    dutch = client.get(url).context["radar_data"]
    assert drawn == ["en", "nl"]
    assert english["figure"]["data"][0]["theta"][0] == "Factor 1"
    assert dutch["figure"]["data"][0]["theta"][0] == "Factor 1 (nl)"


def test_alpha_with_long_factors_packs_answers_without_overflow(org_a, structure):
    """13 statements on a 1-5 scale pack into numbers beyond a 32-bit integer (6**13): alpha still exact."""
    version = factories.make_model_version(code="long", factors=1, statements=13)
    scan = factories.make_assessment(organisation=org_a, model_version=version, teams=[structure["sales"]])
    rows = [[(i * j + i) % 5 + 1 for j in range(13)] for i in range(12)]
    factories.make_responses(
        assessment=scan,
        answers=[{f"f1s{j + 1}": v for j, v in enumerate(row)} for row in rows],
        team=structure["sales"],
    )
    alpha = fresh(scan).alpha[0]

    def variance(values):
        mean = sum(values) / len(values)
        return sum((v - mean) ** 2 for v in values) / len(values)

    items = sum(variance([row[j] for row in rows]) for j in range(13))
    expected = 13 / 12 * (1 - items / variance([sum(row) for row in rows]))
    assert alpha.n == 12
    assert alpha.alpha == pytest.approx(expected, abs=1e-12)
