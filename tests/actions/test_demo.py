"""The demo shows the whole loop: three rounds, an action plan partly done, a trend with actions marked."""

import io

import pytest
from django.core.management import call_command

from assessments.actions.models import PlanAction
from assessments.actions.selectors.trend import organisation_trend
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_has_three_rounds_and_a_plan_partly_done():
    factories.make_model_version(code="nineplus", factors=7, statements=5)
    factories.make_model_version(code="nineplus", factors=7, statements=5)  # v2 beside v1
    for _ in range(2):
        call_command("seed_demo", "--respondents", "30", stdout=io.StringIO())
    organisation = Organisation.objects.get(name="Zorggroep Horizon")
    titles = [a.title for a in Assessment.objects.filter(organisation=organisation).order_by("opens_at")]
    assert titles == ["CX-scan najaar 2025", "CX-scan voorjaar 2026", "CX-scan najaar 2026"]
    spring = Assessment.objects.get(title="CX-scan voorjaar 2026")
    assert spring.previous.title == "CX-scan najaar 2025"
    statuses = sorted(PlanAction.objects.filter(organisation=organisation).values_list("status", flat=True))
    assert statuses.count("done") == 3
    assert "in_progress" in statuses
    assert "planned" in statuses
    trend = organisation_trend(organisation=organisation, language="nl")
    # The open autumn round has no answers yet: it adds no empty column to the trend.
    assert [r.assessment.title for r in trend["rounds"]] == ["CX-scan najaar 2025", "CX-scan voorjaar 2026"]
    assert [len(r.completed_actions) for r in trend["rounds"]] == [0, 3]
    assert trend["has_trend"] is True
