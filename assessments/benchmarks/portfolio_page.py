"""One page of the portfolio, at a cost that does not grow with the number of client organisations.

Searching, and sorting by name, status, date or response rate, read each organisation as an `Entry`: a few
plain values from three queries (the organisations with their latest round's id, those rounds' status,
title and dates, their invitation counts), with no model instance built for it. The page's 25 rows are then
read in full (`client_rows` for those organisations only) and given their scores and optional columns.

Sorting by a figure (index, level, change) needs every found organisation's figure for the order: the entries
get them in one pass (`portfolio_figures.with_figures`: one cache entry per portfolio, the levels by the
dashboard's rule) before the page is cut. The same queries whatever the number of organisations in both cases.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.paginator import Page
from django.db.models import Count, OuterRef, Q, Subquery

from assessments.benchmarks import portfolio_figures
from assessments.benchmarks.portfolio import (
    FIGURE_KEYS,
    PortfolioRow,
    client_rows,
    filtered,
    ordered,
    page_of,
    with_columns,
    with_figures,
)
from assessments.organisations.access import organisations_with_results_for
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import ROUND_DATE_FIELDS, newest_rounds_first
from models_9plus.models import Level


@dataclass(frozen=True)
class Entry:
    """A client organisation as the search and the sort see it (see portfolio.Sortable)."""

    organisation_id: int
    latest_id: int | None
    name: str
    sector: str
    status: str  # the latest round's, "none" without one
    title: str = ""
    last: datetime.datetime | None = None  # the latest round's date (questionnaire's round_date)
    response_rate: int | None = None
    index: float | None = None  # the figures: set by portfolio_figures for a sort on one
    level: Level | None = None
    change: float | None = None


def entries(*, user: User) -> list[Entry]:
    """Every client organisation of `user` as an Entry, in three queries."""
    latest = newest_rounds_first(Assessment.objects.filter(organisation=OuterRef("pk"))).values("pk")[:1]
    organisations = list(
        organisations_with_results_for(user=user)
        .order_by()
        .annotate(latest_id=Subquery(latest))
        .values_list("pk", "name", "sector", "latest_id")
    )
    ids = [latest_id for *_, latest_id in organisations if latest_id]
    rounds = {
        pk: (status, title, next((d for d in dates if d is not None), None))
        for pk, status, title, *dates in Assessment.objects.filter(pk__in=ids).values_list(
            "pk", "status", "title", *ROUND_DATE_FIELDS
        )
    }
    counts = {
        pk: (invited, completed)
        for pk, invited, completed in Invitation.objects.filter(assessment_id__in=ids)
        .order_by()
        .values("assessment_id")
        .annotate(invited=Count("pk"), completed=Count("pk", filter=Q(completed_on__isnull=False)))
        .values_list("assessment_id", "invited", "completed")
    }
    found = []
    for pk, name, sector, latest_id in organisations:
        if latest_id is None or latest_id not in rounds:
            found.append(Entry(organisation_id=pk, latest_id=None, name=name, sector=sector, status="none"))
            continue
        status, title, last = rounds[latest_id]
        invited, completed = counts.get(latest_id, (0, 0))
        rate = round(100 * completed / invited) if invited else None  # as portfolio.client_rows rounds it
        found.append(
            Entry(
                organisation_id=pk,
                latest_id=latest_id,
                name=name,
                sector=sector,
                status=status,
                title=title,
                last=last,
                response_rate=rate,
            )
        )
    return found


def portfolio_page(
    *, user: User, status: str = "", text: str = "", sort: str = "name", page: str | int | None = None
) -> Page[PortfolioRow]:
    """One page of the searched and sorted rows, complete (see the module's description)."""
    found = filtered(entries(user=user), status=status, text=text)
    if sort.lstrip("-") in FIGURE_KEYS:
        found = portfolio_figures.with_figures(found)
    cut = page_of(ordered(found, sort=sort), page=page)
    order = [entry.organisation_id for entry in cut.object_list]
    by_id = {row.organisation.pk: row for row in client_rows(user=user, organisation_ids=order)}
    rows = [by_id[pk] for pk in order if pk in by_id]
    with_figures(rows)
    with_columns(rows)
    return Page(rows, cut.number, cut.paginator)  # type: ignore[arg-type]  # the paginator cut the entries
