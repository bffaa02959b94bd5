"""Issue 25 item 6: tokens expire after the lifetime their owner chose, and an organisation's manager sees and
revokes every token that can reach the organisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from assessments.api.models import ApiToken
from assessments.api.services import create_token
from assessments.organisations.models import ActivityLog
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days", [30, 90, 365])
def test_a_token_works_for_the_chosen_days_then_answers_401(days, manager_a, client_for):
    client_for(manager_a).post("/account/api-tokens/", {"name": "BI", "scope": "read", "days": str(days)})
    token = ApiToken.objects.get(user=manager_a)
    assert token.expires_at - token.created_at == pytest.approx(
        datetime.timedelta(days=days), abs=datetime.timedelta(seconds=5)
    )


def test_the_default_lifetime_is_ninety_days(manager_a):
    now = timezone.now()
    token, _secret = create_token(user=manager_a, name="x", scope="read", organisation=None, now=now)
    assert token.expires_at == now + datetime.timedelta(days=90)
    with pytest.raises(ValidationError):
        create_token(user=manager_a, name="x", scope="read", organisation=None, days=7)


def test_an_expired_token_answers_401_with_a_clear_message(manager_a):
    long_ago = timezone.now() - datetime.timedelta(days=31)
    token, secret = create_token(user=manager_a, name="old", scope="read", organisation=None, days=30, now=long_ago)
    answer = api_client(secret).get("/api/v1/organisations/")
    assert answer.status_code == 401
    expected = timezone.localtime(token.expires_at)
    assert answer.json()["error"]["message"] == (
        f"This token expired on {formats.date_format(expected, 'DATE_FORMAT')}. "
        "Create a new one on the API tokens page of your account."
    )
    assert answer["WWW-Authenticate"] == 'Bearer realm="api"'
    # A minute before its end it still works.
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + datetime.timedelta(seconds=60))
    assert api_client(secret).get("/api/v1/organisations/").status_code == 200


def test_the_token_list_shows_expiry_and_expired(manager_a, client_for):
    create_token(user=manager_a, name="fresh", scope="read", organisation=None)
    create_token(
        user=manager_a,
        name="stale",
        scope="read",
        organisation=None,
        days=30,
        now=timezone.now() - datetime.timedelta(days=40),
    )
    page = client_for(manager_a).get("/account/api-tokens/").content.decode()
    assert page.count("Expired") == 1
    assert "Expires" in page


def test_expired_tokens_do_not_count_against_the_maximum(manager_a):
    past = timezone.now() - datetime.timedelta(days=400)
    for n in range(20):
        create_token(user=manager_a, name=f"old {n}", scope="read", organisation=None, days=365, now=past)
    create_token(user=manager_a, name="new", scope="read", organisation=None)  # no ValidationError


@pytest.fixture
def tokens(org_a, org_b, manager_a, viewer_a, consultant_ab, manager_b):
    made = {
        "viewer_all": create_token(user=viewer_a, name="viewer all", scope="read", organisation=None)[0],
        "viewer_a": create_token(user=viewer_a, name="viewer A", scope="read", organisation=org_a)[0],
        "consultant_b": create_token(user=consultant_ab, name="consultant B only", scope="write", organisation=org_b)[
            0
        ],
        "consultant_all": create_token(user=consultant_ab, name="consultant all", scope="write", organisation=None)[0],
        "manager_b": create_token(user=manager_b, name="manager B", scope="write", organisation=None)[0],
    }
    return made


def test_the_manager_page_lists_exactly_the_tokens_that_reach_the_organisation(org_a, manager_a, tokens, client_for):
    page = client_for(manager_a).get(f"/o/{org_a.public_id}/api-tokens/")
    assert page.status_code == 200
    html = page.content.decode()
    listed = {
        name for name in ("viewer all", "viewer A", "consultant B only", "consultant all", "manager B") if name in html
    }
    assert listed == {"viewer all", "viewer A", "consultant all"}
    assert "viewer.a@example.org" in html


def test_a_viewer_cannot_open_the_manager_page(org_a, viewer_a, tokens, client_for):
    assert client_for(viewer_a).get(f"/o/{org_a.public_id}/api-tokens/").status_code == 403


def test_the_manager_revokes_a_members_token_once(org_a, manager_a, tokens, client_for):
    token = tokens["viewer_all"]
    secret_client_before = ApiToken.objects.get(pk=token.pk).revoked_at
    assert secret_client_before is None
    client = client_for(manager_a)
    url = f"/o/{org_a.public_id}/api-tokens/{token.public_id}/revoke/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a repeated submit changes nothing
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ActivityLog.objects.filter(organisation=org_a, verb="token_revoked").count() == 1


def test_the_manager_cannot_revoke_a_token_that_does_not_reach_the_organisation(org_a, manager_a, tokens, client_for):
    for name in ("consultant_b", "manager_b"):
        token = tokens[name]
        assert (
            client_for(manager_a).post(f"/o/{org_a.public_id}/api-tokens/{token.public_id}/revoke/").status_code == 404
        )
        token.refresh_from_db()
        assert token.revoked_at is None


def test_the_manager_page_runs_a_fixed_number_of_queries(
    org_a, manager_a, viewer_a, client_for, django_assert_max_num_queries
):
    client = client_for(manager_a)
    url = f"/o/{org_a.public_id}/api-tokens/"
    create_token(user=viewer_a, name="one", scope="read", organisation=None)
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for n in range(5):
        create_token(user=viewer_a, name=f"more {n}", scope="read", organisation=org_a)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
