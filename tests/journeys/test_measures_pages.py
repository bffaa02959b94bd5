"""Customer success measures through the pages: a manager sets one from the action's page, viewers and team
leaders cannot, bad input is a 400 with a clear message; the plan page shows the measures per wave beside the
maturity index (query count constant with 1 and many measures); the moments export and the API carry the
per-moment figures and the measures under the same anonymity rules."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.actions.services.plan import create_action
from assessments.journeys.measures import services
from assessments.journeys.models import MeasureRecord, MomentMeasure
from tests import factories
from tests.journeys.conftest import add_customer_responses, make_link, tie

pytestmark = pytest.mark.django_db


def _url(name, action):
    return reverse(name, kwargs={"org": action.organisation.public_id, "action": action.public_id})


def _plan(org):
    return reverse("action_plan", kwargs={"org": org.public_id})


@pytest.fixture
def tied(journey, two_waves):
    """The intake's customers in both waves: 3 of 10 give a 9+, then 14 of 20; the invoice only in spring,
    with 8 customers (below the minimum of 10), and 5 more customers on an untied link, so that all customers
    minus the intake do not reveal the invoice (the intake would be hidden against subtraction otherwise)."""
    autumn, spring = two_waves
    intake = journey.moments.get(name_en="Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9, 9, 9, 6, 7, 8, 7, 5, 8, 7])
    tie(intake, spring.customer_check, "Desk spring", [9] * 14 + [7] * 6)
    tie(journey.moments.get(name_en="Invoice"), spring.customer_check, "Bill spring", [8] * 8)
    add_customer_responses(make_link(spring.customer_check, label="Kiosk"), [6] * 5)
    return intake


def test_manager_sets_a_measure_from_the_action_page(org_a, manager_a, client_for, tied, plan_action, two_waves):
    client = client_for(manager_a)
    detail = client.get(_url("action_detail", plan_action)).content.decode()
    assert "No customer measure yet" in detail
    assert _url("customer_measure", plan_action) in detail
    page = client.get(_url("customer_measure", plan_action))
    assert page.status_code == 200
    data = {
        "moment": str(tied.public_id),
        "metric": "nine_plus",
        "target": "40",
        "baseline": str(two_waves[0].public_id),
        "description": "",
    }
    response = client.post(_url("customer_measure", plan_action), data)
    assert response.status_code == 302
    assert response["Location"] == _url("action_detail", plan_action)
    client.post(_url("customer_measure", plan_action), data)  # the same submit again: still one measure
    assert list(MomentMeasure.objects.values_list("action", "moment", "metric", "target")) == [
        (plan_action.pk, tied.pk, "nine_plus", 40.0)
    ]
    detail = client.get(_url("action_detail", plan_action)).content.decode()
    assert "30% (11–60%)" in detail
    assert "70% (48–85%)" in detail
    assert "moved, the right way: +40 pp, beyond the margin of ±31" in detail


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": "150"}, "Ensure this value is less than or equal to 100."),
        ({"moment": "00000000-0000-0000-0000-000000000000"}, "Choose a moment of this organisation&#x27;s journeys."),
        ({"metric": "recorded"}, "Say what you count"),
        ({"baseline": "nonsense"}, "Choose a round of this organisation with a customer check."),
    ],
)
def test_bad_input_is_a_400_with_a_message(org_a, manager_a, client_for, tied, plan_action, change, message):
    data = {"moment": str(tied.public_id), "metric": "nine_plus", "target": "40", "baseline": "", **change}
    response = client_for(manager_a).post(_url("customer_measure", plan_action), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MomentMeasure.objects.count() == 0


def test_viewers_and_team_leaders_cannot_change_a_measure(org_a, manager_a, viewer_a, client_for, tied, plan_action):
    leader = factories.make_user(email="leader@example.org")
    membership = factories.add_member(user=leader, organisation=org_a, role="team_leader")
    plan_action.owner = membership
    plan_action.save()
    services.set_measure(action=plan_action, actor=manager_a, moment=tied, metric="nine_plus", target=40.0)
    for user in (viewer_a, leader):
        client = client_for(user)
        for name in ("customer_measure", "customer_measure_remove", "customer_measure_record"):
            assert client.post(_url(name, plan_action), {"target": "1"}).status_code in (403, 404)
    assert MomentMeasure.objects.count() == 1
    # A team leader sees their own action, not the organisation's customer figures.
    assert "Judged by customers" not in client_for(leader).get(_plan(org_a)).content.decode()
    assert "Judged by customers" in client_for(viewer_a).get(_plan(org_a)).content.decode()


def test_record_a_counted_figure_per_wave(org_a, manager_a, client_for, tied, plan_action, two_waves):
    client = client_for(manager_a)
    services.set_measure(action=plan_action, actor=manager_a, moment=tied, metric="nine_plus", target=40.0)
    assert client.get(_url("customer_measure_record", plan_action)).status_code == 404  # not a counted share
    services.set_measure(
        action=plan_action, actor=manager_a, moment=tied, metric="recorded", target=90.0, description="called back"
    )
    url = _url("customer_measure_record", plan_action)
    bad = client.post(url, {"wave": str(two_waves[0].public_id), "hits": "12", "count": "10"})
    assert bad.status_code == 400
    assert "cannot be more than the cases counted" in bad.content.decode()
    for wave, hits in ((two_waves[0], "4"), (two_waves[1], "18"), (two_waves[1], "19")):
        assert client.post(url, {"wave": str(wave.public_id), "hits": hits, "count": "20"}).status_code == 302
    assert list(MeasureRecord.objects.order_by("assessment__opens_at").values_list("hits", "count")) == [
        (4, 20),
        (19, 20),
    ]
    assert "95% (76–99%)" in client.get(_url("action_detail", plan_action)).content.decode()
    response = client.post(_url("customer_measure_remove", plan_action))
    assert response.status_code == 302
    assert MomentMeasure.objects.count() == MeasureRecord.objects.count() == 0


def test_the_plan_shows_the_measures_per_wave_in_dutch(org_a, manager_a, client_for, tied, plan_action, journey):
    services.set_measure(action=plan_action, actor=manager_a, moment=tied, metric="nine_plus", target=40.0)
    invoice = journey.moments.get(name_en="Invoice")
    other = create_action(
        organisation=org_a,
        assessment=plan_action.assessment,
        actor=manager_a,
        data={"title": "Bill", "factor_code": "f1"},
    )
    services.set_measure(action=other, actor=manager_a, moment=invoice, metric="basics", target=80.0)
    client = client_for(manager_a)
    english = client.get(_plan(org_a)).content.decode()
    assert "Judged by customers" in english
    assert "not enough customer answers yet (8 of 10)" in english
    assert "no customer link at this moment" not in english  # the invoice's waves start where it has one
    client.cookies["django_language"] = "nl"
    dutch = client.get(_plan(org_a), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Beoordeeld door klanten" in dutch
    assert "nog niet genoeg antwoorden van klanten (8 van 10)" in dutch


def _measures(org, manager, journey, action, count):
    intake = journey.moments.get(name_en="Intake")
    for i in range(count):
        extra = action
        if i:
            extra = create_action(
                organisation=org,
                assessment=action.assessment,
                actor=manager,
                data={"title": f"A{i}", "factor_code": "f1"},
            )
        services.set_measure(action=extra, actor=manager, moment=intake, metric="nine_plus", target=40.0)


def test_the_plan_page_queries_do_not_grow_with_the_measures(org_a, manager_a, client_for, tied, plan_action, journey):
    client = client_for(manager_a)
    _measures(org_a, manager_a, journey, plan_action, 1)
    client.get(_plan(org_a))  # the first request of a session does a few more
    with CaptureQueriesContext(connection) as one:
        assert client.get(_plan(org_a)).status_code == 200
    _measures(org_a, manager_a, journey, plan_action, 6)
    with CaptureQueriesContext(connection) as many:
        body = client.get(_plan(org_a)).content.decode()
    assert body.count("measure-item") == 6
    assert len(one) == len(many), [q["sql"][:150] for q in many.captured_queries]


def _csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_moments_export_keeps_hidden_figures_hidden(
    org_a, viewer_a, manager_a, client_for, tied, plan_action, two_waves
):
    services.set_measure(action=plan_action, actor=manager_a, moment=tied, metric="nine_plus", target=40.0)
    spring = two_waves[1]
    client = client_for(viewer_a)
    url = reverse("moments_export", kwargs={"assessment": spring.public_id, "kind": "moments", "fmt": "csv"})
    rows = _csv(client.get(url))
    by_moment = {row[2]: row for row in rows[1:]}
    assert by_moment["Intake"][6:10] == ["20", "yes", "", "8.4"]
    assert by_moment["Intake"][12] == "70.0"  # 9 or 10
    assert by_moment["Invoice"][6:8] == ["8", "no"]
    assert by_moment["Invoice"][9:18] == [""] * 9  # nothing of a hidden moment but its count
    measures = _csv(client.get(url.replace("moments.csv", "measures.csv")))
    assert [row[5] for row in measures[1:]] == ["Autumn round", "Spring round"]
    assert [row[9] for row in measures[1:]] == ["30.0", "70.0"]
    assert measures[1][-1].startswith("moved, the right way")
    autumn_url = reverse(
        "moments_export", kwargs={"assessment": two_waves[0].public_id, "kind": "measures", "fmt": "csv"}
    )
    until_autumn = _csv(client.get(autumn_url))
    assert [row[5] for row in until_autumn[1:]] == ["Autumn round"]  # no wave after the round exported
    xlsx = client.get(url.replace("moments.csv", "moments.xlsx"))
    assert (xlsx.status_code, xlsx.getvalue()[:2]) == (200, b"PK")
    assert client.get(url.replace("moments.csv", "other.csv")).status_code == 404


def test_the_api_carries_the_measures_per_wave(org_a, viewer_a, manager_a, tied, plan_action, two_waves, token_for):
    services.set_measure(action=plan_action, actor=manager_a, moment=tied, metric="nine_plus", target=40.0)
    _token, client = token_for(viewer_a)
    body = client.get(f"/api/v1/assessments/{two_waves[1].public_id}/moments/").json()
    (measure,) = body["measures"]
    assert measure["action"] == str(plan_action.public_id)
    assert [w["share"] for w in measure["waves"]] == [30.0, 70.0]
    assert measure["verdict"] == "improved"
    invoice = next(m for m in body["journeys"][0]["moments"] if m["name_en"] == "Invoice")
    assert (invoice["customers"]["shown"], invoice["customers"]["bands"]) == (False, None)
    earlier = client.get(f"/api/v1/assessments/{two_waves[0].public_id}/moments/").json()
    assert [w["title"] for w in earlier["measures"][0]["waves"]] == ["Autumn round"]
    assert earlier["measures"][0]["verdict"] == "no_later_wave"
