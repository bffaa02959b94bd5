"""The invitation and reminder tables page through long lists with the same footer."""

import pytest
from django.urls import reverse

from assessments.questionnaire.models import Invitation
from assessments.questionnaire.views import invitations as invitation_views
from assessments.questionnaire.views import reminders as reminder_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_invited(opened, teams_a):
    for i in range(5):
        Invitation.objects.create(
            assessment=opened, email=f"p{i}@example.org", team=teams_a[0], token_hash=f"{i:x<64}"[:64]
        )
    return opened


@pytest.mark.parametrize(
    ("url_name", "views"), [("assessment_invitations", invitation_views), ("assessment_reminders", reminder_views)]
)
def test_pages_link_to_each_other(client_for, manager_a, five_invited, monkeypatch, url_name, views):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    url = reverse(url_name, kwargs={"assessment": five_invited.public_id})
    client = client_for(manager_a)

    first = client.get(url).content.decode()
    assert "Page 1 of 3" in first
    assert 'href="?page=2">Next<' in first
    assert ">Previous<" not in first

    last = client.get(url + "?page=3").content.decode()
    assert "Page 3 of 3" in last
    assert 'href="?page=2">Previous<' in last
    assert ">Next<" not in last


@pytest.mark.parametrize("url_name", ["assessment_invitations", "assessment_reminders"])
def test_one_page_shows_no_page_links(client_for, manager_a, five_invited, url_name):
    html = client_for(manager_a).get(reverse(url_name, kwargs={"assessment": five_invited.public_id})).content.decode()
    assert "Page 1 of" not in html
