"""The demo data includes a customer check with enough responses and an imported period."""

import pytest
from django.core.management import call_command

from assessments.outside_in.models import CustomerCheck, CustomerResponse, ImportedFigures, InternalEstimate
from assessments.outside_in.selectors import outside_in_summary
from tests import factories
from tests.outside_in.conftest import add_customer_questions

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_customer_check_once():
    add_customer_questions(factories.make_model_version(code="nineplus", factors=7, statements=5))
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    # The spring scan's check; the earlier round has one of its own for two moments (journeys' measures).
    check = CustomerCheck.objects.get(assessment__title="CX-scan voorjaar 2026")
    assert CustomerCheck.objects.count() == 2
    assert CustomerResponse.objects.filter(link__moment_link__isnull=True).count() == 84  # the rest: moments
    assert ImportedFigures.objects.count() == 1
    summary = outside_in_summary(assessment=check.assessment, check=check)
    assert summary.overall.shown
    assert all(link.shown for link in summary.links)
    assert summary.imported[0].shown
    assert summary.imported[0].imported
    assert InternalEstimate.objects.exists()
    organisation = next(g for g in summary.estimates if g.kind == "organisation")
    assert organisation.shown
    assert organisation.grade_gap > 0
