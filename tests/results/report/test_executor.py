"""Without a broker the report request returns at once and a background thread renders; a lost render
(the process was killed) is marked failed and can be retried at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.results.models import Report
from assessments.results.services import reports
from tests import factories


@pytest.fixture
def assessment(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Service")
    return factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], title="Scan Spring 2026", status="closed"
    )


def _page(assessment):
    return reverse("assessment_report", kwargs={"assessment": assessment.public_id})


def _status(assessment):
    return reverse("assessment_report_status", kwargs={"assessment": assessment.public_id}) + "?language=en"


class _RecordingExecutor:
    def __init__(self):
        self.jobs = []

    def submit(self, fn, *args):
        self.jobs.append((fn, args))


@pytest.mark.django_db
def test_the_request_returns_at_once_and_the_thread_renders(
    assessment, manager_a, client_for, fake_pdf, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CXM_REPORT_EXECUTOR = "thread"
    executor = _RecordingExecutor()
    monkeypatch.setattr(reports, "_background_executor", lambda: executor)
    client = client_for(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(assessment), {"language": "en"})
    assert response.status_code == 302
    assert fake_pdf == []  # nothing rendered during the request
    assert client.get(_status(assessment)).json()["status"] == "pending"
    assert [(fn.__name__, args) for fn, args in executor.jobs] == [("_render_in_thread", (Report.objects.get().pk,))]
    # What the thread does, minus closing its own connections (here they are the test's).
    reports.render_report(report_id=executor.jobs[0][1][0])
    assert client.get(_status(assessment)).json()["status"] == "done"
    assert fake_pdf == [(assessment.public_id, "en")]


@pytest.mark.django_db
def test_with_a_broker_the_worker_gets_the_task(
    assessment, settings, monkeypatch, fake_pdf, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CXM_REPORT_EXECUTOR = "thread"
    queued = []
    monkeypatch.setattr("assessments.results.tasks.render_report_task.delay", queued.append)
    monkeypatch.setattr(reports, "_background_executor", lambda: pytest.fail("no thread with a broker"))
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(assessment=assessment, language="en")
    assert queued == [report.pk]


@pytest.mark.django_db(transaction=True)
def test_the_real_background_thread_renders_the_report(assessment, settings, fake_pdf):
    settings.CXM_REPORT_EXECUTOR = "thread"
    report = reports.request_report(assessment=assessment, language="en")
    # One worker thread, first in first out: once this no-op has run, the render has too.
    reports._background_executor().submit(lambda: None).result(timeout=60)
    report.refresh_from_db()
    assert (report.status, bytes(report.content)) == ("done", b"%PDF-1.7 fake report")
    assert report.started_at is not None


@pytest.mark.django_db
def test_a_render_running_past_the_timeout_is_failed_and_retried_at_once(
    assessment, manager_a, client_for, settings, fake_pdf, django_capture_on_commit_callbacks
):
    settings.CXM_REPORT_RENDER_TIMEOUT = 180
    report = Report.objects.create(
        assessment=assessment,
        language="en",
        data_version=assessment.data_version,
        status="running",
        started_at=timezone.now() - datetime.timedelta(seconds=181),
    )
    client = client_for(manager_a)
    assert client.get(_status(assessment)).json() == {
        "status": "failed",
        "error": "Creating the report took too long and was stopped. Try again.",
        "download_url": "",
    }
    assert "Try again" in client.get(_page(assessment) + "?language=en").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_page(assessment), {"language": "en"})
    report.refresh_from_db()
    assert report.status == "done"
    assert fake_pdf == [(assessment.public_id, "en")]


@pytest.mark.django_db
def test_a_render_within_the_timeout_keeps_running(assessment, manager_a, client_for, settings):
    settings.CXM_REPORT_RENDER_TIMEOUT = 180
    Report.objects.create(
        assessment=assessment,
        language="en",
        data_version=assessment.data_version,
        status="running",
        started_at=timezone.now() - datetime.timedelta(seconds=170),
    )
    assert client_for(manager_a).get(_status(assessment)).json()["status"] == "running"


@pytest.mark.django_db
def test_a_lost_pending_report_is_failed(assessment, manager_a, client_for):
    report = Report.objects.create(assessment=assessment, language="en", data_version=assessment.data_version)
    Report.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - reports.STALE_AFTER - datetime.timedelta(1)
    )
    assert client_for(manager_a).get(_status(assessment)).json()["status"] == "failed"
