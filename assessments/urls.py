"""All URL patterns of the assessments app, one module per domain."""

from django.urls import path

from assessments.actions import urls as actions
from assessments.api import urls as api
from assessments.benchmarks import urls as benchmarks
from assessments.comments import urls as comments
from assessments.core import views as core
from assessments.journeys import urls as journeys
from assessments.organisations import urls as organisations
from assessments.outside_in import urls as outside_in
from assessments.privacy import urls as privacy
from assessments.pulse import urls as pulse
from assessments.questionnaire import urls as questionnaire
from assessments.results import urls as results

urlpatterns = [
    path("health/", core.health, name="health"),
    *organisations.urlpatterns,
    *outside_in.urlpatterns,
    *actions.respondent_urlpatterns,
    *actions.board_urlpatterns,
    *questionnaire.urlpatterns,
    *results.urlpatterns,
    *comments.urlpatterns,
    *privacy.urlpatterns,
    *actions.urlpatterns,
    *api.urlpatterns,
    *benchmarks.urlpatterns,
    *journeys.urlpatterns,
    *pulse.urlpatterns,
]
