"""The benchmark page, the opt-in switch, the dashboard overlay and the PDF page."""

import json

import pytest

from assessments.organisations.models import ActivityLog
from assessments.results.services.report_document import report_html
from tests import factories
from tests.benchmarks.helpers import closed_org

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def peers(model_version):
    return [closed_org(model_version=model_version, value=v, name=f"Peer {v}")[0] for v in (1, 2, 3, 4, 5)]


def test_page_shows_the_table_and_never_a_peer_name(own, peers, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/benchmark/").content.decode()
    assert "Compared with 5 other organisations" in page
    assert "Peer " not in page
    radar = json.loads(page.split('id="radar-data" type="application/json">')[1].split("</script>")[0])
    names = [trace.get("name") for trace in radar["figure"]["data"]]
    assert "Benchmark median" in names


def test_page_explains_too_few(own, manager_a, client_for):
    page = client_for(manager_a).get(f"/a/{own.public_id}/benchmark/?group=bogus").content.decode()
    assert "Not enough organisations to compare yet" in page
    assert 'id="radar-data"' not in page


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
