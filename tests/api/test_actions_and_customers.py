"""Action plans and customer figures through the API: the domains' services write, the anonymity rule holds."""

import pytest

from assessments.actions.models import ActionEvent, PlanAction
from assessments.organisations.models import ActivityLog, Membership
from assessments.outside_in.models import CustomerCheck
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_a(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Desk")
    return factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], status="closed")


def test_create_list_and_finish_an_action(org_a, manager_a, round_a, token_for):
    _token, client = token_for(manager_a)
    owner = Membership.objects.get(user=manager_a, organisation=org_a)
    created = client.post(
        f"/api/v1/organisations/{org_a.public_id}/actions/",
        {
            "title": "Call back within a day",
            "factor_code": "f1",
            "owner": str(owner.public_id),
            "due_date": "2026-09-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["title"], body["status"], body["assessment"]) == (
        "Call back within a day",
        "planned",
        str(round_a.public_id),
    )
    assert (body["owner"], body["owner_label"], body["due_date"]) == (
        str(owner.public_id),
        "Manager A",  # a name, never the address (the account has no name: its address's local part)
        "2026-09-01",
    )

    listed = client.get(f"/api/v1/organisations/{org_a.public_id}/actions/?status=planned&factor=f1").json()
    assert [a["id"] for a in listed["results"]] == [body["id"]]
    assert client.get(f"/api/v1/organisations/{org_a.public_id}/actions/?status=done").json()["count"] == 0

    patched = client.patch(f"/api/v1/actions/{body['id']}/", {"status": "done"}, content_type="application/json")
    assert patched.status_code == 200
    assert patched.json()["status"] == "done"
    assert patched.json()["completed_at"] is not None
    action = PlanAction.objects.get(public_id=body["id"])
    events = list(
        ActionEvent.objects.filter(action=action).order_by("id").values_list("field", "old_value", "new_value")
    )
    assert events == [("", "", "Call back within a day"), ("status", "planned", "done")]
    log = list(ActivityLog.objects.filter(organisation=org_a, object_type="planaction").values_list("verb", flat=True))
    assert sorted(log) == ["created", "updated"]


def test_bad_writes_get_clear_errors(org_a, org_b, manager_a, round_a, token_for):
    _token, client = token_for(manager_a)
    url = f"/api/v1/organisations/{org_a.public_id}/actions/"
    unknown_factor = client.post(url, {"title": "X", "factor_code": "nope"}, content_type="application/json")
    assert unknown_factor.status_code == 400
    assert list(unknown_factor.json()["error"]["fields"]) == ["factor_code"]
    other_member = factories.add_member(
        user=factories.make_user(email="b@example.org"), organisation=org_b, role="manager"
    )
    foreign_owner = client.post(
        url, {"title": "X", "factor_code": "f1", "owner": str(other_member.public_id)}, content_type="application/json"
    )
    assert foreign_owner.json()["error"]["fields"] == {"owner": ["Use the id of a membership of this organisation."]}
    both = client.post(
        url,
        {"title": "X", "factor_code": "f1", "owner": str(other_member.public_id), "owner_name": "Kim"},
        content_type="application/json",
    )
    assert both.status_code == 400
    assert client.get(f"{url}?status=someday").status_code == 400
    assert PlanAction.objects.count() == 0


def test_repeated_patch_writes_no_second_history_line(org_a, manager_a, round_a, token_for):
    _token, client = token_for(manager_a)
    created = client.post(
        f"/api/v1/organisations/{org_a.public_id}/actions/",
        {"title": "A", "factor_code": "f1"},
        content_type="application/json",
    ).json()
    for _ in range(2):
        client.patch(f"/api/v1/actions/{created['id']}/", {"notes": "Weekly"}, content_type="application/json")
    assert ActionEvent.objects.filter(field="notes").count() == 1
    renamed = client.patch(f"/api/v1/actions/{created['id']}/", {"owner_name": "Kim"}, content_type="application/json")
    assert (renamed.json()["owner"], renamed.json()["owner_label"]) == (None, "Kim")
    owner = Membership.objects.get(user=manager_a, organisation=org_a)
    member = client.patch(
        f"/api/v1/actions/{created['id']}/", {"owner": str(owner.public_id)}, content_type="application/json"
    ).json()
    assert (member["owner"], member["owner_name"], member["owner_label"]) == (
        str(owner.public_id),
        "",
        "Manager A",
    )


def test_without_a_round_creating_is_a_conflict(org_a, manager_a, token_for):
    _token, client = token_for(manager_a)
    response = client.post(
        f"/api/v1/organisations/{org_a.public_id}/actions/",
        {"title": "A", "factor_code": "f1"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_customer_figures_hide_groups_below_the_minimum(org_a, viewer_a, round_a, token_for):
    check = CustomerCheck.objects.create(assessment=round_a, min_responses=10)
    add_customer_responses(make_link(check, label="Shop"), [9] * 10)
    add_customer_responses(make_link(check, label="Web"), [8] * 12)
    _token, client = token_for(viewer_a)
    url = f"/api/v1/assessments/{round_a.public_id}/customer-figures/"
    body = client.get(url).json()
    assert body["minimum_responses"] == 10
    shown = {link["label"]: (link["n"], link["shown"], link["grade_mean"]) for link in body["links"]}
    assert shown == {"Shop": (10, True, 9.0), "Web": (12, True, 8.0)}
    assert (body["overall"]["n"], body["overall"]["shown"]) == (22, True)

    add_customer_responses(make_link(check, label="Phone"), [6] * 9)
    body = client.get(url).json()
    links = {link["label"]: link for link in body["links"]}
    reasons = {label: (link["n"], link["shown"], link["hidden_reason"]) for label, link in links.items()}
    # Phone is below the minimum; Shop would give Phone away by subtraction from the overall figures.
    assert reasons == {"Phone": (9, False, "minimum"), "Shop": (10, False, "differencing"), "Web": (12, True, None)}
    for label in ("Phone", "Shop"):
        assert {"grade_mean", "nine_plus_share", "distribution", "nps"}.isdisjoint(links[label])
    assert body["overall"]["distribution"] == [0, 0, 0, 0, 0, 9, 0, 12, 10, 0]


def test_customer_figures_need_a_customer_check(org_a, manager_a, round_a, token_for):
    _token, client = token_for(manager_a)
    response = client.get(f"/api/v1/assessments/{round_a.public_id}/customer-figures/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
