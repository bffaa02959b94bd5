"""The reminder page: the plan, the next reminder, and per person whether one is due or why not."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.organisations.models import ActivityLog
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors import reminders

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _url(assessment, name="assessment_reminders"):
    return reverse(name, kwargs={"assessment": assessment.public_id})


def _invite(assessment, email, team, **extra):
    return Invitation.objects.create(
        assessment=assessment, email=email, team=team, token_hash=f"{email:x<64}"[:64], **extra
    )


def _states(response):
    return {inv.email: state.code for inv, state in response.context["rows"]}


def test_right_after_opening_the_page_says_when_the_first_reminder_goes(client_for, manager_a, opened, teams_a):
    now = timezone.now()
    Assessment.objects.filter(pk=opened.pk).update(opens_at=now, closes_at=now + 14 * DAY)
    _invite(opened, "fresh@example.org", teams_a[0], sent_at=now)
    response = client_for(manager_a).get(_url(opened))
    assert response.status_code == 200
    assert response.context["next_moment"].at == now + 3 * DAY
    assert _states(response) == {"fresh@example.org": "recent"}
    html = response.content.decode()
    assert "Next automatic reminder:" in html
    assert "Skipped for now: emailed less than 24 hours ago." in html


def test_each_reason_is_shown(client_for, manager_a, opened, teams_a):
    now = timezone.now()
    Assessment.objects.filter(pk=opened.pk).update(opens_at=now - 4 * DAY)
    team = teams_a[0]
    _invite(opened, "due@example.org", team, sent_at=now - 4 * DAY)
    _invite(opened, "reminded@example.org", team, sent_at=now - 4 * DAY, reminded_at=now - 0.5 * DAY)
    _invite(opened, "unsent@example.org", team)
    _invite(opened, "", team, sent_at=now - 4 * DAY)
    _invite(opened, "done@example.org", team, sent_at=now - 4 * DAY, completed_on=now.date())
    response = client_for(manager_a).get(_url(opened))
    assert _states(response) == {
        "": "erased",
        "due@example.org": "due",
        "reminded@example.org": "recent",
        "unsent@example.org": "not_sent",
    }
    assert response.context["due_count"] == 1
    assert "Due: goes out with the next run of the scheduled job." in response.content.decode()
    # The page and the job agree on who is due.
    due = reminders.due_invitations(assessment=Assessment.objects.get(pk=opened.pk), now=timezone.now())
    assert list(due.values_list("email", flat=True)) == ["due@example.org"]


def test_closed_assessment_reminds_nobody(client_for, manager_a, opened, teams_a):
    Assessment.objects.filter(pk=opened.pk).update(status="closed", opens_at=timezone.now() - 9 * DAY)
    _invite(opened, "a@example.org", teams_a[0], sent_at=timezone.now() - 9 * DAY)
    response = client_for(manager_a).get(_url(opened))
    assert _states(response) == {"a@example.org": "not_open"}
    assert "no more reminders go out" in response.content.decode()


def test_plan_is_saved_logged_and_validated(client_for, manager_a, opened):
    client = client_for(manager_a)
    response = client.post(_url(opened, "reminder_plan"), {"reminder_days": "7; 2, 2", "remind_before_close": ""})
    assert response.status_code == 302
    opened.refresh_from_db()
    assert (opened.reminder_days, opened.remind_before_close) == ([2, 7], False)
    assert ActivityLog.objects.filter(verb="updated", object_repr=f"{opened.title} (reminder plan)").count() == 1
    client.post(_url(opened, "reminder_plan"), {"reminder_days": "2,7"})  # the same again: not logged twice
    assert ActivityLog.objects.filter(verb="updated").count() == 1
    bad = client.post(_url(opened, "reminder_plan"), {"reminder_days": "three"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["reminder_days"] == [
        "Use whole numbers of days from 1 to 365, separated by commas."
    ]


def test_viewers_and_outsiders_are_kept_out(client_for, viewer_a, outsider, opened):
    assert client_for(viewer_a).get(_url(opened)).status_code == 403
    assert client_for(viewer_a).post(_url(opened, "reminder_plan"), {"reminder_days": "1"}).status_code == 403
    assert client_for(outsider).get(_url(opened)).status_code == 404


def test_default_plan_is_3_and_7_days_and_the_day_before_closing(opened):
    opens = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
    opened.opens_at, opened.closes_at = opens, opens + 10 * DAY
    moments = reminders.plan_moments(assessment=opened)
    assert [(m.at - opens, m.days_after_opening) for m in moments] == [(3 * DAY, 3), (7 * DAY, 7), (9 * DAY, None)]
    opened.closes_at = opens + 5 * DAY  # a reminder after closing is dropped
    assert [m.days_after_opening for m in reminders.plan_moments(assessment=opened)] == [3, None]


@pytest.mark.parametrize("count", [1, 30])
def test_reminder_page_query_count(count, client_for, manager_a, opened, teams_a, django_assert_num_queries):
    for i in range(count):
        _invite(opened, f"p{i}@example.org", teams_a[i % 2], sent_at=timezone.now())
    client = client_for(manager_a)
    client.get(_url(opened))  # warm the session
    with django_assert_num_queries(7):
        assert client.get(_url(opened)).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_invitations_page_query_count(count, client_for, manager_a, opened, teams_a, django_assert_num_queries):
    for i in range(count):
        _invite(opened, f"p{i}@example.org", teams_a[i % 2], sent_at=timezone.now())
    client = client_for(manager_a)
    client.get(reverse("assessment_invitations", kwargs={"assessment": opened.public_id}))
    with django_assert_num_queries(15):
        client.get(reverse("assessment_invitations", kwargs={"assessment": opened.public_id}))
