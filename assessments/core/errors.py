"""Error views: a clear page and the right status, never a stack trace."""

import sys

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from assessments.core.middleware import DATABASE_ERRORS, database_unavailable_response


def ratelimited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {
            "title": _("Too many requests"),
            "message": _("You have made too many requests in a short time. Please wait a minute and try again."),
        },
        status=429,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler; a database outage anywhere in the stack becomes a 503 with Retry-After."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable_response(request)
    return defaults.server_error(request)
