"""On the demo (the real 9+ model 2.1): the portfolio shows every organisation's dashboard level and layers,
and the demo's story, "the basics are in order but wow moments are chance", shows in its numbers."""

import io

import pytest
from django.core.management import call_command

from assessments.benchmarks.portfolio import portfolio_rows
from assessments.demo.benchmark import PEERS
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from assessments.scoring.groups import ORGANISATION
from assessments.scoring.rounding import display_text
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", stdout=io.StringIO())
    call_command("seed_demo", "--respondents", "30", stdout=io.StringIO())
    return Assessment.objects.get(title="CX-scan voorjaar 2026")


def test_the_demo_story_shows_in_the_numbers(demo):
    """Basics clearly ahead of the 9+ moments, overall and in every factor: the demo's 9+ layer is at least
    15 points below its basics, and no factor's 9+ layer reaches its basics."""
    result = score_assessment(assessment=demo)
    lenses = result.lenses_for(ORGANISATION)
    assert lenses.basis.score - lenses.nine_plus.score >= 15
    for factor in lenses.factors:
        assert factor.nine_plus.score < factor.basis.score, factor.factor_code
    # Not the 9+ phase: neither the 9+ layer nor the customers (a quarter give a 9 or 10) carry it there.
    assert result.customers_nine_plus is not None
    assert result.customers_nine_plus < 50
    assert result.level_code != result.levels[-1].code


def test_the_portfolio_shows_each_demo_organisations_dashboard(demo):
    consultant = factories.make_user(email="portfolio.demo@example.org")
    for organisation in Organisation.objects.all():
        factories.add_member(user=consultant, organisation=organisation, role="consultant")
    rows = [r for r in portfolio_rows(user=consultant) if r.status == "closed"]
    assert len(rows) == len(PEERS)  # the benchmark peers (the demo organisation's latest round is still open)
    for row in rows:
        result = score_assessment(assessment=row.assessment)
        lenses = result.lenses_for(ORGANISATION)
        assert (row.index, row.level.code if row.level else None) == (result.index, result.level_code)
        assert row.basics_split == f"{display_text(lenses.basis.score)} / {display_text(lenses.nine_plus.score)}"
