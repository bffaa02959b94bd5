"""The attacks the benchmark's guard (assessments/benchmarks/guard.py) stops, played through the product.

1. Shills: a consultant creates four opted-in organisations around one target (two scoring 0, two scoring 100),
   so that, counted as five peers, the median would be the target's exact score.
2. Toggling: an organisation of the attacker's is switched in and out, so the peers go from five to six and back;
   under the old rule the median moved from one peer's value to the mean of two, which gave the next value away.

In each, the attacker learns nothing it could not learn from the published figures: they are withheld, or they
are identical with and without the target, with and without the shills, with and without the toggled
organisation. A property test then checks the guard's promise on any values: one owner group joining, leaving
or changing its score never changes a published figure (it stays, or one of the two is withheld).
"""

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.benchmarks import guard
from assessments.benchmarks.selectors import benchmark_for, peer_scores
from assessments.benchmarks.services import set_benchmark_opt_in
from tests import factories
from tests.benchmarks.helpers import closed_org, result_of
from tests.examples import examples

pytestmark = pytest.mark.django_db

# Answers per respondent for a peer score: five answers on 1..5, so the mean steps by 0.2 (5 points).
SCORE = {
    0: [1] * 5,
    40: [2, 2, 3, 3, 3],
    45: [2, 3, 3, 3, 3],
    50: [3] * 5,
    55: [3, 3, 3, 3, 4],
    60: [3, 3, 3, 4, 4],
    75: [4] * 5,
}


def _org(model_version, score, **kwargs):
    answers = [5] * 5 if score == 100 else SCORE[score]
    return closed_org(model_version=model_version, value=None, answers=answers, **kwargs)


def _seen(assessment):
    """Everything the benchmark shows an organisation: the reason, the owner count and each factor's figures."""
    benchmark = benchmark_for(assessment=assessment, result=result_of(assessment))
    return benchmark.reason, [(f.q1, f.median, f.q3, f.position) for f in benchmark.factors]


def _naive_median(model_version, exclude):
    """What the old rule showed (every organisation counted, no steps): to prove the setup is a real attack."""
    rows = peer_scores(model_version_id=model_version.pk)
    return statistics.median([value for org, _sector, _size, code, value in rows if code == "f1" and org != exclude])


@pytest.fixture
def attacker(db):
    return factories.make_user(email="attacker@example.org")


@pytest.fixture
def target(model_version):
    organisation, _assessment = _org(model_version, 75, name="Target")
    return organisation


def _shills(model_version, attacker):
    return [_org(model_version, score, creator=attacker)[0] for score in (0, 0, 100, 100)]


def test_four_shills_around_a_target_reveal_nothing(model_version, attacker, target, client_for):
    _shills(model_version, attacker)
    _own, viewer = _org(model_version, 50, creator=attacker, name="Attacker's viewpoint")
    assert _naive_median(model_version, exclude=viewer.organisation_id) == 75.0  # the old rule: the target's score
    # Her own organisations are one owner group, never her own peers: only the target is left, and one is too few.
    assert _seen(viewer) == ("too_few", [])
    page = client_for(attacker).get(f"/a/{viewer.public_id}/benchmark/").content.decode()
    assert "Not enough organisations to compare yet" in page
    assert "benchmark-table" not in page
    # Seen from an organisation of a second account of hers, the four shills are one owner (one value): two owners.
    sock = factories.make_user(email="sock@example.org")
    _other, sock_view = _org(model_version, 50, creator=sock)
    assert _seen(sock_view) == ("too_few", [])


def test_with_honest_peers_the_figures_are_the_same_with_and_without_the_target_and_the_shills(
    model_version, attacker, target
):
    for score in (45, 50, 50, 50, 50, 50, 50, 50, 55, 60):
        _org(model_version, score)
    sock = factories.make_user(email="sock@example.org")
    _other, viewer = _org(model_version, 50, creator=sock)
    shills = _shills(model_version, attacker)
    with_all = _seen(viewer)
    assert with_all[0] is None  # shown: the figures exist to be compared
    set_benchmark_opt_in(organisation=target, actor=None, opt_in=False)
    without_target = _seen(viewer)
    for shill in shills:
        set_benchmark_opt_in(organisation=shill, actor=None, opt_in=False)
    without_both = _seen(viewer)
    set_benchmark_opt_in(organisation=target, actor=None, opt_in=True)
    without_shills = _seen(viewer)
    assert with_all == without_target == without_both == without_shills
    # The honest peers' figures, whatever the target scores; the upper quartile is withheld (with 55 and 60
    # beside it, one organisation could move it to 55), with and without the target alike.
    assert with_all[1][0][:3] == (50, 50, None)


def _nothing_moved(one, other):
    """Every figure shown in both is the same (a figure may be withheld in one of them, never different)."""
    if one[0] or other[0]:
        return True  # withheld as a whole on one side
    return all(
        a is None or b is None or a == b
        for first, second in zip(one[1], other[1], strict=True)
        for a, b in zip(first[:3], second[:3], strict=True)
    )


@pytest.mark.parametrize("shill_score", [0, 100])
@pytest.mark.parametrize(
    ("honest", "expected"),
    [
        ((40, 45, 50, 55, 60), "withheld"),  # spread out: one organisation could move the median either way
        ((45, 50, 50, 50, 55), "no figure differs"),  # a figure may be withheld on one side, never moved
        ((50, 50, 50, 50, 50), "identical"),  # close together: the median stands, toggled or not
    ],
)
def test_toggling_one_organisation_between_five_and_six_peers_moves_nothing(
    model_version, attacker, honest, expected, shill_score
):
    for score in honest:
        _org(model_version, score)
    _own, viewer = _org(model_version, 50, creator=attacker)
    sock = factories.make_user(email="sock@example.org")
    shill, _a = _org(model_version, shill_score, creator=sock)  # another account: an independent owner
    six = _seen(viewer)
    set_benchmark_opt_in(organisation=shill, actor=None, opt_in=False)
    five = _seen(viewer)
    set_benchmark_opt_in(organisation=shill, actor=None, opt_in=True)
    assert _seen(viewer) == six
    assert _nothing_moved(five, six)
    if expected == "withheld":
        assert five[0] == six[0] == "withheld"
    if expected == "identical":
        assert five == six
        assert five[1][0][1] == 50  # the median, shown in both


def _changed(values, change):
    kind, where, x = change
    if kind == "add" or not values:
        return [*values, x]
    i = where % len(values)
    if kind == "remove":
        return values[:i] + values[i + 1 :]
    return [*values[:i], x, *values[i + 1 :]]


score = st.floats(min_value=0, max_value=100, allow_nan=False)


@settings(max_examples=examples(500))
@given(
    values=st.lists(score, min_size=4, max_size=30),
    change=st.tuples(st.sampled_from(["add", "remove", "replace"]), st.integers(0, 29), score),
    p=st.sampled_from(list(guard.QUARTILES.values())),
)
def test_one_owner_group_never_changes_a_published_figure(values, change, p):
    before, after = guard.published(values, p), guard.published(_changed(values, change), p)
    if before is not None and after is not None:
        assert before == after
    if before is not None:  # the check's bounds hold every one-group change of the figure
        ordered = sorted(values)
        low = guard.quantile([guard.LOWEST, *ordered[:-1]], p)
        high = guard.quantile([*ordered[1:], guard.HIGHEST], p)
        changed = _changed(values, change)
        if changed:
            assert low - 1e-9 <= guard.quantile(changed, p) <= high + 1e-9


@settings(max_examples=examples(200))
@given(values=st.lists(score, min_size=1, max_size=30), p=st.sampled_from([0.25, 0.5, 0.75]))
def test_quantile_is_the_inclusive_method(values, p):
    if len(values) == 1:
        expected = values[0]
    else:
        expected = statistics.quantiles(values, n=4, method="inclusive")[[0.25, 0.5, 0.75].index(p)]
    assert guard.quantile(values, p) == pytest.approx(expected, abs=1e-9)
