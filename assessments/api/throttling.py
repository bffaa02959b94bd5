"""Every call counts against its token's budget: CXM_API_RATE (default 120 a minute), read at each call."""

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from assessments.api.models import ApiToken

if TYPE_CHECKING:  # rest_framework.views imports the permission and throttle classes named in the settings
    from rest_framework.request import Request
    from rest_framework.views import APIView

DEFAULT_RATE = "120/min"


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        rate: str = getattr(settings, "CXM_API_RATE", DEFAULT_RATE)
        return rate

    def get_cache_key(self, request: "Request", view: "APIView") -> str:
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
