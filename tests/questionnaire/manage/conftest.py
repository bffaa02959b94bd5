import os

import pytest

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def teams_a(org_a):
    return [
        factories.make_team(organisation=org_a, name="Klantenservice"),
        factories.make_team(organisation=org_a, name="Thuiszorg"),
    ]


@pytest.fixture
def roles_a(org_a):
    return [
        factories.make_role(organisation=org_a, name="Management", is_management=True, order=1),
        factories.make_role(organisation=org_a, name="Front office", order=2),
    ]


@pytest.fixture
def draft(org_a, model_version, teams_a, roles_a):
    return factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=teams_a, roles=roles_a, status="draft", title="Scan A"
    )


@pytest.fixture
def opened(org_a, model_version, teams_a, roles_a):
    return factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=teams_a, roles=roles_a, status="open", title="Open A"
    )


def form_data(*, model_version, teams, roles=(), **overrides):
    data = {
        "title": "CX scan spring",
        "model_version": str(model_version.pk),
        "teams": [str(t.pk) for t in teams],
        "roles": [str(r.pk) for r in roles],
        "languages": ["nl", "en"],
        "opens_on": "2030-03-01",
        "closes_on": "2030-03-31",
        "ask_ambition": "on",
        "threshold_scores": "5",
        "threshold_comments": "6",
        "threshold_spread": "7",
        "intro_text": "Thanks for helping.",
        "previous": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
