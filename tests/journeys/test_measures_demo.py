"""The demo organisation's actions judged by customers across two waves (the earlier round and the spring
scan): the 9+ share at the first care visit moved beyond the margin, the 7+ share at the intake stayed within
it, and a share the organisation counts itself; made through the services, and only once."""

import pytest
from django.core.management import call_command

from assessments.journeys.measures import figures as mf
from assessments.journeys.measures.selectors import measure_rows
from assessments.journeys.models import MeasureRecord, MomentMeasure
from tests import factories
from tests.outside_in.conftest import add_customer_questions

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_customer_measures_across_two_waves_once():
    add_customer_questions(factories.make_model_version(code="nineplus", factors=7, statements=5))
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    assert MomentMeasure.objects.count() == 3
    assert MeasureRecord.objects.count() == 2
    organisation = MomentMeasure.objects.first().action.organisation
    rows = {
        row.measure.moment.name_en + " " + row.measure.metric: row for row in measure_rows(organisation=organisation)
    }
    assert set(rows) == {"First care visit nine_plus", "Intake visit basics", "Intake visit recorded"}
    for row in rows.values():
        assert [c.assessment.title for c in row.waves] == ["CX-scan najaar 2025", "CX-scan voorjaar 2026"]
        assert all(c.figure.state == mf.SHOWN for c in row.waves)
    moved = rows["First care visit nine_plus"]
    assert moved.action.status == "done"
    assert moved.change.verdict == mf.IMPROVED
    assert moved.change.change > moved.change.margin
    stayed = rows["Intake visit basics"]
    assert stayed.action.status == "done"
    assert stayed.change.verdict == mf.WITHIN_MARGIN
    assert rows["Intake visit recorded"].change.verdict == mf.IMPROVED
