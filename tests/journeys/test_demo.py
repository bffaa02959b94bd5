"""The demo's two journeys tell a story: the intake misses the basics, the first care visit is a 9+ moment."""

import pytest
from django.core.management import call_command

from assessments.journeys import figures as mf
from assessments.journeys.models import Journey, MomentLink
from assessments.journeys.selectors import journey_view
from tests import factories
from tests.outside_in.conftest import add_customer_questions

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_two_journeys_once_with_a_story():
    add_customer_questions(factories.make_model_version(code="nineplus", factors=7, statements=5))
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    journeys = {j.name_en: j for j in Journey.objects.all()}
    assert set(journeys) == {"Start of home care", "Invoices and questions"}
    assert MomentLink.objects.count() == 7  # five in the spring scan, two in the earlier round (demo/measures.py)
    assert MomentLink.objects.filter(link__customer_check__assessment__title="CX-scan voorjaar 2026").count() == 5
    start = journeys["Start of home care"]
    assessment = MomentLink.objects.first().link.customer_check.assessment
    rows = {r.moment.name_en: r for r in journey_view(journey=start, assessment=assessment).rows}
    assert list(rows) == ["First call", "Intake visit", "First care visit"]
    assert all(r.customers.shown for r in rows.values())
    assert rows["Intake visit"].customers.verdict == mf.BASICS_MISSED
    assert rows["First care visit"].moment.target == "nine_plus"
    assert rows["First care visit"].customers.verdict == mf.ON_TARGET
    assert rows["First call"].customers.verdict == mf.ON_TARGET
    assert rows["Intake visit"].customers.open_answers  # the customers say why
    assert rows["Intake visit"].team.team_name == "Thuiszorg Zuid"
