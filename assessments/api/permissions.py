"""Who may call: a token (never a session), and only a write token for writes; managers for managing."""

from rest_framework import permissions

from assessments.api.models import ApiToken


class TokenScopePermission(permissions.BasePermission):
    message = "This token may only read."

    def has_permission(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return False
        return request.method in permissions.SAFE_METHODS or request.auth.can_write
