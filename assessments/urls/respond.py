"""URL patterns for respond; included by assessments.urls."""

urlpatterns = []
