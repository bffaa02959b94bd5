"""API fixtures: personal tokens and test clients that send them."""

import pytest
from django.test import Client

from assessments.api.services import create_token


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    from django.core.cache import cache

    cache.clear()


def api_client(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def token_for():
    """token_for(user, scope="write", organisation=None) -> (ApiToken, a client sending it)."""

    def make(user, scope="write", organisation=None, name="Test token"):
        token, secret = create_token(user=user, name=name, scope=scope, organisation=organisation)
        return token, api_client(secret)

    return make
