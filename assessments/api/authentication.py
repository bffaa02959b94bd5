"""`Authorization: Bearer <token>`: a personal API token acts as its member, within the token's scope."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from assessments.api.selectors import active_token
from assessments.core.tokens import is_well_formed


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as “Authorization: Bearer <token>”."))
        raw = header[1].decode(errors="replace")
        token = active_token(raw=raw) if is_well_formed(raw) else None
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or has been revoked."))
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Describes the token in the OpenAPI schema as HTTP bearer authentication."""

    target_class = TokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (settings, API tokens)."}
