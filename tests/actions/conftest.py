import os

import pytest

from assessments.actions.services import plan as services

# Playwright's sync API runs an event loop; Django's ORM must be allowed beside it in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SIZES = {("sales", "board"): 6, ("sales", "front"): 6, ("service", "front"): 6, ("north", "front"): 6}


@pytest.fixture
def closed_scan(make_scan):
    return make_scan(sizes=SIZES, seed=3, status="closed")


@pytest.fixture
def make_actions(manager_a):
    def make(*, assessment, count, **data):
        return [
            services.create_action(
                organisation=assessment.organisation,
                assessment=assessment,
                actor=manager_a,
                data={"title": f"Action {i}", "factor_code": "f1", **data},
            )
            for i in range(count)
        ]

    return make
