"""Who may call: a token (never a session), and only a write token for writes; managers for managing."""

from typing import TYPE_CHECKING

from rest_framework import permissions

from assessments.api.models import ApiToken

if TYPE_CHECKING:  # rest_framework.views imports the permission and throttle classes named in the settings
    from rest_framework.request import Request
    from rest_framework.views import APIView


class TokenScopePermission(permissions.BasePermission):
    message = "This token may only read."

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        if not isinstance(request.auth, ApiToken):
            return False
        return request.method in permissions.SAFE_METHODS or request.auth.can_write
