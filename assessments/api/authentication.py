"""`Authorization: Bearer <token>`: a personal API token acts as its member, within the token's scope."""

from typing import Any

from django.contrib.auth.models import User
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from assessments.api.models import ApiToken
from assessments.api.selectors import active_token
from assessments.core.tokens import is_well_formed


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as “Authorization: Bearer <token>”."))
        raw = header[1].decode(errors="replace")
        token = active_token(raw=raw) if is_well_formed(raw) else None
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or has been revoked."))
        if token.expired(now=timezone.now()):
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s. Create a new one on the API tokens page of your account.")
                % {"date": formats.date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")}
            )
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # drf-spectacular's __init_subclass__ has no type hints
    """Describes the token in the OpenAPI schema as HTTP bearer authentication."""

    target_class = TokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (settings, API tokens)."}
