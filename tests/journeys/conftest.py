"""An organisation with a per-factor (layered) model round, a customer check, and a journey of three moments."""

import pytest

from assessments.journeys import services
from assessments.journeys.models import MomentLink
from assessments.outside_in.models import CustomerCheck
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link  # noqa: F401 (re-exported helpers)


@pytest.fixture
def layered_version(db):
    return factories.make_model_version(code="layered", per_factor=True)


@pytest.fixture
def desk(org_a):
    return factories.make_team(organisation=org_a, name="Desk")


@pytest.fixture
def billing(org_a):
    return factories.make_team(organisation=org_a, name="Billing")


@pytest.fixture
def round_with_check(org_a, layered_version, desk, billing):
    assessment = factories.make_assessment(
        organisation=org_a, model_version=layered_version, teams=[desk, billing], title="Spring round"
    )
    CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    return assessment


@pytest.fixture
def journey(org_a, manager_a, desk, billing):
    journey = services.create_journey(
        organisation=org_a,
        actor=manager_a,
        name_en="New client",
        name_nl="Nieuwe klant",
        description_en="",
        description_nl="",
    )
    for name_en, name_nl, team, target in (
        ("Intake", "Intake", desk, "basics"),
        ("First appointment", "Eerste afspraak", desk, "nine_plus"),
        ("Invoice", "Factuur", billing, "basics"),
    ):
        services.create_moment(
            journey=journey, actor=manager_a, name_en=name_en, name_nl=name_nl, team=team, target=target
        )
    return journey


def tie(moment, check, label, grades, **extra):
    """A customer link of `check` tied to `moment`, with one counted response per grade."""
    link = make_link(check, label=label)
    MomentLink.objects.create(moment=moment, link=link)
    add_customer_responses(link, grades, **extra)
    return link


@pytest.fixture
def token_for():
    """token_for(user) -> (ApiToken, a client sending it), as in tests/api."""
    from django.core.cache import cache

    from tests.api.conftest import api_client

    cache.clear()

    def make(user, scope="read", organisation=None):
        from assessments.api.services import create_token

        token, secret = create_token(user=user, name="Test token", scope=scope, organisation=organisation)
        return token, api_client(secret)

    return make


@pytest.fixture
def two_waves(org_a, layered_version, desk, billing):
    """Two rounds with a customer check (minimum 10), autumn before spring by their dates: two waves."""
    import datetime

    from django.utils import timezone

    waves = []
    for title, month in (("Autumn round", 10), ("Spring round", 4)):
        year = 2025 if month == 10 else 2026
        assessment = factories.make_assessment(
            organisation=org_a,
            model_version=layered_version,
            teams=[desk, billing],
            title=title,
            opens_at=timezone.make_aware(datetime.datetime(year, month, 1, 9)),
        )
        CustomerCheck.objects.create(assessment=assessment, min_responses=10)
        waves.append(assessment)
    return waves


@pytest.fixture
def plan_action(org_a, manager_a, two_waves):
    from assessments.actions.services.plan import create_action

    return create_action(
        organisation=org_a,
        assessment=two_waves[0],
        actor=manager_a,
        data={"title": "Call every new client within a day", "factor_code": "f1"},
    )
