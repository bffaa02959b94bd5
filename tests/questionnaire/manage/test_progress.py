import datetime
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.questionnaire.models import Invitation, TeamLink
from assessments.questionnaire.selectors.assessments import progress_for
from tests import factories

pytestmark = pytest.mark.django_db


def _invite(assessment, team, n, *, role=None, started=0, completed=0, prefix="p"):
    rows = []
    for i in range(n):
        rows.append(
            Invitation(
                assessment=assessment,
                team=team,
                role=role,
                email=f"{prefix}{team.pk}-{i}@invitee.example",
                token_hash=secrets.token_hex(32),
                started=i < started + completed,
                completed_on=datetime.date(2026, 3, 5) if i < completed else None,
            )
        )
    Invitation.objects.bulk_create(rows)


def _answers(assessment):
    codes = list(
        assessment.model_version.factors.values_list("statements__code", flat=True).order_by("statements__code")
    )
    return dict.fromkeys(codes, (4, 5))


def test_progress_counts_are_exact(opened, teams_a, roles_a):
    service, home = teams_a
    manager, front = roles_a
    _invite(opened, service, 10, role=front, started=3, completed=4, prefix="s")
    _invite(opened, home, 5, role=manager, completed=1, prefix="h")
    _invite(opened, home, 2, role=None, started=1, prefix="n")
    # Responses: the 5 invitation responses that completed + 1 in progress from invitations...
    factories.make_responses(assessment=opened, answers=[{}] * 4, team=service, role=front)
    factories.make_responses(assessment=opened, answers=[{}] * 3, team=service, role=front, submitted=False)
    factories.make_responses(assessment=opened, answers=[{}] * 1, team=home, role=manager)
    # ... and 3 submitted + 2 unsubmitted via the open link of the home team.
    TeamLink.objects.create(assessment=opened, team=home, token="t" * 43)
    factories.make_responses(assessment=opened, answers=[{}] * 3, team=home, role=front)
    factories.make_responses(assessment=opened, answers=[{}] * 2, team=home, role=None, submitted=False)

    progress = progress_for(assessment=opened)
    rows = {row["label"]: row for row in progress["teams"]}
    assert rows["Klantenservice"] | {} == {
        "key": str(service.public_id),
        "label": "Klantenservice",
        "invited": 10,
        "started": 7,
        "completed": 4,
        "rate": 40,
        "responses_started": 7,
        "responses_submitted": 4,
        "has_link": False,
        "link_active": False,
        "link_started": 0,
        "link_submitted": 0,
    }
    home_row = rows["Thuiszorg"]
    assert (home_row["invited"], home_row["started"], home_row["completed"], home_row["rate"]) == (7, 2, 1, 14)
    assert (home_row["responses_started"], home_row["responses_submitted"]) == (6, 4)
    assert (home_row["link_started"], home_row["link_submitted"], home_row["link_active"]) == (4, 3, True)
    roles = {row["label"]: row for row in progress["roles"]}
    assert (roles["Front office"]["invited"], roles["Front office"]["completed"]) == (10, 4)
    assert roles["Front office"]["responses_submitted"] == 7
    assert (roles["Management"]["invited"], roles["Management"]["responses_submitted"]) == (5, 1)
    assert (roles[None]["invited"], roles[None]["started"], roles[None]["responses_started"]) == (2, 1, 2)
    assert progress["totals"] == {
        "invited": 17,
        "started": 9,
        "completed": 5,
        "rate": 29,
        "responses_started": 13,
        "responses_submitted": 8,
        "responses_excluded": 0,
    }


def test_progress_page_and_json_show_counts(client_for, viewer_a, manager_a, opened, teams_a):
    _invite(opened, teams_a[0], 4, completed=2)
    client = client_for(viewer_a)
    page = client.get(reverse("assessment_progress", kwargs={"assessment": opened.public_id}))
    assert page.status_code == 200
    assert page.context["progress"]["totals"]["completed"] == 2
    # Viewers get counts, not names; managers see who completed (and the day only).
    assert "@invitee.example" not in page.content.decode()
    page = client_for(manager_a).get(reverse("assessment_progress", kwargs={"assessment": opened.public_id}))
    html = page.content.decode()
    assert html.count("@invitee.example") == 2
    assert "5 Mar 2026" in html
    data = client.get(reverse("assessment_progress_json", kwargs={"assessment": opened.public_id})).json()
    assert data["totals"]["invited"] == 4
    assert data["totals"]["rate"] == 50
    assert [row["label"] for row in data["teams"]] == ["Klantenservice", "Thuiszorg"]


def test_progress_contains_no_answer_values(client_for, manager_a, opened, teams_a):
    answers = _answers(opened)
    factories.make_responses(
        assessment=opened, answers=[answers] * 6, team=teams_a[0], comments=[{"f1": "Secret remark xyz"}] * 6
    )
    _invite(opened, teams_a[0], 6, completed=6)
    client = client_for(manager_a)
    html = client.get(reverse("assessment_progress", kwargs={"assessment": opened.public_id})).content.decode()
    data = client.get(reverse("assessment_progress_json", kwargs={"assessment": opened.public_id})).json()
    assert "Secret remark xyz" not in html
    assert "Statement f1s1" not in html
    # The JSON has counts only: no key anywhere mentions answers, statements, comments or scores.
    flat = repr(data)
    for word in ("answer", "statement", "comment", "score", "ambition", "current", "public_id", "email"):
        assert word not in flat


def _progress_queries(client, assessment, url_name):
    url = reverse(url_name, kwargs={"assessment": assessment.public_id})
    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["assessment_progress", "assessment_progress_json", "assessment_detail"])
def test_query_count_is_constant(client_for, manager_a, org_a, model_version, url_name):
    client = client_for(manager_a)
    team = factories.make_team(organisation=org_a, name="Solo")
    small = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    _invite(small, team, 1, completed=1)
    factories.make_responses(assessment=small, answers=[{}], team=team)

    teams = [factories.make_team(organisation=org_a, name=f"Team {i}") for i in range(12)]
    roles = [factories.make_role(organisation=org_a, name=f"Role {i}") for i in range(4)]
    big = factories.make_assessment(organisation=org_a, model_version=model_version, teams=teams, roles=roles)
    for i, t in enumerate(teams):
        _invite(big, t, 15, role=roles[i % 4], started=3, completed=5, prefix=f"b{i}")
        factories.make_responses(assessment=big, answers=[{}] * 5, team=t, role=roles[i % 4])
        TeamLink.objects.create(assessment=big, team=t, token=f"tok{i}".ljust(43, "x"))
    assert _progress_queries(client, small, url_name) == _progress_queries(client, big, url_name)


def test_invitations_page_query_count_is_constant(client_for, manager_a, opened, teams_a):
    client = client_for(manager_a)
    _invite(opened, teams_a[0], 1)
    one = _progress_queries(client, opened, "assessment_invitations")
    _invite(opened, teams_a[1], 60, completed=10, prefix="many")
    TeamLink.objects.create(assessment=opened, team=teams_a[1], token="z" * 43)
    assert _progress_queries(client, opened, "assessment_invitations") == one


def _role_table(html):
    """The per-role card's rows as (label, cells) read back from the page."""
    import re

    card = html[html.index("Per role") :]
    card = card[: card.index("</table>")]
    rows = re.findall(r"<tr>\s*<th scope=\"row\"[^>]*>(.*?)</th>(.*?)</tr>", card, re.S)
    return [
        (
            re.sub(r"<[^>]+>", "", label).strip(),
            [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)],
        )
        for label, cells in rows
    ]


def test_per_role_table_counts_submissions_by_the_chosen_role(client_for, manager_a, opened, teams_a, roles_a):
    """Invitations without a role (the usual case) and submissions whose respondents chose one: the table shows
    what respondents chose, and says invitations carry no role, instead of 11 invited beside 0 submitted."""
    management, _front = roles_a
    _invite(opened, teams_a[0], 11)
    factories.make_responses(assessment=opened, answers=[_answers(opened)] * 3, team=teams_a[0], role=management)
    page = client_for(manager_a).get(reverse("assessment_progress", kwargs={"assessment": opened.public_id}))
    html = page.content.decode()
    assert _role_table(html) == [("Management", ["3", "3"]), ("Front office", ["0", "0"])]
    assert "Not specified" not in html
    assert "Invitations were sent without a role" in html
    assert "Invitations per role" not in html


def test_invitations_per_role_only_when_invitations_have_roles(client_for, manager_a, opened, teams_a, roles_a):
    management, _front = roles_a
    _invite(opened, teams_a[0], 4, role=management, completed=1)
    _invite(opened, teams_a[1], 2, prefix="q")
    factories.make_responses(assessment=opened, answers=[_answers(opened)], team=teams_a[1])
    html = client_for(manager_a).get(reverse("assessment_progress", kwargs={"assessment": opened.public_id})).content
    html = html.decode()
    assert _role_table(html) == [
        ("Management", ["0", "0"]),
        ("Front office", ["0", "0"]),
        ("No role chosen", ["1", "1"]),
    ]
    invitations = html[html.index("Invitations per role") :]
    assert "No role given" in invitations
    assert progress_for(assessment=opened)["invitation_roles"] is True
