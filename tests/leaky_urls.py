"""The project's URLs plus one page without any access check (used by tests/url_access only)."""

from django.http import HttpResponse
from django.urls import path

from cxmaturity.urls import urlpatterns as project_urlpatterns


def leaky(request, org):
    return HttpResponse(f"organisation {org}")


urlpatterns = [*project_urlpatterns, path("o/<uuid:org>/leaky/", leaky)]
