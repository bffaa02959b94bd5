"""Benchmarks: peers counted by independent owner, figures published in stable steps, computed by hand.

Peer scores come from closed_org: every answer `value` scores (value - 1) * 25; mixed answers give the mean.
"""

import pytest

from assessments.benchmarks import guard
from assessments.benchmarks.selectors import MIN_ORGANISATIONS, benchmark_for
from tests import factories
from tests.benchmarks.helpers import closed_org, result_of

pytestmark = pytest.mark.django_db

# Five respondents answering 3,3,3,3,4 score 55 (mean 3.2 on 1..5); these are the peers' scores.
CLUSTER = {50: [3] * 5, 55: [3, 3, 3, 3, 4], 60: [3, 3, 3, 4, 4], 45: [2, 3, 3, 3, 3], 40: [2, 2, 3, 3, 3]}


def _peer(model_version, score, **kwargs):
    return closed_org(model_version=model_version, value=None, answers=CLUSTER[score], **kwargs)[0]


@pytest.fixture
def own(model_version):
    organisation, assessment = closed_org(model_version=model_version, value=4, name="Own", sector="Retail")
    return assessment


def _figures(benchmark):
    return [(f.q1, f.median, f.q3) for f in benchmark.factors]


def test_four_peers_show_nothing(own, model_version):
    for value in (1, 2, 3, 5):
        closed_org(model_version=model_version, value=value)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert MIN_ORGANISATIONS == guard.MIN_OWNERS_MEDIAN == 5
    assert benchmark.shown is False
    assert benchmark.reason == "too_few"
    assert benchmark.factors == ()


def test_five_spread_out_peers_are_withheld_because_one_could_move_the_median(own, model_version):
    # Peers 0, 25, 50, 75, 100: the median is 50, but one peer changing to 0 makes it 25 and to 100 makes
    # it 75 (the old rule showed 50 and let a switch in and out read the neighbours).
    for value in (1, 2, 3, 4, 5):
        closed_org(model_version=model_version, value=value)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert (benchmark.shown, benchmark.reason) == (False, "withheld")


def test_five_close_peers_show_a_stable_median_and_no_quartiles(own, model_version):
    for score in (45, 50, 50, 50, 55):
        _peer(model_version, score)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.shown is True
    assert benchmark.organisations == 5
    f1 = benchmark.factors[0]
    assert f1.own == 75.0
    # Highest replaced by 0: 0,45,50,50,50 -> 50; lowest replaced by 100: 50,50,50,55,100 -> 50. One step.
    assert (f1.q1, f1.median, f1.q3) == (None, 50, None)  # quartiles need 10 independent owners
    assert f1.position == "above_median"


def test_ten_close_peers_show_quartiles(own, model_version):
    for score in (40, 45, 50, 50, 50, 50, 50, 50, 55, 60):
        _peer(model_version, score)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.organisations == 10 == guard.MIN_OWNERS_QUARTILES
    # q1 sits at position 2.25 of 0..9. With the highest replaced by 0 (0,40,45,50,...) it is 46.25, in the
    # step of 45; with the lowest replaced by 100 (45,50,50,...) it is 50: two steps, so it is withheld.
    assert _figures(benchmark)[0] == (None, 50, None)
    assert benchmark.factors[0].position == "above_median"


def test_ten_peers_in_one_step_show_all_three_and_the_position(own, model_version):
    for score in (45, 50, 50, 50, 50, 50, 50, 50, 50, 55):
        _peer(model_version, score)
    f1 = benchmark_for(assessment=own, result=result_of(own)).factors[0]
    assert (f1.q1, f1.median, f1.q3) == (50, 50, 50)
    assert f1.position == "above_q3"  # 75 >= 50


def test_organisations_sharing_a_consultant_count_once(own, model_version):
    consultant = factories.make_user(email="c@example.org")
    peers = [_peer(model_version, 50) for _ in range(5)]
    assert benchmark_for(assessment=own, result=result_of(own)).organisations == 5
    for peer in peers[:2]:
        factories.add_member(user=consultant, organisation=peer, role="consultant")
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"  # four owners


def test_the_creator_links_organisations_after_leaving_them(own, model_version):
    creator = factories.make_user(email="maker@example.org")
    made = [_peer(model_version, 50, creator=creator) for _ in range(2)]
    for peer in made:
        peer.memberships.all().delete()  # gone as a member, still its creator in the activity log
    for _ in range(3):
        _peer(model_version, 50)
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"


def test_people_link_organisations_through_others(own, model_version):
    a, b = factories.make_user(email="a@example.org"), factories.make_user(email="b@example.org")
    first, second = _peer(model_version, 50), _peer(model_version, 50)
    hub = factories.make_organisation(name="Not in the benchmark")
    factories.add_member(user=a, organisation=first, role="manager")
    factories.add_member(user=a, organisation=hub, role="viewer")
    factories.add_member(user=b, organisation=hub, role="viewer")
    factories.add_member(user=b, organisation=second, role="manager")
    for _ in range(3):
        _peer(model_version, 50)
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"


def test_an_owner_group_gives_the_median_of_its_organisations(own, model_version):
    consultant = factories.make_user(email="c@example.org")
    for score in (40, 60, 60):  # one owner: median 60
        factories.add_member(user=consultant, organisation=_peer(model_version, score), role="consultant")
    for score in (60, 60, 60, 60):
        _peer(model_version, score)
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.organisations == 5
    assert _figures(benchmark)[0] == (None, 60, None)


def test_the_own_owner_group_is_never_a_peer(own, model_version):
    consultant = factories.make_user(email="c@example.org")
    factories.add_member(user=consultant, organisation=own.organisation, role="consultant")
    for _ in range(5):
        _peer(model_version, 50)
    assert benchmark_for(assessment=own, result=result_of(own)).organisations == 5
    factories.add_member(user=consultant, organisation=_peer(model_version, 50), role="consultant")
    assert benchmark_for(assessment=own, result=result_of(own)).organisations == 5  # her client is no peer


def test_an_organisation_below_its_thresholds_is_left_out(own, model_version):
    for _ in range(4):
        _peer(model_version, 50)
    closed_org(model_version=model_version, value=3, respondents=4)  # 4 respondents < threshold 5
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"
    closed_org(model_version=model_version, value=3, respondents=3, threshold=3)  # meets its own threshold 3
    benchmark = benchmark_for(assessment=own, result=result_of(own))
    assert benchmark.shown is True
    assert benchmark.factors[0].organisations == 5


def test_organisations_not_opted_in_or_leaving_are_left_out(own, model_version, manager_a):
    from assessments.benchmarks.services import set_benchmark_opt_in

    peers = [_peer(model_version, 50) for _ in range(5)]
    assert benchmark_for(assessment=own, result=result_of(own)).shown is True
    set_benchmark_opt_in(organisation=peers[0], actor=manager_a, opt_in=False)
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "too_few"


def test_only_the_latest_closed_assessment_counts(own, model_version):
    from django.utils import timezone

    from tests.benchmarks.helpers import uniform_answers

    organisations = [closed_org(model_version=model_version, value=v)[0] for v in (1, 1, 3, 3, 3)]
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "withheld"
    # 0, 0, 50, 50, 50: one peer at 0 would make the median 0, so it is withheld. A newer round of the
    # first peer that scores 50 replaces its 0: 0, 50, 50, 50, 50 has a median that no single peer can move.
    team = organisations[0].teams.get()
    newer = factories.make_assessment(
        organisation=organisations[0],
        model_version=model_version,
        teams=[team],
        status="closed",
        closed_at=timezone.now() + timezone.timedelta(days=1),
    )
    factories.make_responses(assessment=newer, answers=uniform_answers(model_version, 3, 5), team=team)
    assert _figures(benchmark_for(assessment=own, result=result_of(own)))[0] == (None, 50, None)


def test_sector_and_size_groups(own, model_version):
    for _ in range(4):
        _peer(model_version, 50, sector="Retail")
    _peer(model_version, 50, sector="Health")
    assert benchmark_for(assessment=own, result=result_of(own), group="all").shown is True
    assert benchmark_for(assessment=own, result=result_of(own), group="sector").reason == "too_few"
    assert benchmark_for(assessment=own, result=result_of(own), group="size").reason == "no_group"


def test_own_organisation_must_opt_in_and_be_closed(own, model_version):
    for _ in range(5):
        _peer(model_version, 50)
    own.organisation.benchmark_opt_in = False
    own.organisation.save()
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "not_opted_in"
    own.organisation.benchmark_opt_in = True
    own.organisation.save()
    own.status = "open"
    own.save()
    assert benchmark_for(assessment=own, result=result_of(own)).reason == "not_closed"


def test_position_uses_the_published_figures_and_the_shown_score_only():
    assert guard.position(None, q1=40, median=50, q3=60) is None
    assert guard.position(38.9, q1=40, median=50, q3=60) == "below_q1"
    assert guard.position(39.5, q1=40, median=50, q3=60) == "below_median"  # shown as 40: not below 40
    assert guard.position(50.0, q1=40, median=50, q3=60) == "above_median"
    assert guard.position(60.0, q1=40, median=50, q3=60) == "above_q3"
    assert guard.position(10.0, q1=None, median=50, q3=None) == "below_median"
    assert guard.position(45.0, q1=40, median=None, q3=60) == "between_quartiles"
    assert guard.position(45.0, q1=40, median=None, q3=None) == "above_q1"
    assert guard.position(45.0, q1=None, median=None, q3=60) == "below_q3"
    assert guard.position(10.0, q1=None, median=None, q3=None) is None


@pytest.mark.parametrize("peers", [1, 6])
def test_peer_scores_take_the_same_queries_whatever_the_number_of_peers(
    peers, model_version, django_assert_num_queries
):
    from assessments.benchmarks.selectors import peer_scores

    for value in range(peers):
        closed_org(model_version=model_version, value=1 + value % 5)
    # The fingerprint, the latest closed assessments (with their organisations), then, as the scoring cache is
    # off in tests, their figures scored and stored again: the rounds, scoring's organisation scores (scales,
    # factors, statements, responses and the stored sums; no audiences: no roles query) and the write.
    with django_assert_num_queries(9):
        rows = peer_scores(model_version_id=model_version.pk)
    assert len(rows) == 3 * peers


@pytest.mark.parametrize("peers", [1, 30])
def test_benchmark_takes_the_same_queries_whatever_the_number_of_peers(
    peers, own, model_version, django_assert_num_queries
):
    consultant = factories.make_user(email="c@example.org")
    for i in range(peers):
        organisation = _peer(model_version, 50)
        if i % 3 == 0:
            factories.add_member(user=consultant, organisation=organisation, role="consultant")
    result = result_of(own)
    # peer_scores' nine, then the owner groups: the fingerprint of their links (two aggregates), then, as the
    # cache is off in tests, the memberships and the activity log's creators.
    with django_assert_num_queries(13):
        benchmark_for(assessment=own, result=result)
