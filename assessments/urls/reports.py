"""URL patterns for reports; included by assessments.urls."""

from django.urls import path

from assessments.views import reports

urlpatterns = [
    path("a/<uuid:assessment>/report/", reports.assessment_report, name="assessment_report"),
    path("a/<uuid:assessment>/report/status/", reports.assessment_report_status, name="assessment_report_status"),
    path(
        "a/<uuid:assessment>/report/<uuid:report>/download/",
        reports.assessment_report_download,
        name="assessment_report_download",
    ),
]
