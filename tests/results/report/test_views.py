"""The report page, its status endpoint and the download: who may use them and what they answer."""

import pytest
from django.urls import reverse

from assessments.organisations.models import ActivityLog
from assessments.results.models import Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org_a, model_version):
    team = factories.make_team(organisation=org_a, name="Service")
    return factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], title="Scan Spring 2026", status="closed"
    )


def _page(assessment):
    return reverse("assessment_report", kwargs={"assessment": assessment.public_id})


def _status(assessment, language="en"):
    return reverse("assessment_report_status", kwargs={"assessment": assessment.public_id}) + f"?language={language}"


def _download(report):
    return reverse(
        "assessment_report_download", kwargs={"assessment": report.assessment.public_id, "report": report.public_id}
    )


def _done(assessment, language="en", pdf=b"%PDF-1.7 test"):
    return Report.objects.create(
        assessment=assessment, language=language, data_version=assessment.data_version, status="done", content=pdf
    )


@pytest.mark.parametrize("persona", ["manager_a", "viewer_a", "consultant_ab"])
def test_members_see_the_page_and_can_request_and_download(
    persona, request, assessment, client_for, fake_pdf, django_capture_on_commit_callbacks
):
    client = client_for(request.getfixturevalue(persona))
    page = client.get(_page(assessment))
    assert page.status_code == 200
    assert "Download report" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(assessment), {"language": "nl"})
    assert response.status_code == 302
    assert response["Location"] == _page(assessment) + "?language=nl"
    report = Report.objects.get(assessment=assessment, language="nl")
    assert report.status == "done"

    download = client.get(_download(report))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="cx-maturity-acme-care-scan-spring-2026-nl.pdf"'
    assert download.content == b"%PDF-1.7 fake report"


@pytest.mark.parametrize("persona", ["manager_b", "outsider"])
def test_outsiders_get_404_everywhere(persona, request, assessment, client_for, fake_pdf):
    report = _done(assessment)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(_page(assessment)).status_code == 404
    assert client.post(_page(assessment), {"language": "en"}).status_code == 404
    assert client.get(_status(assessment)).status_code == 404
    assert client.get(_download(report)).status_code == 404
    assert fake_pdf == []
    assert Report.objects.count() == 1


def test_anonymous_users_are_sent_to_sign_in(client, assessment):
    response = client.get(_page(assessment))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bad_language_is_a_400_with_a_message(assessment, manager_a, client_for, fake_pdf):
    client = client_for(manager_a)
    for response in (
        client.get(_page(assessment) + "?language=de"),
        client.post(_page(assessment), {"language": "de"}),
        client.post(_page(assessment), {}),
    ):
        assert response.status_code == 400
        assert "Reports are available in Dutch (nl) and English (en)" in response.content.decode()
    assert client.get(_status(assessment, "xx")).status_code == 400
    assert fake_pdf == []
    assert Report.objects.count() == 0


def test_status_endpoint_reports_progress_then_the_download(assessment, manager_a, client_for):
    client = client_for(manager_a)
    assert client.get(_status(assessment)).json() == {"status": "none", "error": "", "download_url": ""}
    report = Report.objects.create(assessment=assessment, language="en", data_version=assessment.data_version)
    assert client.get(_status(assessment)).json() == {"status": "pending", "error": "", "download_url": ""}
    Report.objects.filter(pk=report.pk).update(status="done", content=b"%PDF")
    assert client.get(_status(assessment)).json() == {"status": "done", "error": "", "download_url": _download(report)}


def test_pending_page_shows_progress_and_refreshes_without_javascript(assessment, manager_a, client_for):
    Report.objects.create(assessment=assessment, language="en", data_version=assessment.data_version)
    html = client_for(manager_a).get(_page(assessment) + "?language=en").content.decode()
    assert "Your report is being prepared." in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'data-status="pending"' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_failed_report_shows_its_message_and_a_retry(assessment, manager_a, client_for):
    Report.objects.create(
        assessment=assessment,
        language="en",
        data_version=assessment.data_version,
        status="failed",
        error="Chromium was not found.",
    )
    html = client_for(manager_a).get(_page(assessment) + "?language=en").content.decode()
    assert "The report could not be created." in html
    assert "Chromium was not found." in html
    assert "Try again" in html
    assert "http-equiv" not in html


def test_done_report_offers_the_download(assessment, viewer_a, client_for):
    report = _done(assessment)
    html = client_for(viewer_a).get(_page(assessment) + "?language=en").content.decode()
    assert "Your report is ready." in html
    assert _download(report) in html


def test_a_report_of_old_data_is_not_offered(assessment, manager_a, client_for):
    _done(assessment)
    assessment.data_version += 1
    assessment.save(update_fields=["data_version"])
    html = client_for(manager_a).get(_page(assessment) + "?language=en").content.decode()
    assert "Your report is ready." not in html
    assert "Download report" in html


def test_download_is_logged(assessment, viewer_a, client_for):
    report = _done(assessment)
    client_for(viewer_a).get(_download(report))
    log = ActivityLog.objects.get()
    assert (log.organisation, log.actor, log.verb, log.object_repr) == (
        assessment.organisation,
        viewer_a,
        "report_downloaded",
        "Scan Spring 2026 (EN)",
    )


def test_download_of_an_unfinished_or_foreign_report_is_404(assessment, org_b, model_version, manager_a, client_for):
    pending = Report.objects.create(assessment=assessment, language="en", data_version=assessment.data_version)
    other = factories.make_assessment(organisation=org_b, model_version=model_version)
    foreign = _done(other)
    client = client_for(manager_a)
    assert client.get(_download(pending)).status_code == 404
    # The other organisation's report through this assessment's URL.
    url = reverse(
        "assessment_report_download", kwargs={"assessment": assessment.public_id, "report": foreign.public_id}
    )
    assert client.get(url).status_code == 404
    assert ActivityLog.objects.count() == 0


# session, user, assessment (with organisation and model), membership, navigation organisations, report
PAGE_QUERIES = 6


@pytest.mark.parametrize("reports", [1, 30])
def test_report_page_query_count_is_constant(reports, assessment, manager_a, client_for, django_assert_num_queries):
    client = client_for(manager_a)
    _done(assessment, "en")
    for version in range(1, reports):
        Report.objects.create(assessment=assessment, language="nl", data_version=assessment.data_version + version)
    client.get(_page(assessment) + "?language=en")  # the first visit also remembers the organisation
    with django_assert_num_queries(PAGE_QUERIES) as captured:
        assert client.get(_page(assessment) + "?language=en").status_code == 200
    # The PDF bytes are never loaded for the page.
    assert not any('"assessments_report"."content"' in q["sql"] for q in captured.captured_queries)
