"""The plan, trend and drill-down pages run a fixed number of queries, with 1 row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.actions.services import plan as services
from assessments.questionnaire.services.rounds import start_next_round


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow_plan(assessment, actor, count, start):
    for i in range(start, start + count):
        action = services.create_action(
            organisation=assessment.organisation,
            assessment=assessment,
            actor=actor,
            data={"title": f"Action {i}", "factor_code": f"f{1 + i % 3}", "owner_name": f"Person {i}"},
        )
        if i % 2:
            services.set_status(action=action, actor=actor, status="done")


@pytest.mark.parametrize("path", ["plan/", "plan/?view=board", "trend/", "plan/export.csv", "plan/export.xlsx"])
def test_plan_and_trend_pages(closed_scan, manager_a, client_for, path, scoring_cache):
    client = client_for(manager_a)
    start_next_round(previous=closed_scan, actor=manager_a, title="Round 2", copy_invitees=False)
    url = f"/o/{closed_scan.organisation.public_id}/{path}"
    _grow_plan(closed_scan, manager_a, 1, 0)
    count_queries(client, url)  # warm up session and the scoring cache
    one = count_queries(client, url)
    _grow_plan(closed_scan, manager_a, 25, 1)
    count_queries(client, url)
    many = count_queries(client, url)
    assert one == many


def test_action_detail_page(closed_scan, manager_a, client_for):
    client = client_for(manager_a)
    (action,) = [
        services.create_action(
            organisation=closed_scan.organisation,
            assessment=closed_scan,
            actor=manager_a,
            data={"title": "A", "factor_code": "f1"},
        )
    ]
    url = f"/o/{closed_scan.organisation.public_id}/plan/{action.public_id}/"
    count_queries(client, url)
    one = count_queries(client, url)
    for status in ("in_progress", "done", "planned", "dropped"):
        services.set_status(action=action, actor=manager_a, status=status)
    assert count_queries(client, url) == one


def test_drilldown_does_not_grow_with_respondents(make_scan, manager_a, client_for):
    client = client_for(manager_a)
    small = make_scan(sizes={("sales", "board"): 5}, seed=1)
    large = make_scan(sizes={("sales", "board"): 60, ("north", "front"): 50, ("service", "front"): 40}, seed=2)
    counts = []
    for scan in (small, large):
        url = f"/a/{scan.public_id}/results/factor/f1/?group=team:{scan.teams.order_by('name').first().public_id}"
        count_queries(client, url)
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
