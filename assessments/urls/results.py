"""URL patterns for results: dashboard, exports and the method page; included by assessments.urls."""

from django.urls import path

from assessments.views import results

urlpatterns = [
    path("a/<uuid:assessment>/results/", results.assessment_dashboard, name="assessment_dashboard"),
    path(
        "a/<uuid:assessment>/results/export/<slug:kind>.<slug:fmt>",
        results.assessment_export,
        name="assessment_export",
    ),
    path("how-we-score/", results.how_we_score, name="how_we_score"),
]
