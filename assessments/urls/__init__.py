"""All URL patterns of the assessments app, one module per area."""

from django.urls import path

from assessments.urls import manage, organisations, privacy, reports, respond, results
from assessments.views import core

urlpatterns = [
    path("", core.home, name="home"),
    path("health/", core.health, name="health"),
    *organisations.urlpatterns,
    *manage.urlpatterns,
    *respond.urlpatterns,
    *results.urlpatterns,
    *reports.urlpatterns,
    *privacy.urlpatterns,
]
