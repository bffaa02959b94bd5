"""Action plans: creating from priorities, changing with history, access, filters and the board."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assessments.actions.models import ActionEvent, PlanAction
from assessments.actions.services import plan as services
from assessments.organisations.models import ActivityLog, Membership
from assessments.scoring import score_assessment


def test_create_from_suggestion_is_idempotent(closed_scan, manager_a):
    priority = score_assessment(assessment=closed_scan).priorities[0]
    action, created = services.create_from_suggestion(
        assessment=closed_scan, actor=manager_a, factor_code=priority.factor_code, key="advice-0", language="en"
    )
    assert created is True
    assert action.title == f"Do {priority.factor_code[1:]}.{int(priority.level_code[-1]) - 1}a"
    assert action.baseline_score == pytest.approx(priority.score)
    assert action.success_measure.endswith(f"≥ {round(priority.score) + 5} next round")
    again, created = services.create_from_suggestion(
        assessment=closed_scan, actor=manager_a, factor_code=priority.factor_code, key="advice-0", language="en"
    )
    assert (again.pk, created) == (action.pk, False)
    assert PlanAction.objects.count() == 1


def test_suggestion_must_belong_to_a_priority(closed_scan, manager_a):
    priority_codes = {p.factor_code for p in score_assessment(assessment=closed_scan).priorities}
    with pytest.raises(ValidationError):
        services.create_from_suggestion(
            assessment=closed_scan, actor=manager_a, factor_code="f1", key="advice-99", language="en"
        )
    assert priority_codes  # three factors, all priorities


def test_update_records_history_and_activity(closed_scan, manager_a, make_actions):
    (action,) = make_actions(assessment=closed_scan, count=1)
    owner = Membership.objects.get(user=manager_a)
    services.update_action(
        action=action, actor=manager_a, data={"owner": owner, "due_date": datetime.date(2030, 1, 31), "title": "New"}
    )
    services.set_status(action=action, actor=manager_a, status="done")
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_at is not None
    fields = list(ActionEvent.objects.filter(action=action).values_list("field", "new_value"))
    assert ("status", "done") in fields
    assert ("due_date", "2030-01-31") in fields
    assert ("title", "New") in fields
    assert ("", "Action 0") in fields
    assert ActivityLog.objects.filter(verb="updated", object_type="planaction").count() == 2
    # Saving the same again changes nothing and logs nothing.
    services.set_status(action=action, actor=manager_a, status="done")
    assert ActionEvent.objects.filter(action=action).count() == 5
    services.set_status(action=action, actor=manager_a, status="in_progress")
    action.refresh_from_db()
    assert action.completed_at is None


def test_owner_from_another_organisation_is_refused(closed_scan, manager_a, manager_b, make_actions):
    (action,) = make_actions(assessment=closed_scan, count=1)
    with pytest.raises(ValidationError):
        services.update_action(action=action, actor=manager_a, data={"owner": Membership.objects.get(user=manager_b)})


def test_viewer_reads_but_cannot_change(closed_scan, viewer_a, client_for, make_actions):
    (action,) = make_actions(assessment=closed_scan, count=1)
    client = client_for(viewer_a)
    org = closed_scan.organisation.public_id
    assert client.get(f"/o/{org}/plan/").status_code == 200
    assert client.get(f"/o/{org}/plan/{action.public_id}/").status_code == 200
    assert client.post(f"/o/{org}/plan/{action.public_id}/status/", {"status": "done"}).status_code == 403
    assert client.get(f"/o/{org}/plan/new/").status_code == 403
    assert client.get(f"/o/{org}/plan/{action.public_id}/edit/").status_code == 403
    assert (
        client.post(
            f"/a/{closed_scan.public_id}/plan/suggestion/", {"factor_code": "f1", "key": "advice-0"}
        ).status_code
        == 403
    )
    action.refresh_from_db()
    assert action.status == "planned"


def test_outsider_gets_404(closed_scan, manager_b, client_for, make_actions):
    (action,) = make_actions(assessment=closed_scan, count=1)
    client = client_for(manager_b)
    org = closed_scan.organisation.public_id
    assert client.get(f"/o/{org}/plan/{action.public_id}/").status_code == 404
    assert client.get(f"/o/{org}/plan/").status_code == 404


def test_manager_creates_edits_and_bad_input_is_400(closed_scan, manager_a, client_for):
    client = client_for(manager_a)
    org = closed_scan.organisation.public_id
    response = client.post(f"/o/{org}/plan/new/", {"title": "", "factor_code": "f9", "status": "planned"})
    assert response.status_code == 400
    response = client.post(
        f"/o/{org}/plan/new/",
        {
            "title": "Journey walk",
            "factor_code": "f2",
            "status": "planned",
            "owner_name": "Pat (no account)",
            "statement_codes": ["f2s1"],
            "due_date": "2020-01-01",
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert (action.factor_code, action.statement_codes, action.owner_label()) == ("f2", ["f2s1"], "Pat (no account)")
    page = client.get(f"/o/{org}/plan/").content.decode()
    assert "Journey walk" in page
    assert "overdue" in page
    response = client.post(
        f"/o/{org}/plan/new/",
        {"title": "Mixed", "factor_code": "f2", "status": "planned", "statement_codes": ["f1s1"]},
    )
    assert response.status_code == 400
    assert client.post(f"/o/{org}/plan/{action.public_id}/status/", {"status": "nonsense"}).status_code == 400


def test_filters_and_board(closed_scan, manager_a, client_for, make_actions):
    make_actions(assessment=closed_scan, count=2)
    make_actions(assessment=closed_scan, count=1, factor_code="f3", status="done")
    client = client_for(manager_a)
    org = closed_scan.organisation.public_id
    page = client.get(f"/o/{org}/plan/?factor=f3").content.decode()
    assert "Action 0" in page
    assert page.count("Action 1") == 0
    board = client.get(f"/o/{org}/plan/?view=board").content.decode()
    assert board.count("plan-column") == 4
    assert client.get(f"/o/{org}/plan/?owner=none&status=zzz").status_code == 200


def test_add_to_plan_asks_for_owner_and_date_and_then_shows_it_added(closed_scan, manager_a, client_for):
    from assessments.actions.models import PlanAction

    client = client_for(manager_a)
    org = closed_scan.organisation.public_id
    url = f"/a/{closed_scan.public_id}/plan/suggestion/"
    owner = Membership.objects.get(user=manager_a)
    plan = client.get(f"/o/{org}/plan/")
    item = plan.context["suggestions"][0]
    factor, key = item["priority"].factor_code, item["entries"][0]["suggestion"].key
    assert 'name="due_date"' in plan.content.decode()
    # Without an owner or date nothing is added, and the form says what is missing (400, not a bare text).
    refused = client.post(url, {"factor_code": factor, "key": key})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Choose who owns this action, or type a name." in text
    assert "This field is required." in text
    assert not PlanAction.objects.exists()
    both = client.post(
        url, {"factor_code": factor, "key": key, "owner": owner.public_id, "owner_name": "X", "due_date": "2030-01-31"}
    )
    assert both.status_code == 400
    added = client.post(url, {"factor_code": factor, "key": key, "owner": owner.public_id, "due_date": "2030-01-31"})
    assert added.status_code == 302
    assert added["Location"].endswith(f"#suggestion-{factor}-{key}")
    action = PlanAction.objects.get()
    assert (action.owner, action.due_date.isoformat()) == (owner, "2030-01-31")
    entry = client.get(f"/o/{org}/plan/").context["suggestions"][0]["entries"][0]
    assert entry["action"] == action
    page = client.get(f"/o/{org}/plan/").content.decode()
    block = page[page.index(f'id="suggestion-{factor}-{key}"') :]
    block = block[: block.index("</div>")]
    assert "In the plan" in block
    assert "<summary" not in block  # the button is gone
    assert "<form" not in block
    assert "31 Jan 2030" in block


def test_a_team_leader_can_be_an_actions_owner(closed_scan, manager_a, client_for):
    from assessments.actions.models import PlanAction
    from tests import factories

    team = closed_scan.teams.first()
    leader = factories.make_user(email="lead@example.org")
    membership = factories.add_member(user=leader, organisation=closed_scan.organisation, role="team_leader")
    membership.teams.set([team])
    org = closed_scan.organisation.public_id
    plan = client_for(manager_a).get(f"/o/{org}/plan/")
    assert str(membership.public_id) in plan.content.decode()  # offered as an owner
    item = plan.context["suggestions"][0]
    client_for(manager_a).post(
        f"/a/{closed_scan.public_id}/plan/suggestion/",
        {
            "factor_code": item["priority"].factor_code,
            "key": item["entries"][0]["suggestion"].key,
            "owner": membership.public_id,
            "due_date": "2030-01-31",
        },
    )
    action = PlanAction.objects.get(owner=membership)
    lead = client_for(leader)
    assert lead.get(f"/o/{org}/plan/{action.public_id}/").status_code == 200
    assert lead.post(f"/o/{org}/plan/{action.public_id}/status/", {"status": "in_progress"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert lead.get(f"/o/{org}/plan/{action.public_id}/edit/").status_code == 403
