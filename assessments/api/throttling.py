"""Every call counts against its token's budget: CXM_API_RATE (default 120 a minute), read at each call."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from assessments.api.models import ApiToken

DEFAULT_RATE = "120/min"


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self):
        return getattr(settings, "CXM_API_RATE", DEFAULT_RATE)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
