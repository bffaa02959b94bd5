"""Results shared back with respondents, starting the next round, digests and plan exports."""

import csv
import datetime
import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from assessments.actions.exports import export_plan
from assessments.actions.models import DigestLog
from assessments.actions.services.digests import send_action_digests
from assessments.actions.tasks import send_action_digests as digest_task
from assessments.organisations.models import ActivityLog, Membership
from assessments.questionnaire.models import Assessment, Invitation
from tests.questionnaire.respond.builders import make_invitation


def test_publish_and_unpublish_summary(closed_scan, manager_a, viewer_a, client_for, make_actions, client):
    make_actions(assessment=closed_scan, count=1, title="Service blueprint for onboarding")
    team = closed_scan.teams.first()
    invitation, token = make_invitation(assessment=closed_scan, team=team)
    manager = client_for(manager_a)
    url = f"/a/{closed_scan.public_id}/share/"
    assert client_for(viewer_a).get(url).status_code == 200
    assert client_for(viewer_a).post(url, {"do": "publish"}).status_code == 403
    # Not published: the respondent's link says so and the summary page is not there.
    client.get(f"/r/{token}/")
    closed_page = client.get("/r/")
    # The respondent pages speak the organisation's language (Dutch here); the link is found by its address.
    assert closed_page.status_code == 410
    assert 'href="/r/summary/"' not in closed_page.content.decode()
    assert client.get("/r/summary/").status_code == 404
    manager.post(url, {"do": "publish"})
    manager.post(url, {"do": "publish"})  # twice: harmless
    closed_scan.refresh_from_db()
    assert closed_scan.summary_published_at is not None
    assert ActivityLog.objects.filter(verb="published").count() == 1
    assert 'href="/r/summary/"' in client.get("/r/").content.decode()
    summary = client.get("/r/summary/")
    text = summary.content.decode()
    assert summary.status_code == 200
    assert "Service blueprint for onboarding" in text
    assert "Sales" not in text
    assert "Board" not in text
    assert manager_a.email not in text
    manager.post(url, {"do": "unpublish"})
    assert client.get("/r/summary/").status_code == 404


def test_publish_needs_a_closed_round(make_scan, manager_a, client_for):
    scan = make_scan(sizes={("sales", "front"): 5})
    client_for(manager_a).post(f"/a/{scan.public_id}/share/", {"do": "publish"})
    scan.refresh_from_db()
    assert scan.summary_published_at is None


def test_thank_you_page_says_when_results_come(make_scan, manager_a, client_for, client):
    scan = make_scan(sizes={("sales", "front"): 5})
    client_for(manager_a).post(
        f"/a/{scan.public_id}/share/", {"do": "note", "results_sharing_note": "At the town hall on 3 June"}
    )
    scan.refresh_from_db()
    assert scan.results_sharing_note == "At the town hall on 3 June"
    from tests.questionnaire.respond.builders import make_invitation as invite

    invitation, token = invite(assessment=scan, team=scan.teams.first())
    from assessments.questionnaire.views import respondent_session

    session = client.session
    session[respondent_session.SESSION_KEY] = {"kind": "done", "assessment": scan.pk, "language": "en"}
    session.save()
    page = client.get("/r/").content.decode()
    assert "At the town hall on 3 June" in page


def test_start_next_round_copies_setup(closed_scan, manager_a, client_for):
    Invitation.objects.create(
        assessment=closed_scan, team=closed_scan.teams.first(), email="a@example.org", token_hash="x1"
    )
    Invitation.objects.create(assessment=closed_scan, team=closed_scan.teams.first(), email="", token_hash="x2")
    client = client_for(manager_a)
    page = client.get(f"/a/{closed_scan.public_id}/next-round/").content.decode()
    assert "1 person from this round can be invited again." in page
    response = client.post(f"/a/{closed_scan.public_id}/next-round/", {"title": "Round 2", "copy_invitees": "on"})
    assert response.status_code == 302
    new = Assessment.objects.get(title="Round 2")
    assert new.previous_id == closed_scan.pk
    assert new.status == "draft"
    assert set(new.teams.all()) == set(closed_scan.teams.all())
    assert set(new.roles.all()) == set(closed_scan.roles.all())
    assert new.threshold_scores == closed_scan.threshold_scores
    assert new.languages == closed_scan.languages
    assert list(new.invitations.values_list("email", "sent_at")) == [("a@example.org", None)]
    client.post(f"/a/{closed_scan.public_id}/next-round/", {"title": "Round 3"})
    assert Assessment.objects.get(title="Round 3").invitations.count() == 0
    assert client.post(f"/a/{closed_scan.public_id}/next-round/", {"title": ""}).status_code == 400


def test_next_round_is_for_managers(closed_scan, viewer_a, client_for):
    assert client_for(viewer_a).post(f"/a/{closed_scan.public_id}/next-round/", {"title": "X"}).status_code == 403


def test_digest_is_weekly_and_idempotent_per_day(closed_scan, manager_a, make_actions):
    owner = Membership.objects.get(user=manager_a)
    make_actions(assessment=closed_scan, count=2, owner=owner, due_date=datetime.date(2020, 1, 1))
    make_actions(assessment=closed_scan, count=1, owner=owner, status="done")
    day = datetime.date(2031, 5, 5)
    assert send_action_digests(today=day) == 1
    assert send_action_digests(today=day) == 0
    assert send_action_digests(today=day + datetime.timedelta(days=3)) == 0
    assert digest_task(today=(day + datetime.timedelta(days=7)).isoformat()) == 1
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert body.count("Action ") == 2
    assert "TE LAAT" in body
    assert mail.outbox[0].to == [manager_a.email]
    assert DigestLog.objects.count() == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_neutralise_formulas(closed_scan, make_actions, fmt):
    make_actions(assessment=closed_scan, count=1, title='=HYPERLINK("http://evil")', notes="+1", owner_name="@me")
    make_actions(assessment=closed_scan, count=1, title="Plain")
    filename, content_type, content = export_plan(organisation=closed_scan.organisation, fmt=fmt, language="en")
    assert filename.startswith("acme-care-action-plan-")
    assert filename.endswith(f".{fmt}")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert rows[0][0] == "Action"
        evil = next(r for r in rows if "HYPERLINK" in r[0])
        assert evil[0].startswith("'=")
        assert evil[3] == "'@me"
        assert evil[8] == "'+1"
        assert any(r[0] == "Plain" for r in rows)
    else:
        sheet = load_workbook(content).active
        cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
        assert cells['=HYPERLINK("http://evil")'] == "s"
        assert cells["@me"] == "s"
        assert cells["+1"] == "s"
    assert content_type.startswith("text/csv" if fmt == "csv" else "application/vnd.openxml")
