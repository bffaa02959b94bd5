"""Benchmarks: shown only from five qualifying peers, with percentiles and quartiles computed by hand."""

import pytest

from assessments.benchmarks.selectors import MIN_ORGANISATIONS, benchmark_for, place
from tests.benchmarks.helpers import closed_org, result_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(model_version):
    organisation, assessment = closed_org(model_version=model_version, value=4, name="Own", sector="Retail")
    return assessment


def test_four_peers_show_nothing(own, model_version):
    for value in (1, 2, 3, 5):
        closed_org(model_version=model_version, value=value)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert MIN_ORGANISATIONS == 5
    assert benchmark.shown is False
    assert benchmark.reason == "too_few"
    assert benchmark.factors == ()


def test_five_peers_show_percentiles_matching_a_hand_computation(own, model_version):
    # Peer scores per factor: 0, 25, 50, 75, 100. Own score: 75.
    for value in (1, 2, 3, 4, 5):
        closed_org(model_version=model_version, value=value)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.shown is True
    assert benchmark.organisations == 5
    assert [f.code for f in benchmark.factors] == ["f1", "f2", "f3"]
    f1 = benchmark.factors[0]
    assert f1.own == 75.0
    # Below: 0, 25, 50 (3); tied: 75 (counts half) -> (3 + 0.5) / 5 = 70%.
    assert f1.percentile == 70.0
    # Inclusive quartiles of 0, 25, 50, 75, 100: positions 1, 2, 3 of 0..4.
    assert (f1.q1, f1.median, f1.q3) == (25.0, 50.0, 75.0)
    assert f1.organisations == 5


def test_an_organisation_below_its_thresholds_is_left_out(own, model_version):
    for value in (1, 2, 3, 5):
        closed_org(model_version=model_version, value=value)
    closed_org(model_version=model_version, value=5, respondents=4)  # 4 respondents < threshold 5
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"
    closed_org(model_version=model_version, value=5, respondents=3, threshold=3)  # meets its own threshold 3
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.shown is True
    assert benchmark.factors[0].organisations == 5


def test_organisations_not_opted_in_or_leaving_are_left_out(own, model_version, manager_a):
    from assessments.benchmarks.services import set_benchmark_opt_in

    peers = [closed_org(model_version=model_version, value=v)[0] for v in (1, 2, 3, 4, 5)]
    assert benchmark_for(assessment=own, result=result_of(own)).shown is True
    set_benchmark_opt_in(organisation=peers[0], actor=manager_a, opt_in=False)
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"


def test_only_the_latest_closed_assessment_counts(own, model_version):
    from tests import factories

    organisations = [closed_org(model_version=model_version, value=v)[0] for v in (1, 2, 3, 4, 5)]
    # A newer round of the first peer that scores 100 replaces its 0.
    team = organisations[0].teams.get()
    from django.utils import timezone

    newer = factories.make_assessment(
        organisation=organisations[0],
        model_version=model_version,
        teams=[team],
        status="closed",
        closed_at=timezone.now() + timezone.timedelta(days=1),
    )
    from tests.benchmarks.helpers import uniform_answers

    factories.make_responses(assessment=newer, answers=uniform_answers(model_version, 5, 5), team=team)
    f1 = benchmark_for(assessment=own, result=result_of(own)).factors[0]
    assert (f1.q1, f1.median, f1.q3) == (50.0, 75.0, 100.0)


def test_sector_and_size_groups(own, model_version):
    for value in (1, 2, 3, 4):
        closed_org(model_version=model_version, value=value, sector="Retail")
    closed_org(model_version=model_version, value=5, sector="Health")
    assert benchmark_for(assessment=own, result=result_of(own), group="all").shown is True
    assert benchmark_for(assessment=own, result=result_of(own), group="sector").reason == "too_few"
    assert benchmark_for(assessment=own, result=result_of(own), group="size").reason == "no_group"


def test_own_organisation_must_opt_in_and_be_closed(own, model_version):
    for value in (1, 2, 3, 4, 5):
        closed_org(model_version=model_version, value=value)
    own.organisation.benchmark_opt_in = False
    own.organisation.save()
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "not_opted_in"
    own.organisation.benchmark_opt_in = True
    own.organisation.save()
    own.status = "open"
    own.save()
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "not_closed"


def test_place_ties_and_unknown_own_score():
    assert place(50.0, [50.0, 50.0, 50.0, 50.0, 50.0])["percentile"] == 50.0
    assert place(None, [0.0, 10.0, 20.0, 30.0, 40.0]) == {"percentile": None, "q1": 10.0, "median": 20.0, "q3": 30.0}


@pytest.mark.parametrize("peers", [1, 6])
def test_peer_scores_take_the_same_queries_whatever_the_number_of_peers(
    peers, model_version, django_assert_num_queries
):
    from assessments.benchmarks.selectors import peer_scores

    for value in range(peers):
        closed_org(model_version=model_version, value=1 + value % 5)
    # The fingerprint, the latest closed assessments (with their organisations), then scoring's organisation
    # scores: scales, factors, statements, responses and the stored sums (no audiences: no roles query).
    with django_assert_num_queries(7):
        rows = peer_scores(model_version_id=model_version.pk)
    assert len(rows) == 3 * peers
