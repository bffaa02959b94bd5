"""URL patterns for results; included by assessments.urls."""

urlpatterns = []
