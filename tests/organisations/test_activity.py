"""The activity log: what gets recorded and who can read it."""

from django.urls import reverse

from assessments.organisations.models import ActivityLog
from assessments.organisations.services import activity


def test_record_keeps_type_and_text(org_a, manager_a, team_a):
    entry = activity.record(organisation=org_a, actor=manager_a, verb="opened", obj=team_a)
    assert (entry.object_type, entry.object_repr, entry.actor, entry.verb) == (
        "team",
        "Klantenservice",
        manager_a,
        "opened",
    )


def test_record_accepts_strings_and_anonymous_actor(org_a):
    from django.contrib.auth.models import AnonymousUser

    entry = activity.record(organisation=org_a, actor=AnonymousUser(), verb="exported", obj="Scan 2026", detail="xlsx")
    assert (entry.actor, entry.object_type, entry.object_repr) == (None, "", "Scan 2026 (xlsx)")


def test_log_page_shows_entries_newest_first_and_paginates(org_a, manager_a, client_for):
    for i in range(55):
        activity.record(organisation=org_a, actor=manager_a, verb="created", obj=f"thing {i}")
    activity.record(organisation=org_a, actor=manager_a, verb="report_downloaded", obj="Scan X")
    client = client_for(manager_a)
    url = reverse("activity_log", kwargs={"org": org_a.public_id})
    first = client.get(url).content.decode()
    assert "downloaded the report of <strong>Scan X</strong>" in first
    assert "Page 1 of 2" in first
    second = client.get(url + "?page=2").content.decode()
    assert "thing 0<" in second
    assert client.get(url + "?page=999").status_code == 200
    assert client.get(url + "?page=abc").status_code == 200


def test_log_is_per_organisation(org_a, org_b, consultant_ab, client_for):
    activity.record(organisation=org_b, actor=consultant_ab, verb="created", obj="secret of B")
    page = client_for(consultant_ab).get(reverse("activity_log", kwargs={"org": org_a.public_id})).content.decode()
    assert "secret of B" not in page
    assert ActivityLog.objects.filter(organisation=org_a).count() == 0
