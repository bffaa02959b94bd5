"""Requesting, caching and rendering reports (inline Celery), failures and a missing Chromium."""

import logging

import pytest
from django.core import checks

from assessments.questionnaire.models import Assessment
from assessments.results.models import Report
from assessments.results.services import chart_export
from assessments.results.services.reports import UnknownLanguageError, request_report
from assessments.results.tasks import render_report_task

pytestmark = pytest.mark.django_db


def _request(assessment, language, capture):
    with capture(execute=True) as callbacks:
        report = request_report(assessment=assessment, language=language)
    report.refresh_from_db()
    return report, callbacks


def test_tasks_run_inline_without_a_broker(settings):
    assert settings.CELERY_BROKER_URL == ""
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_inline_task_renders_a_real_pdf(scenario, django_capture_on_commit_callbacks):
    report, callbacks = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert len(callbacks) == 1
    assert report.status == Report.Status.DONE
    assert bytes(report.content).startswith(b"%PDF-")
    assert report.error == ""
    assert report.finished_at is not None
    assert report.data_version == scenario.assessment.data_version


def test_the_task_is_queued_only_after_commit(scenario, fake_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(assessment=scenario.assessment, language="nl")
    assert len(callbacks) == 1
    assert fake_pdf == []
    assert Report.objects.get(pk=report.pk).status == Report.Status.PENDING
    callbacks[0]()
    assert fake_pdf == [(scenario.assessment.public_id, "nl")]
    assert Report.objects.get(pk=report.pk).status == Report.Status.DONE


def test_unchanged_data_reuses_the_report_and_new_data_renders_again(
    scenario, fake_pdf, django_capture_on_commit_callbacks
):
    first, _ = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    again, callbacks = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    assert callbacks == []
    assert len(fake_pdf) == 1

    Assessment.objects.filter(pk=scenario.assessment.pk).update(data_version=scenario.assessment.data_version + 1)
    fresh, callbacks = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert fresh.pk != first.pk
    assert fresh.data_version == scenario.assessment.data_version + 1
    assert fresh.status == Report.Status.DONE
    assert len(fake_pdf) == 2
    # The stale PDF is gone: a report of old data is never served.
    assert list(Report.objects.filter(assessment=scenario.assessment).values_list("pk", flat=True)) == [fresh.pk]


def test_languages_are_cached_separately(scenario, fake_pdf, django_capture_on_commit_callbacks):
    en, _ = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    nl, _ = _request(scenario.assessment, "nl", django_capture_on_commit_callbacks)
    assert en.pk != nl.pk
    assert [language for _id, language in fake_pdf] == ["en", "nl"]


def test_a_pending_report_is_not_queued_twice(scenario, fake_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as first:
        request_report(assessment=scenario.assessment, language="en")
    with django_capture_on_commit_callbacks(execute=False) as second:
        request_report(assessment=scenario.assessment, language="en")
    assert len(first) == 1
    assert second == []
    assert Report.objects.filter(assessment=scenario.assessment).count() == 1


def test_unknown_language_is_refused(scenario):
    with pytest.raises(UnknownLanguageError):
        request_report(assessment=scenario.assessment, language="de")
    assert Report.objects.count() == 0


def test_failure_stores_a_message_no_pdf_and_logs(scenario, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def explode(*, assessment, language):
        raise RuntimeError("template exploded")

    monkeypatch.setattr("assessments.results.services.report_document.build_report_pdf", explode)
    with caplog.at_level(logging.ERROR, logger="assessments.results.services.reports"):
        report, _ = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert report.status == Report.Status.FAILED
    assert report.content is None
    assert report.error == (
        "The report could not be created because of an unexpected error. It has been logged; try again later."
    )
    assert "template exploded" not in report.error
    assert any("template exploded" in (r.exc_text or "") for r in caplog.records)


def test_a_failed_report_is_retried_on_the_next_request(scenario, monkeypatch, django_capture_on_commit_callbacks):
    def explode(*, assessment, language):
        raise RuntimeError("boom")

    monkeypatch.setattr("assessments.results.services.report_document.build_report_pdf", explode)
    failed, _ = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    monkeypatch.setattr(
        "assessments.results.services.report_document.build_report_pdf", lambda *, assessment, language: b"%PDF-ok"
    )
    retried, callbacks = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert retried.pk == failed.pk
    assert len(callbacks) == 1
    assert retried.status == Report.Status.DONE
    assert bytes(retried.content) == b"%PDF-ok"
    assert retried.error == ""


def test_the_task_only_needs_the_id(scenario, fake_pdf):
    report = Report.objects.create(assessment=scenario.assessment, language="nl", data_version=0)
    render_report_task.delay(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert fake_pdf == [(scenario.assessment.public_id, "nl")]
    render_report_task.delay(987654)  # a report deleted meanwhile: nothing happens, nothing raises


def test_missing_chromium_fails_with_the_install_command(scenario, settings, django_capture_on_commit_callbacks):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    report, _ = _request(scenario.assessment, "en", django_capture_on_commit_callbacks)
    assert report.status == Report.Status.FAILED
    assert report.content is None
    assert "apt-get install chromium" in report.error
    assert "/nonexistent/chromium" in report.error


def test_missing_chromium_raises_a_specific_error(settings):
    import plotly.graph_objects as go

    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(chart_export.ChromiumMissingError, match="apt-get install chromium"):
        chart_export.figure_to_svg(figure=go.Figure(), width=100, height=100)


def test_system_check_warns_the_administrator_about_missing_chromium(settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    messages = [m for m in checks.run_checks() if m.id == "cxmaturity.W001"]
    assert len(messages) == 1
    assert messages[0].level == checks.WARNING
    assert "apt-get install chromium" in messages[0].msg + messages[0].hint

    settings.CHROMIUM_PATH = "/usr/bin/chromium"
    assert [m for m in checks.run_checks() if m.id == "cxmaturity.W001"] == []
