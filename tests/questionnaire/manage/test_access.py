"""Every manager view against every persona: 200 for members, 403 for viewers who change, 404 for outsiders."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

READ_ONLY = ["assessment_detail", "assessment_progress", "assessment_progress_json"]
MANAGE_GET = ["assessment_edit", "assessment_invitations", "assessment_open", "assessment_close", "assessment_reopen"]
MANAGE_POST = ["invitations_paste", "invitations_upload", "invitations_remind", "invitations_send", "team_link"]


def _url(name, draft):
    return reverse(name, kwargs={"assessment": draft.public_id})


@pytest.mark.parametrize("name", READ_ONLY + MANAGE_GET)
def test_manager_and_consultant_get_200(client_for, manager_a, consultant_ab, draft, name):
    for user in (manager_a, consultant_ab):
        assert client_for(user).get(_url(name, draft)).status_code == 200


@pytest.mark.parametrize("name", READ_ONLY)
def test_viewer_reads(client_for, viewer_a, draft, name):
    assert client_for(viewer_a).get(_url(name, draft)).status_code == 200


@pytest.mark.parametrize("name", MANAGE_GET + MANAGE_POST)
def test_viewer_cannot_change(client_for, viewer_a, draft, name):
    client = client_for(viewer_a)
    if name != "assessment_invitations":  # a GET-only page
        assert client.post(_url(name, draft), {"addresses": "x@example.org"}).status_code == 403
    if name in MANAGE_GET:
        assert client.get(_url(name, draft)).status_code == 403


@pytest.mark.parametrize("name", READ_ONLY + MANAGE_GET + MANAGE_POST)
def test_other_organisation_and_outsider_get_404(client_for, manager_b, outsider, draft, name):
    for user in (manager_b, outsider):
        client = client_for(user)
        assert client.get(_url(name, draft)).status_code in (404, 405)
        assert client.post(_url(name, draft)).status_code in (404, 405)
        if name not in MANAGE_POST:
            assert client.get(_url(name, draft)).status_code == 404


@pytest.mark.parametrize("name", READ_ONLY + MANAGE_GET + MANAGE_POST)
def test_anonymous_is_sent_to_sign_in(draft, name):
    url = _url(name, draft)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_org_pages(client_for, manager_a, consultant_ab, viewer_a, manager_b, outsider, org_a):
    list_url = reverse("assessment_list", kwargs={"org": org_a.public_id})
    create_url = reverse("assessment_create", kwargs={"org": org_a.public_id})
    for user in (manager_a, consultant_ab):
        assert client_for(user).get(list_url).status_code == 200
        assert client_for(user).get(create_url).status_code == 200
    assert client_for(viewer_a).get(list_url).status_code == 200
    assert client_for(viewer_a).get(create_url).status_code == 403
    assert client_for(viewer_a).post(create_url, {"title": "x"}).status_code == 403
    for user in (manager_b, outsider):
        assert client_for(user).get(list_url).status_code == 404
        assert client_for(user).get(create_url).status_code == 404
    assert Client().get(list_url).status_code == 302


def test_viewer_sees_no_change_buttons(client_for, viewer_a, draft):
    html = client_for(viewer_a).get(_url("assessment_detail", draft)).content.decode()
    assert _url("assessment_edit", draft) not in html
    assert _url("assessment_invitations", draft) not in html
    assert _url("assessment_open", draft) not in html


def test_list_query_count_is_constant(client_for, manager_a, org_a, model_version, django_assert_num_queries):
    from tests import factories

    client = client_for(manager_a)
    url = reverse("assessment_list", kwargs={"org": org_a.public_id})
    factories.make_assessment(organisation=org_a, model_version=model_version)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(8):
        factories.make_assessment(organisation=org_a, model_version=model_version)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["assessments"]) == 9
