"""URL patterns for organisations, teams, roles and people; included by assessments.urls."""

from django.urls import path

from assessments.views import organisations

urlpatterns = [
    path("o/", organisations.organisation_list, name="organisation_list"),
    path("o/<uuid:org>/", organisations.organisation_detail, name="organisation_detail"),
]
