"""The drop signal against hand-computed cases and, with hypothesis, against a plain reference."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.pulse.months import (
    drop_months,
    has_signal,
    month_of,
    months_between,
    next_month,
    previous_month,
    years_later,
)

D = datetime.date


def series(start, values):
    """(month, energy) for consecutive months from `start`; None leaves a month out."""
    out, month = [], start
    for value in values:
        if value is not None:
            out.append((month, value))
        month = next_month(month)
    return out


def test_month_arithmetic():
    assert month_of(D(2026, 3, 17)) == D(2026, 3, 1)
    assert previous_month(D(2026, 1, 1)) == D(2025, 12, 1)
    assert previous_month(D(2026, 3, 31)) == D(2026, 2, 1)
    assert next_month(D(2025, 12, 1)) == D(2026, 1, 1)
    assert next_month(D(2026, 1, 31)) == D(2026, 2, 1)
    assert years_later(D(2026, 4, 1), 2) == D(2028, 4, 1)
    assert years_later(D(2028, 2, 29), 2) == D(2030, 2, 28)
    assert months_between(D(2025, 11, 20), D(2026, 2, 3)) == [
        D(2025, 11, 1),
        D(2025, 12, 1),
        D(2026, 1, 1),
        D(2026, 2, 1),
    ]
    assert months_between(D(2026, 2, 1), D(2026, 1, 1)) == []


def test_two_drops_running_give_the_signal():
    points = series(D(2026, 1, 1), [4, 4, 3, 2])
    assert drop_months(points) == {D(2026, 4, 1)}
    assert has_signal(points)


def test_one_drop_is_no_signal():
    assert drop_months(series(D(2026, 1, 1), [5, 5, 4])) == set()
    assert not has_signal(series(D(2026, 1, 1), [5, 5, 4]))


def test_equal_months_break_the_run():
    assert drop_months(series(D(2026, 1, 1), [5, 4, 4, 3])) == set()


def test_a_missing_month_breaks_the_run():
    assert drop_months(series(D(2026, 1, 1), [5, None, 4, 3])) == set()
    assert drop_months(series(D(2026, 1, 1), [5, 4, None, 3])) == set()


def test_across_the_new_year():
    assert drop_months(series(D(2025, 11, 1), [5, 3, 1])) == {D(2026, 1, 1)}


def test_the_signal_stands_until_a_newer_answer():
    points = series(D(2026, 1, 1), [5, 4, 3])
    assert has_signal(points)
    assert not has_signal([*points, (D(2026, 4, 1), 3)])  # 3 is not below 3
    assert drop_months([*points, (D(2026, 4, 1), 3)]) == {D(2026, 3, 1)}  # the drop stays marked in the history


def test_long_fall_marks_every_month_from_the_third_on():
    assert drop_months(series(D(2026, 1, 1), [5, 4, 3, 2, 1])) == {D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)}


def test_no_answers():
    assert drop_months([]) == set()
    assert not has_signal([])


def _reference(points):
    """Months as integers (year * 12 + month): m ends a drop when m-1 and m-2 exist and fall twice."""
    by_index = {month.year * 12 + month.month: energy for month, energy in points}
    found = set()
    for index, energy in by_index.items():
        if index - 1 in by_index and index - 2 in by_index and energy < by_index[index - 1] < by_index[index - 2]:
            year, month = divmod(index - 1, 12)
            found.add(D(year, month + 1, 1))
    return found


@settings(deadline=None)  # a shared, busy machine: the time per example is no property
@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 1)),
    values=st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=5)), max_size=30),
)
def test_drop_months_match_the_reference(start, values):
    points = series(month_of(start), values)
    assert drop_months(points) == _reference(points)
    latest = max((m for m, _v in points), default=None)
    assert has_signal(points) == (latest is not None and latest in _reference(points))
