"""Customer figures: a hand-computed fixture, hypothesis against a plain reference, and the minimum."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.outside_in import figures
from assessments.outside_in.models import InternalEstimate
from assessments.outside_in.selectors import outside_in_summary
from tests import factories
from tests.examples import examples
from tests.outside_in.conftest import add_customer_responses, make_link

GRADES = [10, 9, 9, 8, 8, 7, 7, 6, 5, 10]
RECOMMEND = [10, 9, 8, 7, 6, 10, 3, 9, 0, 8]
EFFORT = [7, 6, 5, 4, 3, 7, 6, 5, 4, 3]
F1 = [5, 4, 4, 3, 3, 5, 4, 2, 1, 5]


def test_hand_computed_fixture(check, cx_assessment):
    link = make_link(check)
    add_customer_responses(link, GRADES, recommend=RECOMMEND, effort=EFFORT, factors=[{"f1": v} for v in F1])
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    overall = summary.overall
    assert overall.shown
    assert overall.n == 10
    assert overall.grade_mean == pytest.approx(7.9)  # 79 / 10
    assert overall.nine_plus_share == pytest.approx(40.0)  # 10, 9, 9, 10
    assert overall.distribution == (0, 0, 0, 0, 1, 1, 2, 2, 2, 2)
    assert overall.nps == pytest.approx(10.0)  # 4 promoters - 3 detractors of 10
    assert overall.ease == pytest.approx(5.0)  # 50 / 10
    assert overall.factor("f1").agree_share == pytest.approx(60.0)  # 5, 4, 4, 5, 4, 5 of 10 agree (4 or 5)
    assert overall.factor("f2").agree_share is None  # nobody answered it
    assert summary.links[0].grade_mean == pytest.approx(7.9)


def test_knowledge_gap_hand_computed(check, cx_assessment, org_a):
    link = make_link(check)
    add_customer_responses(link, GRADES)
    responses = factories.make_responses(
        assessment=cx_assessment, answers=[{"f1s1": 3}] * 6, team=cx_assessment.teams.get()
    )
    estimates = [(9, 70), (8, 50), (8, 60), (9, None), (7, 40), (None, 20)]
    for response, (grade, share) in zip(responses, estimates, strict=True):
        InternalEstimate.objects.create(response=response, grade=grade, share_nine_plus=share)
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    organisation = next(g for g in summary.estimates if g.kind == "organisation")
    assert organisation.shown
    assert organisation.grade == pytest.approx(8.2)  # (9 + 8 + 8 + 9 + 7) / 5
    assert organisation.share == pytest.approx(48.0)  # (70 + 50 + 60 + 40 + 20) / 5
    assert organisation.grade_gap == pytest.approx(0.3)  # 8.2 - 7.9
    assert organisation.share_gap == pytest.approx(8.0)  # 48 - 40


def test_estimates_below_threshold_are_hidden(check, cx_assessment):
    responses = factories.make_responses(
        assessment=cx_assessment, answers=[{"f1s1": 3}] * 4, team=cx_assessment.teams.get()
    )
    for response in responses:
        InternalEstimate.objects.create(response=response, grade=8, share_nine_plus=50)
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    assert all(not g.shown and g.grade is None and g.share is None for g in summary.estimates)
    assert {g.kind: g.hidden_reason for g in summary.estimates} == {"organisation": "minimum", "team": "minimum"}
    from assessments.outside_in.presenters import section_context

    texts = {e["group"].kind: e["hidden_text"] for e in section_context(summary=summary, language="en")["estimates"]}
    assert texts == {"organisation": "shown from 5 estimates", "team": "shown from 5 estimates"}


def test_below_the_minimum_nothing_is_carried(check, cx_assessment):
    link = make_link(check)
    add_customer_responses(link, [10] * 9, recommend=[10] * 9, factors=[{"f1": 5}] * 9)
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    for fig in (summary.overall, summary.links[0]):
        assert (fig.n, fig.shown, fig.hidden_reason) == (9, False, "minimum")
        assert fig.grade_mean is fig.nine_plus_share is fig.nps is fig.distribution is None
    assert summary.factors[0].agree_share is None


def test_a_small_link_cannot_be_read_by_subtraction(check, cx_assessment):
    big, small = make_link(check, "Big"), make_link(check, "Small")
    add_customer_responses(big, [8] * 12)
    add_customer_responses(small, [2] * 3)
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    assert summary.overall.shown
    assert summary.overall.n == 15
    assert [(f.label, f.shown, f.hidden_reason) for f in summary.links] == [
        ("Big", False, "differencing"),
        ("Small", False, "minimum"),
    ]


def test_flagged_responses_are_not_counted(check, cx_assessment):
    link = make_link(check)
    add_customer_responses(link, [8] * 10)
    add_customer_responses(link, [1] * 5, flag="too_fast")
    summary = outside_in_summary(assessment=cx_assessment, check=check)
    assert summary.overall.n == 10
    assert summary.overall.grade_mean == 8
    assert summary.flagged == 5


def test_hidden_figures_refuse_values():
    with pytest.raises(ValueError, match="hidden customer group cannot carry grade_mean"):
        figures.CustomerFigures(key="x", label="", n=3, shown=False, grade_mean=7.0)


# --- hypothesis against a plain reference -------------------------------------------------------


def reference_nps(scores):
    promoters = len([s for s in scores if s in (9, 10)])
    detractors = len([s for s in scores if s in (0, 1, 2, 3, 4, 5, 6)])
    return (promoters / len(scores) - detractors / len(scores)) * 100


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=300))
def test_grade_figures_match_reference(grades):
    import statistics

    assert figures.grade_mean(grades) == pytest.approx(statistics.fmean(grades))
    assert figures.nine_plus_share(grades) == pytest.approx(
        100 * len([g for g in grades if g in (9, 10)]) / len(grades)
    )
    distribution = figures.grade_distribution(grades)
    assert figures.mean_from_distribution(distribution) == pytest.approx(statistics.fmean(grades))
    assert figures.share_from_distribution(distribution) == pytest.approx(figures.nine_plus_share(grades))
    assert 0 <= figures.nine_plus_share(grades) <= 100


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=300))
def test_nps_matches_reference(scores):
    assert figures.nps(scores) == pytest.approx(reference_nps(scores))
    assert -100 <= figures.nps(scores) <= 100


@settings(max_examples=examples(100), deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=50),
    st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=50),
)
def test_knowledge_gap_is_estimate_minus_actual(estimates, customers):
    import statistics

    gap = figures.gap(figures.mean(estimates), figures.grade_mean(customers))
    assert gap == pytest.approx(statistics.fmean(estimates) - statistics.fmean(customers))


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(min_value=0, max_value=60), st.integers(min_value=10, max_value=40))
def test_live_figures_never_show_below_minimum(n, minimum):
    answers = figures.Answers(grades=[9] * n, efforts=[], recommends=[10] * n, factor_values={"f1": [5] * n})
    shown = n >= minimum
    fig = figures.live_figures(
        key="k",
        label="",
        answers=answers,
        minimum=minimum,
        shown=shown,
        reason=None if shown else "minimum",
        factor_codes=["f1"],
    )
    assert (fig.grade_mean is not None) == shown
    assert (fig.factor("f1") is not None and fig.factor("f1").agree_share is not None) == shown


def test_trend_over_rounds_puts_customer_grade_beside_the_index(check, cx_assessment, org_a, cx_version):
    from assessments.outside_in.models import CustomerCheck

    earlier = factories.make_assessment(organisation=org_a, model_version=cx_version, title="Spring", status="closed")
    add_customer_responses(make_link(CustomerCheck.objects.create(assessment=earlier, min_responses=10)), [6] * 10)
    cx_assessment.previous = earlier
    cx_assessment.save()
    add_customer_responses(make_link(check), [9] * 10)
    trend = outside_in_summary(assessment=cx_assessment, check=check).trend
    assert [(p.title, p.grade_mean, p.nine_plus_share) for p in trend] == [
        (cx_assessment.title, 9.0, 100.0),
        ("Spring", 6.0, 0.0),
    ]


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), max_size=60))
def test_agree_share_against_a_plain_reference(values):
    expected = None if not values else 100 * len([v for v in values if v in (4, 5)]) / len(values)
    assert figures.agree_share(values) == expected


@pytest.mark.parametrize(
    ("language", "grade_gap", "share_gap", "share"),
    [("en", "+0.3", "+8 pp", "48%"), ("nl", "+0,3", "+8 procentpunt", "48%")],
)
def test_gaps_are_signed_and_the_share_gap_is_in_percentage_points(language, grade_gap, share_gap, share):
    from django.utils import translation

    from assessments.outside_in import display

    with translation.override(language):
        assert display.signed(8.2 - 7.9, 1) == grade_gap
        assert display.points(48.0 - 40.0) == share_gap
        assert display.percent(48.0) == share
        assert display.signed(-0.04, 1) == "±" + ("0.0" if language == "en" else "0,0")
        assert display.signed(-2.25, 1) == "\u2212" + ("2.3" if language == "en" else "2,3")  # half up, real minus


def test_a_team_hidden_against_subtraction_says_so(org_a, cx_version):
    from assessments.outside_in.models import CustomerCheck
    from assessments.outside_in.presenters import section_context

    big, small = (
        factories.make_team(organisation=org_a, name="Big"),
        factories.make_team(organisation=org_a, name="Small"),
    )
    assessment = factories.make_assessment(organisation=org_a, model_version=cx_version, teams=[big, small])
    check = CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    for team, count in ((big, 6), (small, 3)):
        for response in factories.make_responses(assessment=assessment, answers=[{"f1s1": 3}] * count, team=team):
            InternalEstimate.objects.create(response=response, grade=8, share_nine_plus=30)
    summary = outside_in_summary(assessment=assessment, check=check)
    reasons = {g.name_en: (g.shown, g.hidden_reason) for g in summary.estimates}
    assert reasons == {org_a.name: (True, ""), "Big": (False, "differencing"), "Small": (False, "minimum")}
    texts = {e["name"]: e["hidden_text"] for e in section_context(summary=summary, language="en")["estimates"]}
    assert texts["Big"] == "hidden so that it cannot be worked out from the other groups"
    assert texts["Small"] == "shown from 5 estimates"
