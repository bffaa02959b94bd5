"""The per-moment rules on plain numbers, against references worked out by hand."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.journeys import figures as mf
from assessments.outside_in.figures import GradeBands, grade_bands, grade_distribution


def bands(grades):
    return grade_bands(grade_distribution(grades))


def test_bands_and_shares_of_a_moment_by_hand():
    # 10 customers: 6,6 | 7,8,8 | 9,9,9,10,10 -> 20% / 30% / 50%, 7+ share 80%.
    b = bands([6, 6, 7, 8, 8, 9, 9, 9, 10, 10])
    assert b == GradeBands(dissatisfied=20.0, indifferent=30.0, loyal=50.0)
    assert b.basics == 80.0


def test_verdicts_against_the_documented_bars():
    assert mf.BASICS_BAR == 80.0
    assert mf.NINE_PLUS_BAR == 50.0
    on_the_bar = bands([6, 6, 7, 8, 8, 9, 9, 9, 10, 10])  # 7+ 80%, 9+ 50%: exactly on both bars
    assert mf.verdict(target="basics", bands=on_the_bar) == mf.ON_TARGET
    assert mf.verdict(target="nine_plus", bands=on_the_bar) == mf.ON_TARGET
    reliable = bands([7, 7, 8, 8, 8, 8, 8, 9, 9, 6])  # 7+ 90%, 9+ 20%
    assert mf.verdict(target="basics", bands=reliable) == mf.ON_TARGET
    assert mf.verdict(target="nine_plus", bands=reliable) == mf.BELOW_TARGET
    missed = bands([5, 6, 6, 7, 8, 9, 10, 10, 10, 10])  # 7+ 70%: basics missed whatever the target
    assert mf.verdict(target="basics", bands=missed) == mf.BASICS_MISSED
    assert mf.verdict(target="nine_plus", bands=missed) == mf.BASICS_MISSED
    assert mf.verdict(target="basics", bands=None) == mf.NOT_SHOWN


def test_blind_spot_needs_missed_basics_and_a_high_own_rating():
    assert mf.blind_spot(verdict=mf.BASICS_MISSED, team_basics=60.0)
    assert not mf.blind_spot(verdict=mf.BASICS_MISSED, team_basics=59.9)
    assert not mf.blind_spot(verdict=mf.BASICS_MISSED, team_basics=None)
    assert not mf.blind_spot(verdict=mf.ON_TARGET, team_basics=95.0)


def _hidden(**kwargs):
    defaults = {"shown_links": set(), "overall_shown": True, "minimum": 10}
    return mf.hidden_moments(**{**defaults, **kwargs})


def test_a_moment_below_the_minimum_is_hidden():
    hidden = _hidden(
        moment_counts={"m1": 9, "m2": 12},
        moment_links={"m1": ["a"], "m2": ["b"]},
        link_counts={"a": 9, "b": 12},
        shown_links={"b"},
        overall_count=21,
        overall_shown=True,
    )
    # m1 below the minimum; m2 would give m1 away from all customers (21 - 12 = 9): hidden as well.
    assert hidden == {"m1": mf.MINIMUM, "m2": mf.DIFFERENCING}


def test_a_moment_hides_when_its_shown_links_give_a_hidden_link_away():
    # m1 = link a (15, shown on the Outside-in tab) + link b (4, hidden there): 19 - 15 = 4 would be b.
    hidden = _hidden(
        moment_counts={"m1": 19},
        moment_links={"m1": ["a", "b"]},
        link_counts={"a": 15, "b": 4},
        shown_links={"a"},
        overall_count=19,
        overall_shown=False,
    )
    assert hidden == {"m1": mf.DIFFERENCING}


def test_untied_shown_links_count_in_the_overall_subtraction():
    # all 40 = m1 (20) + untied shown link c (15) + untied hidden link d (5): 40 - 20 - 15 = 5 -> hide m1.
    args = {
        "moment_counts": {"m1": 20},
        "moment_links": {"m1": ["a"]},
        "link_counts": {"a": 20, "c": 15, "d": 5},
        "overall_count": 40,
    }
    assert _hidden(**args, shown_links={"a", "c"}) == {"m1": mf.DIFFERENCING}
    # The overall figures hidden: nothing to subtract from.
    assert _hidden(**args, shown_links={"a", "c"}, overall_shown=False) == {}
    # Enough in the remainder (d has 10): nothing is given away.
    args["link_counts"]["d"], args["overall_count"] = 10, 45
    assert _hidden(**args, shown_links={"a", "c"}) == {}


@settings(deadline=None)  # no timed tests: the machine is shared
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=5),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=2, max_value=15),
)
def test_no_hidden_remainder_below_the_minimum_can_be_worked_out(moment_sizes, untied, minimum):
    """Whatever the counts: all customers minus the shown moments and shown links is 0 or >= minimum."""
    counts = {f"m{i}": n for i, n in enumerate(moment_sizes)}
    links = {f"m{i}": [f"l{i}"] for i in range(len(moment_sizes))}
    link_counts = {f"l{i}": n for i, n in enumerate(moment_sizes)} | {"u": untied}
    overall = sum(moment_sizes) + untied
    shown_links = {k for k, n in link_counts.items() if n >= minimum}
    hidden = mf.hidden_moments(
        moment_counts=counts,
        moment_links=links,
        link_counts=link_counts,
        shown_links=shown_links,
        overall_count=overall,
        overall_shown=overall >= minimum,
        minimum=minimum,
    )
    assert all(n >= minimum for key, n in counts.items() if key not in hidden)
    if overall >= minimum:
        visible = sum(n for key, n in counts.items() if key not in hidden) + (untied if "u" in shown_links else 0)
        remainder = overall - visible
        assert remainder == 0 or remainder >= minimum or not any(k not in hidden for k in counts)


@pytest.mark.django_db
def test_the_method_page_states_the_bars_of_the_code(client):
    """The method page (results, below journeys) writes the bars as words: they must be the code's."""
    body = client.get("/how-we-score/").content.decode()
    assert f"fewer than {mf.BASICS_BAR:.0f}% of its customers give a 7 or higher" in body
    assert f"at least {mf.NINE_PLUS_BAR:.0f}% give a 9 or 10" in body
    assert f"own basics score at least {mf.TEAM_RATES_HIGH:.0f}" in body
