"""URL patterns of results: dashboard, exports, the method page and PDF reports."""

from django.urls import path

from assessments.results.views import dashboard, reports, statements

urlpatterns = [
    path("a/<uuid:assessment>/results/", dashboard.assessment_dashboard, name="assessment_dashboard"),
    path(
        "a/<uuid:assessment>/results/export/<slug:kind>.<slug:fmt>",
        dashboard.assessment_export,
        name="assessment_export",
    ),
    path(
        "a/<uuid:assessment>/results/factor/<slug:factor>/",
        statements.factor_drilldown,
        name="factor_drilldown",
    ),
    path("how-we-score/", dashboard.how_we_score, name="how_we_score"),
    path("a/<uuid:assessment>/report/", reports.assessment_report, name="assessment_report"),
    path("a/<uuid:assessment>/report/status/", reports.assessment_report_status, name="assessment_report_status"),
    path(
        "a/<uuid:assessment>/report/<uuid:report>/download/",
        reports.assessment_report_download,
        name="assessment_report_download",
    ),
]
