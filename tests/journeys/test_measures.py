"""Actions judged by customers across two waves, built through the real services: an action's customer
success measure at a moment, its figure per wave against a hand-computed reference (share, 95% Wilson
interval, the change's margin sqrt(a² + b²)), "moved" only beyond the margin, the moment view's anonymity
rules (minimum, subtraction), a share counted by hand, and the services' refusals."""

import math

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from assessments.journeys import services as journey_services
from assessments.journeys.measures import figures as mf
from assessments.journeys.measures import services
from assessments.journeys.measures.selectors import measure_rows
from assessments.journeys.models import MeasureRecord, MomentMeasure
from assessments.journeys.selectors import journey_view
from tests import factories
from tests.journeys.conftest import make_link, tie

pytestmark = pytest.mark.django_db

Z = 1.959963984540054


def reference_interval(hits, n):
    """The Wilson score interval, written out from the textbook formula, in %."""
    p = hits / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    low = 0.0 if hits == 0 else centre - half
    high = 1.0 if hits == n else centre + half
    return 100 * low, 100 * high


def _moment(journey, name):
    return journey.moments.get(name_en=name)


def _measure(action, manager, moment, metric="nine_plus", target=40.0, **extra):
    return services.set_measure(action=action, actor=manager, moment=moment, metric=metric, target=target, **extra)


def _only_row(org):
    rows = measure_rows(organisation=org)
    assert len(rows) == 1
    return rows[0]


def test_the_nine_plus_share_moved_beyond_the_margin(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9, 9, 9, 6, 7, 8, 7, 5, 8, 7])
    tie(intake, spring.customer_check, "Desk spring", [9] * 14 + [7] * 6)
    _measure(plan_action, manager_a, intake, target=40.0)
    row = _only_row(org_a)
    before, now = (cell.figure for cell in row.waves)
    assert [c.assessment.title for c in row.waves] == ["Autumn round", "Spring round"]
    assert [(c.baseline, c.latest) for c in row.waves] == [(True, False), (False, True)]
    assert (before.n, before.share, now.n, now.share) == (10, 30.0, 20, 70.0)
    assert before.interval == pytest.approx(reference_interval(3, 10), abs=1e-9)
    assert now.interval == pytest.approx(reference_interval(14, 20), abs=1e-9)
    low_a, high_a = reference_interval(3, 10)
    low_b, high_b = reference_interval(14, 20)
    margin = math.hypot((high_a - low_a) / 2, (high_b - low_b) / 2)
    assert row.change.change == pytest.approx(40.0)
    assert row.change.margin == pytest.approx(margin, abs=1e-9)
    assert margin < 40
    assert row.change.verdict == mf.IMPROVED
    assert row.change.target_reached is True


def test_a_smaller_change_stays_within_the_margin(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9, 9, 9, 6, 7, 8, 7, 5, 8, 7])
    tie(intake, spring.customer_check, "Desk spring", [9] * 8 + [7] * 12)
    _measure(plan_action, manager_a, intake, target=40.0)
    row = _only_row(org_a)
    assert row.now.figure.share == 40.0
    assert row.change.verdict == mf.WITHIN_MARGIN
    assert abs(row.change.change) < row.change.margin
    assert row.change.target_reached is True  # 40% reaches "at least 40%", yet the change is no proof


def test_below_the_minimum_is_not_enough_customer_answers_yet(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9] * 10)
    tie(intake, spring.customer_check, "Desk spring", [9] * 9)  # one short of the minimum of 10
    _measure(plan_action, manager_a, intake, metric="basics", target=80.0)
    row = _only_row(org_a)
    assert row.now.figure == mf.WaveFigure(state=mf.HIDDEN, n=9, hidden_reason="minimum")
    assert (row.now.figure.share, row.now.figure.interval) == (None, None)
    assert row.change.verdict == mf.NOT_ENOUGH
    assert (row.change.change, row.change.margin) == (None, None)


def test_a_moment_hidden_against_subtraction_is_hidden_in_the_measure_too(
    org_a, manager_a, journey, two_waves, plan_action
):
    autumn, spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9] * 12)
    tie(intake, spring.customer_check, "Desk spring", [9] * 12)
    # An untied link of 4 customers (below the minimum): all customers minus the intake would reveal it.
    from tests.outside_in.conftest import add_customer_responses

    add_customer_responses(make_link(spring.customer_check, label="Kiosk"), [3, 3, 3, 3])
    _measure(plan_action, manager_a, intake)
    row = _only_row(org_a)
    view = journey_view(journey=journey, assessment=spring)
    on_page = next(r for r in view.rows if r.moment == intake).customers.figures
    assert (on_page.shown, on_page.hidden_reason) == (False, "differencing")
    assert row.now.figure == mf.WaveFigure(state=mf.HIDDEN, n=12, hidden_reason="differencing")
    assert row.change.verdict == mf.NOT_ENOUGH


def test_the_share_of_six_or_lower_improves_when_it_drops(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    invoice = _moment(journey, "Invoice")
    tie(invoice, autumn.customer_check, "Bill autumn", [4] * 12 + [8] * 8)
    tie(invoice, spring.customer_check, "Bill spring", [5] * 2 + [8] * 18)
    _measure(plan_action, manager_a, invoice, metric="dissatisfied", target=15.0)
    row = _only_row(org_a)
    assert (row.before.figure.share, row.now.figure.share) == (60.0, 10.0)
    assert row.change.verdict == mf.IMPROVED  # down is the right way for this figure
    assert row.change.target_reached is True  # at most 15%


def test_a_wave_without_a_link_at_the_moment_is_skipped(org_a, manager_a, journey, two_waves, plan_action):
    autumn, _spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9] * 10)
    _measure(plan_action, manager_a, intake)
    row = _only_row(org_a)
    assert row.waves[1].figure == mf.NONE
    assert row.now is None
    assert row.change.verdict == mf.NO_LATER_WAVE


def test_a_share_counted_by_hand_per_wave(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    measure = _measure(
        plan_action,
        manager_a,
        _moment(journey, "Intake"),
        metric="recorded",
        target=90.0,
        description="dissatisfied customers called back within two working days",
    )
    services.record_figure(measure=measure, actor=manager_a, assessment=autumn, hits=5, count=20)
    services.record_figure(measure=measure, actor=manager_a, assessment=spring, hits=2, count=9)
    assert _only_row(org_a).change.verdict == mf.NOT_ENOUGH  # 9 cases: below the check's minimum of 10
    services.record_figure(measure=measure, actor=manager_a, assessment=spring, hits=19, count=20)
    assert MeasureRecord.objects.filter(measure=measure).count() == 2  # the wave's figure replaced, not doubled
    row = _only_row(org_a)
    assert (row.before.figure.share, row.now.figure.share) == (25.0, 95.0)
    assert row.now.figure.interval == pytest.approx(reference_interval(19, 20), abs=1e-9)
    assert row.change.verdict == mf.IMPROVED
    assert row.change.target_reached is True


def test_the_services_refuse_what_no_form_can_be_trusted_with(
    org_a, org_b, manager_a, journey, two_waves, plan_action, layered_version
):
    other = journey_services.create_journey(
        organisation=org_b, actor=manager_a, name_en="B", name_nl="B", description_en="", description_nl=""
    )
    foreign = journey_services.create_moment(
        journey=other, actor=manager_a, name_en="X", name_nl="X", team=None, target="basics"
    )
    intake = _moment(journey, "Intake")
    with pytest.raises(ValidationError):
        _measure(plan_action, manager_a, foreign)
    with pytest.raises(ValidationError):
        _measure(plan_action, manager_a, intake, target=120.0)
    with pytest.raises(ValidationError):
        _measure(plan_action, manager_a, intake, metric="recorded")  # says nothing about what is counted
    foreign_round = factories.make_assessment(organisation=org_b, model_version=layered_version)
    with pytest.raises(ValidationError):
        _measure(plan_action, manager_a, intake, baseline=foreign_round)
    measure = _measure(plan_action, manager_a, intake, metric="recorded", description="called back")
    with pytest.raises(ValidationError):
        services.record_figure(measure=measure, actor=manager_a, assessment=two_waves[0], hits=5, count=4)
    assert MomentMeasure.objects.count() == 1


def test_setting_a_measure_again_changes_it(org_a, manager_a, journey, two_waves, plan_action):
    first = _measure(plan_action, manager_a, _moment(journey, "Intake"))
    again = _measure(plan_action, manager_a, _moment(journey, "Invoice"), metric="basics", baseline=two_waves[1])
    assert first.pk == again.pk
    assert list(MomentMeasure.objects.values_list("moment__name_en", "metric", "baseline__title")) == [
        ("Invoice", "basics", "Spring round")
    ]
    services.remove_measure(action=plan_action, actor=manager_a)
    services.remove_measure(action=plan_action, actor=manager_a)  # twice: nothing more happens
    assert MomentMeasure.objects.count() == 0


def test_a_later_baseline_starts_the_waves_there(org_a, manager_a, journey, two_waves, plan_action):
    autumn, spring = two_waves
    intake = _moment(journey, "Intake")
    tie(intake, autumn.customer_check, "Desk autumn", [9] * 10)
    tie(intake, spring.customer_check, "Desk spring", [9] * 10)
    _measure(plan_action, manager_a, intake, baseline=spring)
    row = _only_row(org_a)
    assert [c.assessment for c in row.waves] == [spring]
    assert row.change.verdict == mf.NO_LATER_WAVE


@given(
    a=st.integers(min_value=0, max_value=60),
    n=st.integers(min_value=1, max_value=60),
    b=st.integers(min_value=0, max_value=60),
    m=st.integers(min_value=1, max_value=60),
    lower=st.booleans(),
)
def test_moved_only_beyond_the_margin(a, n, b, m, lower):
    a, b = min(a, n), min(b, m)
    before, now = mf.share_figure(hits=a, n=n), mf.share_figure(hits=b, n=m)
    found = mf.judge(before=before, now=now, target=50.0, lower_is_better=lower)
    low_a, high_a = reference_interval(a, n)
    low_b, high_b = reference_interval(b, m)
    margin = math.hypot((high_a - low_a) / 2, (high_b - low_b) / 2)
    change = 100 * b / m - 100 * a / n
    assert found.change == pytest.approx(change, abs=1e-9)
    assert found.margin == pytest.approx(margin, abs=1e-9)
    if abs(abs(change) - margin) > 1e-6:  # away from the edge, where float noise may tip it
        if abs(change) <= margin:
            assert found.verdict == mf.WITHIN_MARGIN
        else:
            assert found.verdict == (mf.IMPROVED if (change < 0) == lower else mf.WORSENED)
