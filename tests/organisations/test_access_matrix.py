"""Every organisation page, for every persona: who gets in, who gets 404, 403 or the sign-in page."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from assessments.organisations.models import Membership
from assessments.organisations.services import members

READ = "read"  # every member may look
MANAGE = "manage"  # managers and consultants; viewers get 403


def _png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#123456").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def world(org_a, manager_a, viewer_a, consultant_ab, manager_b, team_a, role_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org_a.logo.save("logo.png", ContentFile(_png_bytes()), save=True)
    invitation, _token = members.invite_member(
        organisation=org_a, actor=manager_a, email="new.person@example.org", role="viewer"
    )
    viewer_membership = Membership.objects.get(user=viewer_a, organisation=org_a)
    org = org_a.public_id
    return {
        "organisation_detail": ({"org": org}, READ, "get"),
        "organisation_logo": ({"org": org}, READ, "get"),
        "team_list": ({"org": org}, READ, "get"),
        "role_list": ({"org": org}, READ, "get"),
        "member_list": ({"org": org}, READ, "get"),
        "organisation_settings": ({"org": org}, MANAGE, "get"),
        "organisation_delete": ({"org": org}, MANAGE, "get"),
        "activity_log": ({"org": org}, MANAGE, "get"),
        "team_create": ({"org": org}, MANAGE, "get"),
        "team_edit": ({"org": org, "team": team_a.public_id}, MANAGE, "get"),
        "team_delete": ({"org": org, "team": team_a.public_id}, MANAGE, "get"),
        "role_create": ({"org": org}, MANAGE, "get"),
        "role_edit": ({"org": org, "role": role_a.public_id}, MANAGE, "get"),
        "role_delete": ({"org": org, "role": role_a.public_id}, MANAGE, "get"),
        "member_invite": ({"org": org}, MANAGE, "get"),
        "member_remove": ({"org": org, "member": viewer_membership.public_id}, MANAGE, "get"),
        "member_role": ({"org": org, "member": viewer_membership.public_id}, MANAGE, "post"),
        "member_invitation_revoke": ({"org": org, "invitation": invitation.public_id}, MANAGE, "post"),
    }


NAMES = [
    "organisation_detail",
    "organisation_logo",
    "team_list",
    "role_list",
    "member_list",
    "organisation_settings",
    "organisation_delete",
    "activity_log",
    "team_create",
    "team_edit",
    "team_delete",
    "role_create",
    "role_edit",
    "role_delete",
    "member_invite",
    "member_remove",
    "member_role",
    "member_invitation_revoke",
]


def _request(client, method, url):
    # A role change posts a valid role; everything else posts nothing (a GET-only view answers 405).
    if method == "post":
        return client.post(url, {"role": "viewer"})
    return client.get(url)


def _allowed_status(method):
    return 302 if method == "post" else 200


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("persona", ["manager_a", "consultant_ab"])
def test_managers_and_consultants_get_in(name, persona, world, request, client_for):
    kwargs, _kind, method = world[name]
    response = _request(client_for(request.getfixturevalue(persona)), method, reverse(name, kwargs=kwargs))
    assert response.status_code == _allowed_status(method)


@pytest.mark.parametrize("name", NAMES)
def test_viewer_reads_but_cannot_change(name, world, viewer_a, client_for):
    kwargs, kind, method = world[name]
    response = _request(client_for(viewer_a), method, reverse(name, kwargs=kwargs))
    assert response.status_code == (200 if kind == READ else 403)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("persona", ["manager_b", "outsider"])
def test_other_organisations_get_404(name, persona, world, request, client_for):
    kwargs, _kind, method = world[name]
    response = _request(client_for(request.getfixturevalue(persona)), method, reverse(name, kwargs=kwargs))
    assert response.status_code == 404


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_sign_in(name, world, client):
    kwargs, _kind, method = world[name]
    url = reverse(name, kwargs=kwargs)
    response = _request(client, method, url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("organisation_detail", "organisation_logo")])
def test_object_of_another_organisation_under_own_org_url_is_404(name, world, org_b, manager_a, client_for):
    """Swapping the organisation id in a URL never reaches an object of another organisation."""
    kwargs, _kind, method = world[name]
    response = _request(client_for(manager_a), method, reverse(name, kwargs={**kwargs, "org": org_b.public_id}))
    assert response.status_code == 404


def test_organisation_list_shows_only_own_organisations(world, org_a, org_b, manager_a, consultant_ab, client_for):
    page_a = client_for(manager_a).get(reverse("organisation_list")).content.decode()
    assert org_a.name in page_a
    assert org_b.name not in page_a
    page_c = client_for(consultant_ab).get(reverse("organisation_list")).content.decode()
    assert org_a.name in page_c
    assert org_b.name in page_c
    # org A: manager, viewer, consultant and one team; org B: manager and consultant, no teams
    assert "1 team" in page_c
    assert "3 people" in page_c
    assert "0 teams" in page_c
    assert "2 people" in page_c


@pytest.mark.parametrize(
    ("persona", "status"),
    [("consultant_ab", 200), ("manager_a", 403), ("viewer_a", 403), ("manager_b", 403), ("outsider", 200)],
)
def test_consultants_and_people_without_an_organisation_create_organisations(
    persona, status, world, request, client_for
):
    """A consultant creates clients; a person who belongs to none starts her own; managers and viewers
    of an organisation create none."""
    response = client_for(request.getfixturevalue(persona)).get(reverse("organisation_create"))
    assert response.status_code == status


def test_anonymous_organisation_list_and_create_redirect(client, db):
    for name in ("organisation_list", "organisation_create"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
