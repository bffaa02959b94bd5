"""URL patterns for reports; included by assessments.urls."""

urlpatterns = []
