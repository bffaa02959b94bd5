"""One JSON error shape for every API error:

    {"error": {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}}

`fields` maps a field name to its messages for validation errors and is empty otherwise. The domains'
own errors (a lifecycle step not allowed now, invitations that cannot change) become 409 Conflict.
"""

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from assessments.questionnaire.services.assessments import LifecycleError
from assessments.questionnaire.services.invitations import InvitationError

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _domain_exception(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, LifecycleError | InvitationError):
        return Conflict(str(exc))
    return exc


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(value) if isinstance(value, dict | list) else str(value) for value in detail]
    return str(detail)


def error_body(*, status_code: int, code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"status": status_code, "code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    exc = _domain_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        # An unexpected error: logged with its traceback, answered in the same shape without details.
        logger.exception("API error", exc_info=exc)
        body = error_body(status_code=500, code="server_error", message=_("Something went wrong on our side."))
        return Response(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(detail if isinstance(detail, dict) else {"non_field_errors": detail})
        message, code = _("The request has invalid fields."), "invalid"
    else:
        fields = {}
        message = str(detail) if detail is not None else str(exc)
        code = getattr(detail, "code", None) or ("not_found" if isinstance(exc, Http404) else "error")
    response.data = error_body(status_code=response.status_code, code=code, message=message, fields=fields)
    return response
