"""The number of queries does not grow with the number of respondents (scoring, dashboard, exports)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.scoring import model_content, score_assessment

SMALL = {("sales", "board"): 1, ("north", "front"): 1}
LARGE = {("sales", "board"): 80, ("north", "front"): 70, ("service", "front"): 50}


def count_queries(action):
    with CaptureQueriesContext(connection) as ctx:
        action()
    return len(ctx.captured_queries)


@pytest.fixture
def scans(make_scan):
    return make_scan(sizes=SMALL, seed=1), make_scan(sizes=LARGE, seed=2)


def test_score_assessment(scans, django_assert_num_queries):
    small, large = scans
    # The first scoring reads the model's content (kept per process), folds every cell and keeps it
    # (scoring/cells.py), computes every group and keeps it (scoring/kept_groups.py); later ones read the
    # kept groups only.
    first = []
    for a in (small, large):
        model_content.forget()
        first.append(count_queries(lambda a=a: score_assessment(assessment=a)))
    assert first[0] == first[1]
    assert score_assessment(assessment=large).respondents == 200
    counts = [count_queries(lambda a=a: score_assessment(assessment=a)) for a in (small, large)]
    # The content (five queries for this version), the cells (read, responses, rows, fingerprints, savepoint,
    # insert, release), the groups (savepoint, insert, release).
    assert counts[0] == counts[1] == first[0] - 5 - 7 - 3
    with django_assert_num_queries(counts[0]):
        score_assessment(assessment=large)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize(
    "path",
    [
        "results/",
        "results/export/scores.csv",
        "results/export/scores.xlsx",
        "results/export/answers.csv",
        "results/export/answers.xlsx",
    ],
)
def test_pages_and_exports(scans, manager_a, client_for, path):
    client = client_for(manager_a)
    small, large = scans
    for assessment in (small, large):  # warm up session and caches, and keep the cells' tallies
        _get(client, f"/a/{assessment.public_id}/{path}")
    counts = [count_queries(lambda a=a: _get(client, f"/a/{a.public_id}/{path}")) for a in (small, large)]
    assert counts[0] == counts[1]
