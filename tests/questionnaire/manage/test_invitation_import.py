"""A large invitation file (more rows than the page imports at once) is imported in the background:
progress on its own page, every bad row reported with its line, nothing half-imported, no duplicates on resubmit.
The logic runs at a few thousand rows; the 100,000-row run is `thorough`."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.questionnaire.models import Invitation, InvitationImport
from assessments.questionnaire.services import invitations as services

pytestmark = pytest.mark.django_db

ROWS = services.MAX_ROWS + 1000  # above the page's limit: the background import


def _file(rows, *, bad=(), header="email,team,role,name"):
    lines = [header]
    for i in range(1, rows + 1):
        email = "not-an-address" if i in bad else f"person{i}@example.org"
        lines.append(f"{email},{'Klantenservice' if i % 2 else 'Thuiszorg'},,Person {i}")
    return ("\n".join(lines) + "\n").encode()


def _upload(client, assessment, data, capture):
    url = reverse("invitations_upload", kwargs={"assessment": assessment.public_id})
    with capture(execute=True):
        return client.post(url, {"file": SimpleUploadedFile("people.csv", data, content_type="text/csv")})


def test_a_large_file_is_imported_in_the_background_and_shows_its_outcome(
    client_for, manager_a, draft, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    response = _upload(client, draft, _file(ROWS), django_capture_on_commit_callbacks)
    job = InvitationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "invitation_import", kwargs={"assessment": draft.public_id, "job": job.public_id}
    )
    assert (job.status, job.rows, job.created, job.error_count, job.content) == ("done", ROWS, ROWS, 0, "")
    assert Invitation.objects.filter(assessment=draft).count() == ROWS
    assert Invitation.objects.get(email="person7@example.org").name == "Person 7"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{ROWS:,} people were invited from the file." in text
    assert 'http-equiv="refresh"' not in text


def test_bad_rows_are_reported_with_their_line_and_nothing_is_imported(
    client_for, manager_a, draft, django_capture_on_commit_callbacks
):
    bad = set(range(10, ROWS, 40))  # 150 bad rows: the first 100 are listed, the rest counted
    response = _upload(client_for(manager_a), draft, _file(ROWS, bad=bad), django_capture_on_commit_callbacks)
    job = InvitationImport.objects.get()
    assert (job.status, job.created, job.error_count) == ("failed", 0, len(bad))
    assert Invitation.objects.count() == 0
    assert len(job.errors) == services.ERRORS_KEPT
    # Line numbers count the header: row i of the data is line i + 1.
    assert [line for line, _value, _reason in job.errors] == sorted(i + 1 for i in bad)[: services.ERRORS_KEPT]
    assert {reason for _line, _value, reason in job.errors} == {"This is not a valid email address."}
    text = client_for(manager_a).get(response["Location"]).content.decode()
    assert f"Nothing was imported: {len(bad)} rows need fixing." in text
    assert f"And {len(bad) - services.ERRORS_KEPT} more rows that need fixing." in text
    assert text.count("This is not a valid email address.") == services.ERRORS_KEPT


def test_the_same_file_twice_invites_nobody_twice(client_for, manager_a, draft, django_capture_on_commit_callbacks):
    client = client_for(manager_a)
    data = _file(ROWS)
    _upload(client, draft, data, django_capture_on_commit_callbacks)
    _upload(client, draft, data, django_capture_on_commit_callbacks)
    second = InvitationImport.objects.order_by("pk").last()
    assert Invitation.objects.count() == ROWS
    assert (second.status, second.created, second.skipped) == ("done", 0, ROWS)


def test_a_file_waiting_to_run_is_not_queued_twice(client_for, manager_a, draft, django_capture_on_commit_callbacks):
    client = client_for(manager_a)
    url = reverse("invitations_upload", kwargs={"assessment": draft.public_id})
    data = _file(ROWS)
    locations = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=False):  # no worker yet
            response = client.post(url, {"file": SimpleUploadedFile("people.csv", data, content_type="text/csv")})
        locations.append(response["Location"])
    assert locations[0] == locations[1]
    job = InvitationImport.objects.get()
    page = client.get(locations[0]).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "The file is waiting its turn." in page
    services.run_import(import_id=job.pk)
    services.run_import(import_id=job.pk)  # delivered twice: runs once
    assert Invitation.objects.count() == ROWS


def test_progress_is_reported_while_it_runs(client_for, manager_a, draft, django_capture_on_commit_callbacks):
    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("invitations_upload", kwargs={"assessment": draft.public_id}),
            {"file": SimpleUploadedFile("people.csv", _file(ROWS), content_type="text/csv")},
        )
    job = InvitationImport.objects.get()
    seen = []
    original = services.large_import._report

    def spy(job_, phase, done, total):
        original(job_, phase, done, total)
        seen.append((phase, client.get(response["Location"]).content.decode()))

    services.large_import._report = spy
    try:
        services.run_import(import_id=job.pk)
    finally:
        services.large_import._report = original
    phases = [phase for phase, _html in seen]
    assert phases[0] == "checking"
    assert phases[-1] == "saving"
    saving = [html for phase, html in seen if phase == "saving"]
    assert f"Saving the invitations: 2,000 of {ROWS:,}." in saving[0]
    assert 'aria-valuenow="33"' in saving[0]


def test_another_assessments_import_is_not_found(
    client_for, manager_a, draft, opened, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    _upload(client, draft, _file(ROWS), django_capture_on_commit_callbacks)
    job = InvitationImport.objects.get()
    url = reverse("invitation_import", kwargs={"assessment": opened.public_id, "job": job.public_id})
    assert client.get(url).status_code == 404


@pytest.mark.thorough
def test_a_hundred_thousand_rows_import_in_one_go(client_for, manager_a, draft, django_capture_on_commit_callbacks):
    started = time.perf_counter()
    _upload(client_for(manager_a), draft, _file(services.MAX_IMPORT_ROWS), django_capture_on_commit_callbacks)
    job = InvitationImport.objects.get()
    assert (job.status, job.created) == ("done", services.MAX_IMPORT_ROWS)
    assert Invitation.objects.count() == services.MAX_IMPORT_ROWS
    assert time.perf_counter() - started < 120
