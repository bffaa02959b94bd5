"""After the demo seed, the demo organisation's closed scan has a benchmark; the peers are marked as demo."""

import pytest
from django.core.management import call_command

from assessments.benchmarks.selectors import benchmark_for
from assessments.demo.benchmark import CLIENTS, PEERS, PREFIX
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from tests import factories

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_the_benchmark_show(capsys):
    factories.make_model_version(code="nineplus", factors=7, statements=5)
    call_command("seed_demo", "--respondents", "20")
    call_command("seed_demo", "--respondents", "20")  # idempotent
    peers = Organisation.objects.filter(name__startswith=PREFIX)
    assert peers.count() == len(PEERS)
    assert all(o.benchmark_opt_in for o in peers)
    consultant = "consultant@demo.cxmaturity.nl"
    assert peers.filter(memberships__user__email=consultant).count() == 3
    assert peers.filter(memberships__isnull=False).distinct().count() == 3
    # The latest closed round (the action-plan demo adds an earlier one).
    closed = Assessment.objects.filter(organisation__name="Zorggroep Horizon", status="closed").latest("opens_at")
    benchmark = benchmark_for(assessment=closed, result=score_assessment(assessment=closed))
    assert benchmark.shown is True
    # The demo consultant advises Zorggroep Horizon and the first CLIENTS peers: one owner group, so those
    # peers are never Horizon's peers (benchmarks/owners.py).
    assert benchmark.organisations == len(PEERS) - CLIENTS
    sector = benchmark_for(assessment=closed, result=score_assessment(assessment=closed), group="sector")
    assert sector.shown is True
    assert sector.organisations == 7  # the healthcare peers that are not the consultant's clients
