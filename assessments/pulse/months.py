"""Calendar months and the drop signal, as plain functions (no database): the selectors and the tests use them.

The signal: a person's energy fell two months running, energy[m] < energy[m-1] < energy[m-2], over three
consecutive calendar months. A month without an answer breaks the run: a gap is no evidence of a drop.
"""

import datetime
from collections.abc import Iterable


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from first's to last's, both included (empty when last comes before first)."""
    months, month = [], month_of(first)
    while month <= month_of(last):
        months.append(month)
        month = next_month(month)
    return months


def drop_months(energy: Iterable[tuple[datetime.date, int]]) -> set[datetime.date]:
    """The months m (first days) that end a two-month drop: energy[m] < energy[m-1] < energy[m-2]."""
    by_month = {month_of(month): value for month, value in energy}
    drops = set()
    for month, value in by_month.items():
        before = previous_month(month)
        two_before = previous_month(before)
        if before in by_month and two_before in by_month and value < by_month[before] < by_month[two_before]:
            drops.add(month)
    return drops


def has_signal(energy: Iterable[tuple[datetime.date, int]]) -> bool:
    """The person's latest answer ends a two-month drop: the signal stands until a newer answer."""
    points = list(energy)
    if not points:
        return False
    latest = max(month_of(month) for month, _value in points)
    return latest in drop_months(points)
