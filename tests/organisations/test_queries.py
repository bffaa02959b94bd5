"""List pages cost the same number of queries for one row and for many."""

import pytest
from django.urls import reverse

from assessments.organisations.services import activity
from tests import factories


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the first visit also stores the current organisation in the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def count():
    return _count_queries


@pytest.fixture
def same_count(django_assert_num_queries):
    def check(client, url, expected):
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200

    return check


def test_organisation_list(consultant_ab, client_for, count, same_count):
    client = client_for(consultant_ab)
    url = reverse("organisation_list")
    few = count(client, url)
    for i in range(12):
        org = factories.make_organisation(name=f"Client {i}")
        factories.add_member(user=consultant_ab, organisation=org, role="consultant")
        factories.make_team(organisation=org)
    same_count(client, url, few)


def test_team_list(org_a, manager_a, client_for, count, same_count):
    client = client_for(manager_a)
    url = reverse("team_list", kwargs={"org": org_a.public_id})
    top = factories.make_team(organisation=org_a)
    one = count(client, url)
    for _ in range(15):
        factories.make_team(organisation=org_a, parent=top)
    same_count(client, url, one)


def test_people_list(org_a, manager_a, client_for, count, same_count):
    from assessments.organisations.services import members

    client = client_for(manager_a)
    url = reverse("member_list", kwargs={"org": org_a.public_id})
    members.invite_member(organisation=org_a, actor=manager_a, email="first@example.org", role="viewer")
    one = count(client, url)
    for i in range(10):
        factories.add_member(user=factories.make_user(), organisation=org_a, role="viewer")
        members.invite_member(organisation=org_a, actor=manager_a, email=f"p{i}@example.org", role="viewer")
    same_count(client, url, one)


def test_activity_log(org_a, manager_a, client_for, count, same_count):
    client = client_for(manager_a)
    url = reverse("activity_log", kwargs={"org": org_a.public_id})
    activity.record(organisation=org_a, actor=manager_a, verb="created", obj="one")
    one = count(client, url)
    other = factories.make_user()
    for i in range(60):
        activity.record(organisation=org_a, actor=other if i % 2 else manager_a, verb="updated", obj=f"x{i}")
    same_count(client, url, one)
