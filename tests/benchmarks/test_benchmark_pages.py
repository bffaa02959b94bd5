"""The benchmark page, the opt-in switch, the dashboard overlay and the PDF page."""

import json

import pytest

from assessments.organisations.models import ActivityLog
from assessments.results.services.report_document import report_html
from tests import factories
from tests.benchmarks.helpers import closed_org

pytestmark = pytest.mark.django_db
# session, user, the page, its scoring, the level rule's customer check, the peers (their figures scored and
# stored again, as the scoring cache is off in tests), the owner groups (the fingerprint of their links in two
# aggregates; the links themselves too, the cache being off). The model's content is kept per process after
# the first request (scoring.model_content).
QUERIES = 25


@pytest.fixture
def own(model_version, manager_a, org_a):
    org_a.benchmark_opt_in = True
    org_a.save()
    team = factories.make_team(organisation=org_a)
    from django.utils import timezone

    from tests.benchmarks.helpers import uniform_answers

    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], status="closed", closed_at=timezone.now()
    )
    factories.make_responses(assessment=assessment, answers=uniform_answers(model_version, 4, 5), team=team)
    return assessment


# Ten independent peers close together (45, eight at 50, 55): the median and both quartiles are published.
PEER_ANSWERS = [[2, 3, 3, 3, 3], *[[3] * 5] * 8, [3, 3, 3, 3, 4]]


@pytest.fixture
def peers(model_version):
    return [
        closed_org(model_version=model_version, value=None, answers=answers, name=f"Peer {i}")[0]
        for i, answers in enumerate(PEER_ANSWERS)
    ]


def test_page_shows_the_table_and_never_a_peer_name(own, peers, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/benchmark/").content.decode()
    assert "Compared with 10 independent organisations" in page
    assert "Peer " not in page
    assert "How peers stay anonymous" in page  # the rule, on the page
    assert "A median needs at least 5 independent organisations, the quartiles 10." in page
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert table.count(">50</td>") == 3 * 3  # three factors: lower quartile, median, upper quartile
    assert "At or above the upper quartile" in table  # our 75 against the published 50s
    radar = json.loads(page.split('id="radar-data" type="application/json">')[1].split("</script>")[0])
    names = [trace.get("name") for trace in radar["figure"]["data"]]
    assert "Benchmark median" in names


def test_page_explains_too_few(own, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/benchmark/?group=bogus").content.decode()
    assert "Not enough organisations to compare yet" in page
    assert "How peers stay anonymous" in page
    assert 'id="radar-data"' not in page


def test_page_explains_withheld_figures(own, model_version, manager_a, client_for):
    for value in (1, 2, 3, 4, 5):  # spread out: one organisation could move every figure
        closed_org(model_version=model_version, value=value)
    page = client_for(manager_a).get(f"/a/{own.public_id}/benchmark/").content.decode()
    assert "one organisation joining, leaving or changing its score could move every figure" in page
    assert 'id="radar-data"' not in page


@pytest.mark.parametrize("count", [1, 12])
def test_benchmark_page_queries_do_not_grow_with_peers(
    count, own, model_version, manager_a, client_for, django_assert_num_queries
):
    for i in range(count):
        closed_org(model_version=model_version, value=None, answers=PEER_ANSWERS[i % len(PEER_ANSWERS)])
    client = client_for(manager_a)
    client.get(f"/a/{own.public_id}/benchmark/")  # the peers' scores are cached from here on
    with django_assert_num_queries(QUERIES):
        assert client.get(f"/a/{own.public_id}/benchmark/").status_code == 200


def test_managers_opt_in_and_out_logged(own, manager_a, client_for):
    client = client_for(manager_a)
    response = client.post(f"/a/{own.public_id}/benchmark/", {})
    assert response.status_code == 302
    own.organisation.refresh_from_db()
    assert own.organisation.benchmark_opt_in is False
    client.post(f"/a/{own.public_id}/benchmark/", {})  # a repeated submit logs nothing new
    client.post(f"/a/{own.public_id}/benchmark/", {"opt_in": "on"})
    own.organisation.refresh_from_db()
    assert own.organisation.benchmark_opt_in is True
    verbs = list(ActivityLog.objects.filter(organisation=own.organisation).values_list("verb", flat=True))
    assert verbs == ["benchmark_joined", "benchmark_left"]


def test_viewers_may_look_but_not_switch(own, viewer_a, client_for):
    client = client_for(viewer_a)
    assert client.get(f"/a/{own.public_id}/benchmark/").status_code == 200
    assert client.post(f"/a/{own.public_id}/benchmark/", {}).status_code == 403


def test_dashboard_offers_the_benchmark_overlay(own, peers, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/results/").content.decode()
    assert 'id="overlay-benchmark"' in page
    radar = json.loads(page.split('id="radar-data" type="application/json">')[1].split("</script>")[0])
    assert [t["name"] for t in radar["overlays"]["benchmark"]] == [
        "Benchmark median",
        "Lower quartile",
        "Upper quartile",
    ]


def test_dashboard_without_benchmark_has_no_overlay(own, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/results/").content.decode()
    assert 'id="overlay-benchmark"' not in page


def test_report_has_a_benchmark_page(own, peers):
    html = report_html(assessment=own, language="en")
    assert "Compared with similar organisations" in html
    assert "Peer " not in html
    own.organisation.benchmark_opt_in = False
    own.organisation.save()
    assert "Compared with similar organisations" not in report_html(assessment=own, language="en")


def test_radar_draws_only_the_published_lines(own, model_version):
    from assessments.benchmarks.presentation import overlay_traces
    from assessments.benchmarks.selectors import benchmark_for
    from tests.benchmarks.helpers import result_of

    for _ in range(5):  # five owners: a median, no quartiles (they need ten)
        closed_org(model_version=model_version, value=3)
    result = result_of(own)
    benchmark = benchmark_for(assessment=own, result=result)
    traces = overlay_traces(result=result, benchmark=benchmark, language="en")
    assert [t["name"] for t in traces] == ["Benchmark median"]
    assert traces[0]["r"] == [50, 50, 50, 50]  # three factors, closed round the radar
