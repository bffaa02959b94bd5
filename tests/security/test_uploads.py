"""Uploaded logos and invitation CSVs: type and size checked, never served as HTML."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments.questionnaire.models import Invitation

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 139)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _settings_post(client, org, upload):
    form = {"name": org.name, "accent_colour": "#1f5f8b", "default_language": "en", "anonymity_threshold": 5}
    return client.post(reverse("organisation_settings", kwargs={"org": org.public_id}), {**form, "logo": upload})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", HTML),
        ("logo.html", HTML),
        ("logo.svg", SVG),
        ("logo.png", b"GIF89a" + b"\x00" * 100),
        ("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 1)),
    ],
)
def test_bad_logos_are_refused(client_for, manager_a, org_a, media, name, content):
    response = _settings_post(client_for(manager_a), org_a, SimpleUploadedFile(name, content))
    assert response.status_code == 400  # the form again, with its error (issue 25: a 4xx, not 200)
    assert response.context["form"].errors["logo"]
    org_a.refresh_from_db()
    assert not org_a.logo
    assert list(media.rglob("*")) == [] or all(p.is_dir() for p in media.rglob("*"))


def test_a_logo_is_served_as_an_image_with_nosniff(client_for, manager_a, org_a, media):
    response = _settings_post(client_for(manager_a), org_a, SimpleUploadedFile("logo.png", _png()))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo
    served = client_for(manager_a).get(reverse("organisation_logo", kwargs={"org": org_a.public_id}))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_uploaded_files_are_not_served_from_media_url(client_for, manager_a, org_a, media):
    _settings_post(client_for(manager_a), org_a, SimpleUploadedFile("logo.png", _png()))
    org_a.refresh_from_db()
    assert client_for(manager_a).get(f"/media/{org_a.logo.name}").status_code == 404


def test_logo_is_for_members_only(client_for, manager_a, outsider, org_a, media):
    _settings_post(client_for(manager_a), org_a, SimpleUploadedFile("logo.png", _png()))
    assert client_for(outsider).get(reverse("organisation_logo", kwargs={"org": org_a.public_id})).status_code == 404


@pytest.fixture
def assessment(org_a, model_version):
    from tests import factories

    team = factories.make_team(organisation=org_a, name="Support")
    return factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team], status="draft")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("people.csv", HTML),
        ("people.csv", b"\xff\xfe\x00\x00garbage\x00\x01"),
        ("people.csv", _png()),
        ("people.csv", b"email,team\n" + b"a@example.org,Support\n" * 100_001),  # one row over the limit
        ("people.csv", b""),
    ],
)
def test_bad_invitation_csvs_import_nothing(client_for, manager_a, assessment, name, content):
    url = reverse("invitations_upload", kwargs={"assessment": assessment.public_id})
    response = client_for(manager_a).post(url, {"file": SimpleUploadedFile(name, content, "text/csv")})
    assert response.status_code == 400
    assert Invitation.objects.filter(assessment=assessment).count() == 0


def test_a_large_file_of_one_address_repeated_imports_nothing(client_for, manager_a, assessment):
    """Past 5,000 rows the file is imported in the background; the same address 60,000 times is refused
    there (its repeats are bad rows), all or nothing."""
    url = reverse("invitations_upload", kwargs={"assessment": assessment.public_id})
    content = b"email,team\n" + b"a@example.org,Support\n" * 60_000
    response = client_for(manager_a).post(url, {"file": SimpleUploadedFile("people.csv", content, "text/csv")})
    assert response.status_code == 302
    assert "/invitations/imports/" in response["Location"]
    assert Invitation.objects.filter(assessment=assessment).count() == 0


def test_a_good_csv_imports(client_for, manager_a, assessment):
    url = reverse("invitations_upload", kwargs={"assessment": assessment.public_id})
    content = b"email,team\nann@example.org,Support\nbob@example.org,Support\n"
    response = client_for(manager_a).post(url, {"file": SimpleUploadedFile("people.csv", content, "text/csv")})
    assert response.status_code == 302
    assert sorted(Invitation.objects.filter(assessment=assessment).values_list("email", flat=True)) == [
        "ann@example.org",
        "bob@example.org",
    ]
