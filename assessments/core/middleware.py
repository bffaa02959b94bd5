"""Turns a lost database connection into a clear 503 instead of a 500 page.

During a database restart or failover, requests fail with OperationalError or
InterfaceError. The respondent's script retries on 503 (with Retry-After) and
keeps the answers it could not send; a person sees a short "try again in a
moment" page. The status says honestly that the request did not complete.
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("cxmaturity.availability")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        "application/json" in accept
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or request.content_type == "application/json"
    )


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    message = _("The service is briefly unavailable, so this request was not completed. Please try again in a moment.")
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"ok": False, "error": "unavailable", "message": message}, status=503)
    else:
        # Rendered without a request context: context processors would query the database again.
        html = render_to_string("errors/unavailable.html", {"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response(request)
