"""URL patterns for personal data (GDPR) pages; included by assessments.urls."""

from django.urls import path

from assessments.privacy import views as privacy

urlpatterns = [
    path("o/<uuid:org>/privacy/", privacy.person_data, name="person_data"),
    path("o/<uuid:org>/privacy/export/", privacy.export_person, name="person_data_export"),
    path("o/<uuid:org>/privacy/erase/", privacy.erase_person, name="person_data_erase"),
]
