"""Journeys and moments through their pages: managers change them, viewers read, bad input is a 400 with a
clear message, moments reorder, a customer link is tied to a moment and its QR code printed; query counts
of the journey page at 1 and many moments."""

import datetime

import pytest
from django.urls import reverse

from assessments.journeys import selectors, services
from assessments.journeys.models import Journey, Moment, MomentLink
from assessments.organisations.models import ActivityLog
from assessments.outside_in.models import CustomerCheck, CustomerLink
from tests import factories
from tests.journeys.conftest import tie

pytestmark = pytest.mark.django_db


def _url(name, org, **kwargs):
    return reverse(name, kwargs={"org": org.public_id, **kwargs})


def _order(journey):
    return list(journey.moments.order_by("position").values_list("name_en", flat=True))


def test_manager_adds_a_journey_and_its_moments(org_a, manager_a, client_for, desk):
    client = client_for(manager_a)
    data = {"name_en": "New client", "name_nl": "Nieuwe klant", "description_en": "", "description_nl": ""}
    response = client.post(_url("journey_create", org_a), data)
    journey = Journey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("journey_detail", org_a, journey=journey.public_id)
    for name, team, target in (("Intake", desk.pk, "basics"), ("Invoice", "", "nine_plus")):
        response = client.post(
            _url("moment_create", org_a, journey=journey.public_id),
            {"name_en": name, "name_nl": name, "team": team, "target": target},
        )
        assert response.status_code == 302
    assert list(journey.moments.values_list("name_en", "team__name", "target", "position")) == [
        ("Intake", "Desk", "basics", 0),
        ("Invoice", None, "nine_plus", 1),
    ]
    assert ActivityLog.objects.filter(organisation=org_a, verb="created").count() == 3
    page = client.get(_url("journey_detail", org_a, journey=journey.public_id))
    assert page.status_code == 200
    assert "Moments that matter" in page.content.decode()
    assert "Intake" in page.content.decode()


def test_bad_input_is_a_400_with_a_clear_message(org_a, manager_a, client_for, journey, org_b):
    client = client_for(manager_a)
    duplicate = client.post(
        _url("journey_create", org_a),
        {"name_en": "new CLIENT", "name_nl": "x", "description_en": "", "description_nl": ""},
    )
    assert duplicate.status_code == 400
    assert "There is already a journey with this name." in duplicate.content.decode()
    blank = client.post(_url("moment_create", org_a, journey=journey.public_id), {"name_en": "  ", "target": "x"})
    assert blank.status_code == 400
    body = blank.content.decode()
    assert "Enter a name." in body or "This field is required." in body
    assert "Select a valid choice" in body  # the target
    foreign = factories.make_team(organisation=org_b, name="Elsewhere")
    stolen = client.post(
        _url("moment_create", org_a, journey=journey.public_id),
        {"name_en": "Exit", "name_nl": "Vertrek", "team": foreign.pk, "target": "basics"},
    )
    assert stolen.status_code == 400
    assert "Choose one of this organisation&#x27;s teams." in stolen.content.decode()
    twice = client.post(
        _url("moment_create", org_a, journey=journey.public_id),
        {"name_en": "intake", "name_nl": "Intake", "target": "basics"},
    )
    assert twice.status_code == 400
    assert "This journey already has a moment with this name." in twice.content.decode()
    moment = journey.moments.first()
    sideways = client.post(
        _url("moment_move", org_a, journey=journey.public_id, moment=moment.public_id), {"direction": "left"}
    )
    assert sideways.status_code == 400
    assert sideways.content.decode() == "Move a moment up or down."


def test_moments_reorder_and_stay_numbered(org_a, manager_a, client_for, journey):
    client = client_for(manager_a)
    invoice = journey.moments.get(name_en="Invoice")
    move = _url("moment_move", org_a, journey=journey.public_id, moment=invoice.public_id)
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert _order(journey) == ["Intake", "Invoice", "First appointment"]
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})  # already first: nothing happens
    assert _order(journey) == ["Invoice", "Intake", "First appointment"]
    client.post(move, {"direction": "down"})
    assert _order(journey) == ["Intake", "Invoice", "First appointment"]
    intake = journey.moments.get(name_en="Intake")
    client.post(_url("moment_delete", org_a, journey=journey.public_id, moment=intake.public_id))
    assert list(journey.moments.order_by("position").values_list("name_en", "position")) == [
        ("Invoice", 0),
        ("First appointment", 1),
    ]


def test_edit_and_delete_journey_keep_the_customer_links(org_a, manager_a, client_for, journey, round_with_check):
    client = client_for(manager_a)
    tie(journey.moments.first(), round_with_check.customer_check, "Desk QR", [8] * 3)
    response = client.post(
        _url("journey_edit", org_a, journey=journey.public_id),
        {
            "name_en": "New patient",
            "name_nl": "Nieuwe patiënt",
            "description_en": "From first call",
            "description_nl": "",
        },
    )
    assert response.status_code == 302
    journey.refresh_from_db()
    assert (journey.name_en, journey.name_nl, journey.description_en) == (
        "New patient",
        "Nieuwe patiënt",
        "From first call",
    )
    assert client.get(_url("journey_delete", org_a, journey=journey.public_id)).status_code == 200
    assert client.post(_url("journey_delete", org_a, journey=journey.public_id)).status_code == 302
    assert not Journey.objects.exists()
    assert not Moment.objects.exists()
    assert not MomentLink.objects.exists()
    assert CustomerLink.objects.get().responses.count() == 3  # the answers stay in the round


def test_viewers_read_but_do_not_change(org_a, viewer_a, client_for, journey, round_with_check):
    client = client_for(viewer_a)
    moment = journey.moments.first()
    assert client.get(_url("journey_list", org_a)).status_code == 200
    page = client.get(_url("journey_detail", org_a, journey=journey.public_id))
    assert page.status_code == 200
    assert "Add moment" not in page.content.decode()
    link = tie(moment, round_with_check.customer_check, "Desk QR", [8])
    kw = {"journey": journey.public_id, "moment": moment.public_id}
    for name, kwargs in (
        ("journey_create", {}),
        ("journey_edit", {"journey": journey.public_id}),
        ("journey_delete", {"journey": journey.public_id}),
        ("moment_create", {"journey": journey.public_id}),
        ("moment_edit", kw),
        ("moment_delete", kw),
        ("moment_move", kw),
        ("moment_links", kw),
        ("moment_qr", {**kw, "link": link.public_id}),
    ):
        for method in ("get", "post"):
            status = getattr(client, method)(_url(name, org_a, **kwargs)).status_code
            assert status in (403, 404, 405), (name, method, status)
    assert Journey.objects.get().name_en == "New client"
    assert journey.moments.count() == 3


def test_a_moment_of_another_journey_is_not_found(org_a, manager_a, client_for, journey):
    other = services.create_journey(
        organisation=org_a,
        actor=manager_a,
        name_en="Renewal",
        name_nl="Verlenging",
        description_en="",
        description_nl="",
    )
    moment = journey.moments.first()
    client = client_for(manager_a)
    assert client.get(_url("moment_edit", org_a, journey=other.public_id, moment=moment.public_id)).status_code == 404
    assert client.get(_url("journey_detail", org_a, journey=journey.public_id) + "?round=nope").status_code == 404


def test_tie_a_customer_link_and_print_its_qr_code(org_a, manager_a, client_for, journey, round_with_check):
    client = client_for(manager_a)
    moment = journey.moments.get(name_en="Intake")
    links_url = _url("moment_links", org_a, journey=journey.public_id, moment=moment.public_id)
    form = client.get(links_url)
    assert form.status_code == 200
    assert "New client · Intake" in form.content.decode()
    response = client.post(links_url, {"assessment": str(round_with_check.public_id), "label": "Desk QR"})
    link = CustomerLink.objects.get()
    assert (link.customer_check.assessment, link.label, link.moment_link.moment) == (
        round_with_check,
        "Desk QR",
        moment,
    )
    assert response["Location"] == _url(
        "moment_qr", org_a, journey=journey.public_id, moment=moment.public_id, link=link.public_id
    )
    qr = client.get(response["Location"])
    body = qr.content.decode()
    assert qr.status_code == 200
    assert qr["Cache-Control"] == "private, no-store"
    assert "<svg" in body
    assert "<?xml" not in body
    assert f"/c/{link.token}/" in body
    again = client.post(links_url, {"assessment": str(round_with_check.public_id), "label": "desk qr"})
    assert again.status_code == 400
    assert "This round already has a customer link with this label." in again.content.decode()
    elsewhere = factories.make_assessment(
        organisation=factories.make_organisation(), model_version=round_with_check.model_version
    )
    wrong = client.post(links_url, {"assessment": str(elsewhere.public_id), "label": "Other"})
    assert wrong.status_code == 400
    assert "Choose a round of this organisation with a customer check." in wrong.content.decode()
    assert CustomerLink.objects.count() == 1
    # The customer answers on the link like on any customer link; the moment counts the answer.
    assert client.get(f"/c/{link.token}/").status_code == 200


def test_qr_svg_encodes_the_link():
    from assessments.journeys.qr import qr_svg

    svg = qr_svg("https://cx.example/c/abc/")
    assert svg.startswith("<svg")
    assert "<path" in svg
    assert "abc" not in svg


def _journey_with(org, actor, count, team, check):
    journey = services.create_journey(
        organisation=org, actor=actor, name_en=f"J{count}", name_nl=f"J{count}", description_en="", description_nl=""
    )
    for i in range(count):
        moment = services.create_moment(
            journey=journey, actor=actor, name_en=f"M{i}", name_nl=f"M{i}", team=team, target="nine_plus"
        )
        tie(moment, check, f"J{count} link {i}", [9] * 10)
    return journey


def test_journey_page_queries_do_not_grow_with_the_moments(
    org_a, manager_a, client_for, round_with_check, desk, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.make_random_responses(assessment=round_with_check, count=6, team=desk, seed=1)
    check = round_with_check.customer_check
    one = _journey_with(org_a, manager_a, 1, desk, check)
    many = _journey_with(org_a, manager_a, 8, desk, check)
    client = client_for(manager_a)
    client.get(_url("journey_detail", org_a, journey=one.public_id))  # warm the result cache
    counts = []
    for journey in (one, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("journey_detail", org_a, journey=journey.public_id)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 33  # session, membership, organisation, check, links, answers, scoring's cache key, level...


def test_journey_list_queries_do_not_grow(org_a, manager_a, client_for, round_with_check, desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    check = round_with_check.customer_check
    client = client_for(manager_a)
    _journey_with(org_a, manager_a, 1, desk, check)
    client.get(_url("journey_list", org_a))  # the first request of a session does a few more
    with CaptureQueriesContext(connection) as first:
        client.get(_url("journey_list", org_a))
    _journey_with(org_a, manager_a, 6, desk, check)
    with CaptureQueriesContext(connection) as second:
        assert client.get(_url("journey_list", org_a)).status_code == 200
    assert len(first) == len(second), [q["sql"][:150] for q in second.captured_queries]


def test_api_queries_do_not_grow_with_the_moments(org_a, viewer_a, round_with_check, desk, token_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    check = round_with_check.customer_check
    journey = _journey_with(org_a, viewer_a, 1, desk, check)
    _token, client = token_for(viewer_a)
    url = f"/api/v1/assessments/{round_with_check.public_id}/moments/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for i in range(1, 7):
        moment = services.create_moment(
            journey=journey, actor=viewer_a, name_en=f"X{i}", name_nl=f"X{i}", team=desk, target="basics"
        )
        tie(moment, check, f"extra {i}", [8] * 10)
    with CaptureQueriesContext(connection) as second:
        body = client.get(url).json()
    assert len(body["journeys"][0]["moments"]) == 7
    assert len(first) == len(second)


def test_the_journey_page_opens_on_the_newest_round_by_its_date_not_the_last_typed_in(
    org_a, manager_a, client_for, journey, round_with_check, layered_version
):
    round_with_check.opens_at = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    round_with_check.save(update_fields=["opens_at"])
    typed_in_late = factories.make_assessment(
        organisation=org_a,
        model_version=layered_version,
        title="Autumn round of last year",
        status="closed",
        opens_at=datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC),
    )
    CustomerCheck.objects.create(assessment=typed_in_late, min_responses=10)
    assert selectors.rounds_with_check(organisation=org_a) == [round_with_check, typed_in_late]
    response = client_for(manager_a).get(_url("journey_detail", org_a, journey=journey.public_id))
    assert response.context["chosen"] == round_with_check
