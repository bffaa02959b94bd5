import os

import pytest

from tests import factories

# Playwright's sync API runs an event loop; Django's ORM must be allowed beside it in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def structure(org_a):
    """Two top-level teams (one with a sub-team) and a management and a staff role."""
    sales = factories.make_team(organisation=org_a, name="Sales")
    service = factories.make_team(organisation=org_a, name="Service")
    service_north = factories.make_team(organisation=org_a, name="Service North", parent=service)
    board = factories.make_role(organisation=org_a, name="Board", is_management=True, order=1)
    front = factories.make_role(organisation=org_a, name="Front office", order=2)
    return {"sales": sales, "service": service, "north": service_north, "board": board, "front": front}


@pytest.fixture
def make_scan(org_a, model_version, structure):
    """make_scan(sizes={(team, role): count}, **extra) -> an assessment with random answers per cell."""

    def make(*, sizes, seed=0, **extra):
        assessment = factories.make_assessment(
            organisation=org_a,
            model_version=model_version,
            teams=[structure["sales"], structure["service"], structure["north"]],
            roles=[structure["board"], structure["front"]],
            **extra,
        )
        for i, ((team, role), count) in enumerate(sizes.items()):
            if count:
                factories.make_random_responses(
                    assessment=assessment,
                    count=count,
                    team=structure[team] if team else None,
                    role=structure[role] if role else None,
                    seed=seed + i,
                )
        return assessment

    return make
