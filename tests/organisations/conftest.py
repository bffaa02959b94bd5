import os

import pytest

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def team_a(org_a):
    return factories.make_team(organisation=org_a, name="Klantenservice")


@pytest.fixture
def role_a(org_a):
    return factories.make_role(organisation=org_a, name="Front office")
