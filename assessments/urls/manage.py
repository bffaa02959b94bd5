"""URL patterns for manage; included by assessments.urls."""

urlpatterns = []
