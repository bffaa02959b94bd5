"""Creating, editing (with logo) and deleting organisations; the switcher remembers the current one."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments.organisations.context_processors import CURRENT_ORG_SESSION_KEY
from assessments.organisations.models import ActivityLog, Membership, Organisation, Role, Team
from tests import factories


def _image(fmt, size=(40, 20), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _settings_data(org, **overrides):
    data = {
        "name": org.name,
        "sector": "Healthcare",
        "size_band": "250-999",
        "accent_colour": "#aa3300",
        "default_language": "en",
        "anonymity_threshold": 5,
    }
    data.update(overrides)
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_consultant_creates_client_organisation_with_default_roles(consultant_ab, client_for):
    response = client_for(consultant_ab).post(
        reverse("organisation_create"),
        {"relationship": "client", "name": "Cura Thuiszorg", "sector": "Healthcare", "default_language": "nl"},
    )
    organisation = Organisation.objects.get(name="Cura Thuiszorg")
    assert response["Location"] == reverse("organisation_detail", kwargs={"org": organisation.public_id})
    assert Membership.objects.get(organisation=organisation).user == consultant_ab
    assert Membership.objects.get(organisation=organisation).role == "consultant"
    roles = list(Role.objects.filter(organisation=organisation).values_list("name_en", "name_nl", "is_management"))
    assert roles == [
        ("Board", "Directie", True),
        ("Management", "Management", True),
        ("Front office", "Frontoffice", False),
        ("Back office", "Backoffice", False),
        ("Support", "Ondersteuning", False),
    ]
    assert ActivityLog.objects.get(organisation=organisation).verb == "created"


def test_second_submit_does_not_create_a_second_organisation(consultant_ab, client_for):
    client = client_for(consultant_ab)
    data = {"relationship": "client", "name": "Cura Thuiszorg", "default_language": "nl"}
    assert client.post(reverse("organisation_create"), data).status_code == 302
    again = client.post(reverse("organisation_create"), {**data, "name": "cura thuiszorg "})
    assert again.status_code == 200
    assert "already have an organisation with this name" in again.content.decode()
    assert Organisation.objects.filter(name__iexact="Cura Thuiszorg").count() == 1


def test_manager_cannot_create_organisation(manager_a, client_for):
    response = client_for(manager_a).post(
        reverse("organisation_create"), {"relationship": "own", "name": "Sneaky", "default_language": "nl"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Sneaky").exists()


def test_settings_save_and_log(org_a, manager_a, client_for, media):
    url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    response = client_for(manager_a).post(url, _settings_data(org_a, name="Acme Zorg"))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.name, org_a.sector, org_a.accent_colour, org_a.anonymity_threshold) == (
        "Acme Zorg",
        "Healthcare",
        "#aa3300",
        5,
    )
    assert ActivityLog.objects.filter(organisation=org_a, verb="updated").count() == 1


@pytest.mark.parametrize(
    ("field", "value"), [("anonymity_threshold", 2), ("accent_colour", "red"), ("name", ""), ("size_band", "huge")]
)
def test_settings_reject_bad_values(field, value, org_a, manager_a, client_for, media):
    url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    response = client_for(manager_a).post(url, _settings_data(org_a, **{field: value}))
    assert response.status_code == 400
    org_a.refresh_from_db()
    assert (org_a.name, org_a.anonymity_threshold, org_a.accent_colour) == ("Acme Care", 5, "#1f5f8b")


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"), [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg")]
)
def test_logo_upload_is_reencoded_and_served_to_members_only(
    fmt, content_type, extension, org_a, manager_a, viewer_a, manager_b, client_for, media
):
    raw = _image(fmt) + b"<script>alert(1)</script>"  # trailing bytes must not survive
    upload = SimpleUploadedFile(f"logo.{extension}", raw, content_type=content_type)
    url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    assert client_for(manager_a).post(url, {**_settings_data(org_a), "logo": upload}).status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo.name.endswith(f".{extension}")
    stored = org_a.logo.open("rb").read()
    assert b"<script>" not in stored
    logo_url = reverse("organisation_logo", kwargs={"org": org_a.public_id})
    response = client_for(viewer_a).get(logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == stored
    assert client_for(manager_b).get(logo_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("logo.gif", _image("GIF"), "PNG or JPEG"),
        ("logo.png", b"<html><script>alert(1)</script></html>", "not a valid"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "not a valid"),
        ("logo.png", _image("PNG") + b"0" * (1024 * 1024), "larger than 1 MB"),
    ],
)
def test_bad_logo_is_refused(name, payload, message, org_a, manager_a, client_for, media):
    url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    upload = SimpleUploadedFile(name, payload, content_type="image/png")
    response = client_for(manager_a).post(url, {**_settings_data(org_a), "logo": upload})
    # Issue 25 item 8: a refused upload is a 4xx with the form's message, not a 200.
    assert response.status_code == 400
    assert message in response.content.decode()
    org_a.refresh_from_db()
    assert not org_a.logo


def test_remove_logo(org_a, manager_a, client_for, media):
    url = reverse("organisation_settings", kwargs={"org": org_a.public_id})
    client = client_for(manager_a)
    client.post(url, {**_settings_data(org_a), "logo": SimpleUploadedFile("l.png", _image("PNG"))})
    org_a.refresh_from_db()
    assert org_a.logo
    client.post(url, {**_settings_data(org_a), "remove_logo": "on"})
    org_a.refresh_from_db()
    assert not org_a.logo
    assert client.get(reverse("organisation_logo", kwargs={"org": org_a.public_id})).status_code == 404


def test_delete_page_says_what_goes(org_a, manager_a, client_for, model_version):
    team = factories.make_team(organisation=org_a)
    factories.make_team(organisation=org_a, parent=team)
    factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    page = client_for(manager_a).get(reverse("organisation_delete", kwargs={"org": org_a.public_id})).content.decode()
    assert "2 teams" in page
    assert "1 assessment" in page
    assert "0 responses" in page
    assert "the access of 1 person" in page


def test_delete_needs_the_exact_name(org_a, org_b, manager_a, client_for):
    url = reverse("organisation_delete", kwargs={"org": org_a.public_id})
    client = client_for(manager_a)
    response = client.post(url, {"confirm_name": "acme"})
    assert response.status_code == 200
    assert "does not match" in response.content.decode()
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    response = client.post(url, {"confirm_name": "Acme Care"})
    assert response["Location"] == reverse("organisation_list")
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bolt Energy"]
    assert Team.objects.filter(organisation_id=org_a.pk).count() == 0


def test_viewer_cannot_delete(org_a, viewer_a, client_for):
    url = reverse("organisation_delete", kwargs={"org": org_a.public_id})
    assert client_for(viewer_a).post(url, {"confirm_name": "Acme Care"}).status_code == 403
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_visiting_an_organisation_makes_it_current(org_a, org_b, consultant_ab, client_for):
    client = client_for(consultant_ab)
    client.get(reverse("team_list", kwargs={"org": org_b.public_id}))
    assert client.session[CURRENT_ORG_SESSION_KEY] == str(org_b.public_id)
    page = client.get(reverse("organisation_list")).content.decode()
    switcher = page.split('id="org-switcher"')[1].split("</button>")[0]
    assert "Bolt Energy" in switcher
    client.get(reverse("role_list", kwargs={"org": org_a.public_id}))
    assert client.session[CURRENT_ORG_SESSION_KEY] == str(org_a.public_id)


def test_outsider_url_does_not_change_current_organisation(org_a, org_b, manager_a, client_for):
    client = client_for(manager_a)
    client.get(reverse("organisation_detail", kwargs={"org": org_a.public_id}))
    assert client.get(reverse("organisation_detail", kwargs={"org": org_b.public_id})).status_code == 404
    assert client.session[CURRENT_ORG_SESSION_KEY] == str(org_a.public_id)


def test_overview_shows_counts_and_role(org_a, manager_a, viewer_a, client_for, team_a):
    page = client_for(viewer_a).get(reverse("organisation_detail", kwargs={"org": org_a.public_id})).content.decode()
    assert "Acme Care" in page
    assert "Viewer" in page
    assert reverse("organisation_settings", kwargs={"org": org_a.public_id}) not in page
    manager_page = client_for(manager_a).get(reverse("organisation_detail", kwargs={"org": org_a.public_id}))
    assert reverse("organisation_settings", kwargs={"org": org_a.public_id}) in manager_page.content.decode()


def test_overview_lists_recent_assessments_with_links(org_a, viewer_a, client_for, model_version, team_a):
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team_a], title="Scan voorjaar"
    )
    page = client_for(viewer_a).get(reverse("organisation_detail", kwargs={"org": org_a.public_id})).content.decode()
    assert "Scan voorjaar" in page
    assert f'href="/a/{assessment.public_id}/"' in page
    assert "0 responses" in page
