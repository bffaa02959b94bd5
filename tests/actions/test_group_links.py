"""Per team and role its "top three for you" page, handed out by a link like the board links (issue 27, item 5)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.actions.models import BoardLink
from assessments.actions.selectors.board_links import shareable_groups
from assessments.actions.selectors.top_three import top_three
from assessments.actions.services.board_links import create_board_link
from assessments.scoring import score_assessment
from assessments.scoring.groups import role_key, team_key
from tests import factories
from tests.actions.test_team_pages import two_teams  # noqa: F401 (the team page's fixture, used by name)


def _link(assessment, actor, group_key, **extra):
    return create_board_link(
        assessment=assessment, actor=actor, label="Team meeting", shows="both", days=30, group_key=group_key, **extra
    )


def test_the_page_is_the_groups_top_three(two_teams, manager_a, client):  # noqa: F811
    assessment, intake, _billing = two_teams
    key = team_key(intake.public_id)
    link, token = _link(assessment, manager_a, key)
    assert (link.group_key, link.shows) == (key, "page")
    response = client.get(f"/b/{token}/?lang=en")
    assert response.status_code == 200
    result = score_assessment(assessment=assessment)
    assert response.context["page"] == top_three(assessment=assessment, result=result, group_key=key, language="en")
    text = response.content.decode()
    assert "Top 3 for Intake" in text
    assert text.index("Statement f2s3.") < text.index("Statement f1s2.") < text.index("Statement f3s4.")
    assert "Do 2.1a" in text
    assert "5 people of this group answered." in text
    # No way into the app: only the page itself in the other language.
    hrefs = {h for h in re.findall(r'href="([^"]+)"', text) if not h.startswith("/static/")}
    assert hrefs <= {"?lang=en", "?lang=nl", "#main"}
    assert response["Referrer-Policy"] == "no-referrer"
    link.refresh_from_db()
    assert link.use_count == 1


def test_the_page_in_the_readers_language(two_teams, manager_a, client, org_a):  # noqa: F811
    assessment, intake, _billing = two_teams
    _link_made, token = _link(assessment, manager_a, team_key(intake.public_id))
    dutch = client.get(f"/b/{token}/?lang=nl")
    result = score_assessment(assessment=assessment)
    key = team_key(intake.public_id)
    assert dutch.context["page"] == top_three(assessment=assessment, result=result, group_key=key, language="nl")
    text = dutch.content.decode()
    assert "Stelling f2s3." in text
    assert "Doe 2.1a" in text
    assert "Statement f2s3." not in text
    # Without a choice: the organisation's default language.
    org_a.default_language = "nl"
    org_a.save(update_fields=["default_language"])
    assert "Stelling f2s3." in client.get(f"/b/{token}/").content.decode()


def test_a_role_gets_its_page_too(org_a, model_version, manager_a, client):
    role = factories.make_role(organisation=org_a, name="Front office")
    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], roles=[role])
    answers = [{**{f"f{i}s{j}": 4 for i in range(1, 4) for j in range(1, 5)}, "f1s1": 1} for _ in range(5)]
    factories.make_responses(assessment=assessment, answers=answers, team=team, role=role)
    _made, token = _link(assessment, manager_a, role_key(role.public_id))
    response = client.get(f"/b/{token}/?lang=en")
    assert response.status_code == 200
    assert response.context["page"].top[0].row.code == "f1s1"
    assert "Top 3 for Front office" in response.content.decode()


def test_only_shown_groups_are_offered_and_accepted(make_scan, structure, manager_a, client_for):
    """Sales (6) and Service (2): Service is below the threshold and Sales would give it away by subtraction from
    the organisation, so neither is offered; the roles are what the scoring result shows."""
    assessment = make_scan(sizes={("sales", "front"): 6, ("service", "front"): 2}, status="closed")
    result = score_assessment(assessment=assessment)
    offered = dict(shareable_groups(result=result, language="en"))
    hidden = {g.group.key for g in (*result.teams, *result.roles) if g.suppressed}
    assert team_key(structure["sales"].public_id) in hidden
    assert team_key(structure["service"].public_id) in hidden
    assert set(offered) == {g.group.key for g in (*result.teams, *result.roles)} - hidden
    for key in hidden:
        with pytest.raises(ValidationError):
            _link(assessment, manager_a, key)
    manager = client_for(manager_a)
    share = f"/a/{assessment.public_id}/share/"
    page = manager.get(share).content.decode()
    assert f'value="{team_key(structure["sales"].public_id)}"' not in page
    response = manager.post(
        f"{share}group-links/",
        {"group": team_key(structure["sales"].public_id), "label": "Sales", "days": "30"},
        follow=True,
    )
    assert response.status_code == 200
    assert "The link was not made" in response.content.decode()
    assert BoardLink.objects.count() == 0


def test_a_group_hidden_later_answers_as_an_unknown_link(two_teams, manager_a, client):  # noqa: F811
    assessment, intake, _billing = two_teams
    link, token = _link(assessment, manager_a, team_key(intake.public_id))
    BoardLink.objects.filter(pk=link.pk).update(group_key="team:00000000-0000-0000-0000-000000000000")
    response = client.get(f"/b/{token}/")
    assert response.status_code == 404
    assert "Statement" not in response.content.decode()


def test_manager_makes_copies_and_withdraws_a_group_link(two_teams, manager_a, client_for, client):  # noqa: F811
    assessment, intake, _billing = two_teams
    manager = client_for(manager_a)
    share = f"/a/{assessment.public_id}/share/"
    form = manager.get(share).content.decode()
    assert "Top 3 per team and role" in form
    assert f'value="{team_key(intake.public_id)}"' in form
    ids = re.findall(r' id="([^"]+)"', form)
    assert len(ids) == len(set(ids))  # beside the board link's form, whose fields have the same names
    response = manager.post(
        f"{share}group-links/", {"group": team_key(intake.public_id), "label": "Intake, Monday", "days": "7"}
    )
    assert response["Location"] == f"{share}#group-links"
    page = manager.get(share).content.decode()
    url = re.search(r'value="(http://testserver/b/[^"]+/)" id="new-group-link"', page).group(1)
    token = url.rsplit("/", 2)[1]
    assert client.get(f"/b/{token}/").status_code == 200
    link = BoardLink.objects.get()
    assert link.expires_at - link.created_at == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(seconds=5)
    )
    listing = manager.get(share).content.decode()
    assert "Team: Intake" in listing
    assert "Intake, Monday" in listing
    revoke = f"{share}board-links/{link.public_id}/revoke/"
    assert manager.post(revoke)["Location"] == f"{share}#group-links"
    gone = client.get(f"/b/{token}/")
    assert gone.status_code == 410
    assert "This link has been withdrawn" in gone.content.decode()


def test_an_expired_group_link_answers_410(two_teams, manager_a, client):  # noqa: F811
    assessment, intake, _billing = two_teams
    earlier = timezone.now() - datetime.timedelta(days=30, seconds=1)
    _made, token = _link(assessment, manager_a, team_key(intake.public_id), now=earlier)
    response = client.get(f"/b/{token}/")
    assert response.status_code == 410
    assert "Statement f2s3." not in response.content.decode()


def test_a_group_link_gives_no_pdf(two_teams, manager_a, client):  # noqa: F811
    assessment, intake, _billing = two_teams
    _made, token = _link(assessment, manager_a, team_key(intake.public_id))
    assert client.get(f"/b/{token}/report-en.pdf").status_code == 404


def test_viewers_cannot_make_group_links(two_teams, viewer_a, client_for):  # noqa: F811
    assessment, intake, _billing = two_teams
    url = f"/a/{assessment.public_id}/share/group-links/"
    data = {"group": team_key(intake.public_id), "label": "x", "days": "7"}
    assert client_for(viewer_a).post(url, data).status_code in (403, 404)
    assert BoardLink.objects.count() == 0


def test_the_sharing_page_reads_a_fixed_number_of_queries(two_teams, manager_a, client_for):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assessment, intake, billing = two_teams
    client = client_for(manager_a)
    url = f"/a/{assessment.public_id}/share/"
    _link(assessment, manager_a, team_key(intake.public_id))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(4):
        _link(assessment, manager_a, team_key(billing.public_id))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).content.decode().count("Team: Billing") == 4 + 1  # four links and the choice
    assert len(one) == len(many)
