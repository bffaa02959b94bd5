import pytest
from django.core.cache import cache


@pytest.fixture
def limits_on(settings):
    """Rate limits and lockout as in production, with a clean slate."""
    settings.RATELIMIT_ENABLE = True
    settings.AXES_ENABLED = True
    # Same counts as production, but per hour: a minute window could roll over mid-test.
    settings.CXM_RATE_SIGN_IN = "10/h"
    settings.CXM_RATE_TOKEN_FAILURES = "30/h"
    settings.CXM_RATE_PDF = "10/h"
    cache.clear()
    yield settings
    cache.clear()
