"""All URL patterns of the assessments app, one module per domain."""

from django.urls import path

from assessments.api import urls as api
from assessments.benchmarks import urls as benchmarks
from assessments.core import views as core
from assessments.organisations import urls as organisations
from assessments.privacy import urls as privacy
from assessments.questionnaire import urls as questionnaire
from assessments.results import urls as results

urlpatterns = [
    path("health/", core.health, name="health"),
    *organisations.urlpatterns,
    *questionnaire.urlpatterns,
    *results.urlpatterns,
    *privacy.urlpatterns,
    *api.urlpatterns,
    *benchmarks.urlpatterns,
]
