"""At 200 teams the dashboard, the factor drill-down and the exports run as many queries as at one team, and the
dashboard's heatmap shows the strongest and weakest teams while its table lists all of them (results/teams.py)."""

import json
import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from assessments.results import charts, exports, teams
from assessments.scoring import model_content
from tests import factories
from tests.results.report.builders import build_large_org

MANY = 200


@pytest.fixture
def orgs(db):
    model_version = factories.make_model_version(code="teamsmodel", factors=4, statements=2)
    one = build_large_org(model_version=model_version, teams=1, name="One Team Co")
    many = build_large_org(model_version=model_version, teams=MANY, name="Many Teams Co")
    manager = factories.make_user(email="teams.manager@example.org")
    for scenario in (one, many):
        factories.add_member(user=manager, organisation=scenario.organisation, role="manager")
    factor = model_version.factors.order_by("order").first().code
    return one.assessment, many.assessment, manager, factor


# The first scoring keeps every cell's and group's figures in one INSERT each, which SQLite's 999 parameters
# split into batches of 249 rows: the 200-team organisation's 250-odd groups take one statement more there.
_KEPT = ('INSERT INTO "assessments_celltally"', 'INSERT INTO "assessments_grouptally"')


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return len([q for q in ctx.captured_queries if not q["sql"].startswith(_KEPT)]), body


PATHS = (
    "results/",
    "results/factor/{factor}/",
    "results/export/scores.csv",
    "results/export/scores.xlsx",
    "results/export/answers.csv",
    "results/export/answers.xlsx",
)


def test_queries_do_not_grow_with_the_number_of_teams(orgs, client_for):
    # One test for every page: building 200 teams takes seconds, so it is built once.
    one, many, manager, factor = orgs
    client = client_for(manager)
    for path in PATHS:
        cold, warm = {}, {}
        for assessment in (one, many):
            url = f"/a/{assessment.public_id}/{path.format(factor=factor)}"
            model_content.forget()  # cold: the model's content too, kept per process after its first read
            cold[assessment.pk], _body = _get(client, url)
            warm[assessment.pk], _body = _get(client, url)
        assert (path, cold[one.pk], warm[one.pk]) == (path, cold[many.pk], warm[many.pk])


def test_the_answers_csv_streams_row_by_row(orgs, monkeypatch):
    """The raw answers are read with a chunked iterator and written as they come: 1,000 respondents are never
    held at once (bench/large_org.py measures the memory at 80,000)."""
    _one, many, _manager, _factor = orgs
    chunk_sizes = []
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    _name, _type, content = exports.export(assessment=many, kind="answers", fmt="csv", language="en")
    assert isinstance(content, Iterator)
    assert not isinstance(content, list | tuple)
    first = [next(content) for _ in range(4)]  # the BOM, the header and two respondents
    assert [first[2][:2], first[3][:2]] == ["1,", "2,"]
    assert chunk_sizes == [2000]
    assert sum(1 for _chunk in content) == MANY * 5 - 2


def test_the_dashboard_chart_shows_the_extremes_and_the_table_every_team(orgs, client_for):
    one, many, manager, _factor = orgs
    _count, body = _get(client_for(manager), f"/a/{many.public_id}/results/")
    html = body.decode()
    data = json.loads(re.search(r'<script id="heatmap-data" type="application/json">(.*?)</script>', html, re.S)[1])
    labels = data["figure"]["data"][0]["y"]
    assert len(labels) == 1 + 2 * teams.EXTREMES + 1
    assert labels[1 + teams.EXTREMES] == f"⋯ {MANY - 2 * teams.EXTREMES} other teams ⋯"
    assert data["figure"]["layout"]["height"] == 60 + 36 * len(labels)
    assert "The chart shows the 8 strongest and the 8 weakest of 200 teams" in html
    # The radar's team overlay: the three strongest and three weakest lines, not 200.
    radar = json.loads(re.search(r'<script id="radar-data" type="application/json">(.*?)</script>', html, re.S)[1])
    assert len(radar["overlays"]["teams"]) == 2 * charts.RADAR_EXTREMES
    names = [trace["name"] for trace in radar["overlays"]["teams"]]
    assert names[0] == labels[1].split(". ", 1)[1].rsplit(" (", 1)[0]  # the strongest, as on the heatmap
    table = html[html.index('class="table table-sm align-middle mb-0 heatmap-table"') :]
    for number in (1, 100, MANY):
        assert f"Team {number:03d}" in table
    # A few teams keep the whole heatmap, without the note.
    _count, body = _get(client_for(manager), f"/a/{one.public_id}/results/")
    assert 'id="heatmap-extremes"' not in body.decode()
