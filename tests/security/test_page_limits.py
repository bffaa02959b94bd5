"""Rate limits on invitation/team-link token pages and on PDF generation."""

import pytest
from django.urls import reverse

from assessments.core.tokens import hash_token, new_token
from assessments.questionnaire.models import Invitation
from assessments.results.models import Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_assessment(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Support")
    return factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])


def _valid_link(assessment):
    token = new_token()
    Invitation.objects.create(
        assessment=assessment,
        team=assessment.teams.get(),
        email="x@example.org",
        token_hash=hash_token(token, purpose="invitation"),
    )
    return token


def _guess(client, prefix, i, ip="10.1.0.1"):
    return client.get(f"/{prefix}/{'g' * 30}{i:010d}/", REMOTE_ADDR=ip).status_code


@pytest.mark.parametrize("prefix", ["r", "t"])
def test_guessing_tokens_gets_429(client, limits_on, prefix):
    statuses = [_guess(client, prefix, i) for i in range(32)]
    assert statuses[:30] == [404] * 30
    assert statuses[30:] == [429, 429]


def test_invitation_and_team_guesses_share_one_budget(client, limits_on):
    for i in range(15):
        _guess(client, "r", i)
        _guess(client, "t", i)
    assert _guess(client, "r", 99) == 429


def test_a_blocked_ip_cannot_use_a_valid_link_either_but_others_can(client, limits_on, open_assessment):
    for i in range(31):
        _guess(client, "r", i)
    token = _valid_link(open_assessment)
    assert client.get(f"/r/{token}/", REMOTE_ADDR="10.1.0.1").status_code == 429
    assert client.get(f"/r/{token}/", REMOTE_ADDR="10.1.0.2").status_code == 302


def test_valid_links_never_count(client_factory, limits_on, open_assessment):
    # A whole office behind one address opening their own links: never limited.
    for _ in range(60):
        token = _valid_link(open_assessment)
        assert client_factory().get(f"/r/{token}/", REMOTE_ADDR="10.1.0.3").status_code == 302


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_pdf_generation_is_limited_per_user(client_for, limits_on, manager_a, viewer_a, open_assessment):
    url = reverse("assessment_report", kwargs={"assessment": open_assessment.public_id})
    manager = client_for(manager_a)
    statuses = [manager.post(url, {"language": "en"}).status_code for _ in range(12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert Report.objects.filter(assessment=open_assessment).count() == 1  # the limit is not the only guard
    # Another user of the same organisation is not affected, and reading the page is never limited.
    assert client_for(viewer_a).post(url, {"language": "en"}).status_code == 302
    assert manager.get(url + "?language=en").status_code == 200
