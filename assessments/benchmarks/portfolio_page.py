"""One page of the portfolio, searched, sorted and cut by the database, at a cost that does not grow with the
number of client organisations.

The search, the status filter and the sort are one query over the consultant's organisations, each annotated
with what its latest round gives (status, title, date, response rate) and, for a sort on the index or the
change, scoring's stored figures of that round and of the round before (scoring.stored: the figures scoring
computed; the same query counts the rows whose figures are outdated, and only then are they scored and stored
and the page cut again). The database returns the ids of one page only, with the
number of rows found (window functions, in the same query); those PER_PAGE rows are then read in full
(`client_rows`) and given their figures and optional columns. The order is the one `portfolio.ordered`
gives (the export's, and the tests' reference): nulls last, the name by its lower case and code points
breaking ties; a page number past the end gives the last page, as Django's Paginator.get_page does.

The level is the one sort the database cannot do: its customer condition is read fresh through a provider
(scoring.level). For it the found organisations are read as plain values (id, name, stored figures) and
ordered in memory; no model instance is built for them.
"""

from functools import cached_property

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Expression, OrderBy
from django.db.models.functions import Coalesce, Collate, Least, Lower, RowNumber

from assessments.benchmarks.portfolio import (
    PER_PAGE,
    SORT_KEYS,
    STATUSES,
    PortfolioRow,
    client_rows,
    level_pairs,
    levels_of,
    with_columns,
    with_figures,
)
from assessments.organisations.access import organisations_with_results_for
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import newest_rounds_first, round_date_expression
from assessments.scoring import level, stored

STATUS_ORDER = {"none": 0, "draft": 1, "open": 2, "closed": 3}  # as portfolio.ordered sorts statuses


def _latest(field: str) -> Subquery:
    """A field of the organisation's latest round (by its dates), NULL without one."""
    rounds = newest_rounds_first(Assessment.objects.filter(organisation=OuterRef("pk")))
    return Subquery(rounds.values(field)[:1])


def _name_key() -> Expression:
    """The name as portfolio.ordered compares it: lower case, by code point (the "C" collation on PostgreSQL,
    SQLite's default), not by the database's language rules."""
    lowered = Lower("name")
    return Collate(lowered, "C") if connection.vendor == "postgresql" else lowered


def _found(*, user: User, status: str, text: str) -> QuerySet[Organisation]:
    """The organisations of the search, with their latest round's id, status and title."""
    found = (
        organisations_with_results_for(user=user)
        .order_by()
        .annotate(latest_id=_latest("pk"), latest_status=_latest("status"), latest_title=_latest("title"))
    )
    if status == "none":
        found = found.filter(latest_id__isnull=True)
    elif status in STATUSES:
        found = found.filter(latest_status=status)
    if text:
        found = found.filter(Q(name__icontains=text) | Q(sector__icontains=text) | Q(latest_title__icontains=text))
    return found


def _invitations(*, completed: bool) -> Coalesce:
    invitations = Invitation.objects.filter(assessment=OuterRef("latest_id"))
    if completed:
        invitations = invitations.filter(completed_on__isnull=False)
    counted = invitations.order_by().values("assessment").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _rate(found: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The response rate as client_rows rounds it (Python's round: halves to the even percentage), in integers."""
    found = found.annotate(invited=_invitations(completed=False), completed=_invitations(completed=True))
    found = found.annotate(
        rate_floor=Case(When(invited=0, then=None), default=F("completed") * 100 / F("invited")),
    ).annotate(twice_rest=(F("completed") * 100 - F("rate_floor") * F("invited")) * 2)
    return found.annotate(
        sort_value=Case(
            When(invited=0, then=None),
            When(twice_rest__gt=F("invited"), then=F("rate_floor") + 1),
            When(twice_rest=F("invited"), then=F("rate_floor") + F("rate_floor") % 2),
            default=F("rate_floor"),
            output_field=IntegerField(),
        )
    )


def _refresh_figures(found: QuerySet[Organisation]) -> None:
    """Scoring's stored figures up to date for every closed round of the found organisations and the round
    before each: a superset of the latest closed rounds and their previous rounds, found without working out
    which round is each organisation's latest (a correlated subquery per organisation, twice, took longer
    than checking every closed round at once). One query when they are current."""
    organisations = found.values("pk")
    closed = Assessment.objects.filter(organisation__in=organisations, status=Assessment.Status.CLOSED)
    stored.refresh(
        assessments=Assessment.objects.filter(organisation__in=organisations).filter(
            Q(status=Assessment.Status.CLOSED) | Q(pk__in=closed.values("previous_id"))
        )
    )


def _index() -> Subquery:
    """The latest round's stored index where that round is closed (as with_figures fills it in)."""
    return stored.figure("index", assessment="latest_id", status=Assessment.Status.CLOSED)


def _with_sort_value(found: QuerySet[Organisation], key: str) -> QuerySet[Organisation]:
    if key == "status":
        whens = [When(latest_status=s, then=Value(n)) for s, n in STATUS_ORDER.items() if s != "none"]
        return found.annotate(sort_value=Case(*whens, default=Value(0), output_field=IntegerField()))
    if key == "last":
        rounds = newest_rounds_first(Assessment.objects.filter(organisation=OuterRef("pk")))
        return found.annotate(sort_value=Subquery(rounds.annotate(d=round_date_expression()).values("d")[:1]))
    if key == "rate":
        return _rate(found)
    # The index or the change, from the stored figures; `outdated` marks a row whose figures are not (yet)
    # stored for the round's current data: the page is then cut again after refreshing them.
    closed_without_figures = When(~Exists(stored.current_for("latest_id")), latest_status=Assessment.Status.CLOSED)
    if key == "index":
        return found.annotate(sort_value=_index(), outdated=_flag(closed_without_figures))
    # change: against the previous round's index, whatever that round's status (as with_figures)
    found = found.annotate(latest_previous=_latest("previous_id"), latest_index=_index())
    previous_without_figures = When(
        ~Exists(stored.current_for("latest_previous")),
        latest_previous__isnull=False,
        latest_status=Assessment.Status.CLOSED,
    )
    return found.annotate(
        sort_value=F("latest_index") - stored.figure("index", assessment="latest_previous"),
        outdated=_flag(closed_without_figures, previous_without_figures),
    )


def _flag(*conditions: When) -> Case:
    """1 where any condition holds, else 0."""
    return Case(*(When(c.condition, then=Value(1)) for c in conditions), default=Value(0), output_field=IntegerField())


def _ordered(found: QuerySet[Organisation], sort: str) -> tuple[QuerySet[Organisation], list[OrderBy]]:
    """The organisations with what they are sorted by, and the order (portfolio.ordered's)."""
    descending = sort.startswith("-")
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "name"
    found = found.annotate(name_key=_name_key())
    if key == "name":
        first = F("name_key").desc() if descending else F("name_key").asc()
    else:
        found = _with_sort_value(found, key)
        first = F("sort_value").desc(nulls_last=True) if descending else F("sort_value").asc(nulls_last=True)
    return found, [first, F("name_key").asc(), F("pk").asc()]


def _level_order(found: QuerySet[Organisation], *, descending: bool) -> list[int]:
    """The ids in the order of the latest closed round's level (portfolio.ordered's rule), from plain values."""
    _refresh_figures(found)
    rows = list(
        found.annotate(
            version=_latest("model_version"),
            index=_index(),
            layered=stored.figure("layered", assessment="latest_id"),
            nine_plus=stored.figure("nine_plus", assessment="latest_id"),
        ).values_list("pk", "name", "latest_id", "version", "index", "layered", "nine_plus")
    )
    levels = levels_of({version for *_, version, index, _l, _n in rows if index is not None})
    pairs = level_pairs(levels)
    shares = level.customer_shares(
        assessment_ids=[latest for _pk, _n, latest, _v, index, *_ in rows if index is not None]
    )
    ranked: list[tuple[int, str, int | None]] = []
    for pk, name, latest_id, version, index, layered, nine_plus in rows:
        code = level.organisation_level(
            index=index,
            levels=pairs.get(version, []),
            layered=bool(layered),
            nine_plus=nine_plus,
            customers_nine_plus=shares.get(latest_id),
        )
        found_level = levels.get((version, code or ""))
        ranked.append((pk, name, found_level.order if found_level is not None else None))
    ranked.sort(key=lambda r: (r[1].casefold(), r[0]))
    ranked.sort(key=lambda r: (1, 0) if r[2] is None else (0, -r[2] if descending else r[2]))
    return [pk for pk, _name, _order in ranked]


class _Counted(Paginator):  # type: ignore[type-arg]  # pages of ids, cut into rows afterwards
    """A paginator told its count (read with the page itself) instead of asking the database again."""

    def __init__(self, per_page: int, *, count: int) -> None:
        super().__init__([], per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


LAST = 10**9  # a row position past any portfolio's end: the page asked for is past the end, or below 1


def _page_in_sql(
    found: QuerySet[Organisation], order: list[OrderBy], page: str | int | None, *, refreshed: bool = False
) -> tuple[list[int], int, Paginator]:  # type: ignore[type-arg]
    """One query for the page's ids and the number found, cut as Paginator.get_page cuts: a page number that
    is not one gives the first page, one past the end (or below 1) the last. Each row's position and the
    number found are window functions; the page starts at the asked position or at the last page's start,
    whichever comes first."""
    try:
        number = int(page) if page is not None else 1
    except (TypeError, ValueError):
        number = 1
    asked = min((number - 1) * PER_PAGE, LAST) if number >= 1 else LAST
    last_start = (F("found") - 1) / PER_PAGE * PER_PAGE  # integer division in both databases
    figures = "outdated" in found.query.annotations  # a sort on stored figures: are they all current?
    outdated = Window(Sum("outdated")) if figures else Value(0)
    rows = list(
        found.annotate(found=Window(Count("pk")), position=Window(RowNumber(), order_by=order), outdated_rows=outdated)
        .annotate(start=Least(Value(asked), last_start))
        .filter(position__gt=F("start"), position__lte=F("start") + PER_PAGE)
        .order_by("position")
        .values_list("pk", "found", "position", "outdated_rows")
    )
    if figures and not refreshed and (not stored.kept() or (rows and rows[0][3])):
        # Some found round's figures are not stored for its current data (the first sort after a change), or
        # the scoring cache is off (every figure computed afresh): score and store them, cut the page again.
        _refresh_figures(found)
        return _page_in_sql(found, order, page, refreshed=True)
    if not rows:
        return [], 1, _Counted(PER_PAGE, count=0)
    _pk, count, first, _outdated = rows[0]
    return [pk for pk, *_ in rows], (first - 1) // PER_PAGE + 1, _Counted(PER_PAGE, count=count)


def portfolio_page(
    *, user: User, status: str = "", text: str = "", sort: str = "name", page: str | int | None = None
) -> Page[PortfolioRow]:
    """One page of the searched and sorted rows, complete (see the module's description)."""
    found = _found(user=user, status=status, text=text)
    if sort.lstrip("-") == "level":
        paginator = Paginator(_level_order(found, descending=sort.startswith("-")), PER_PAGE)
        cut = paginator.get_page(page)
        order, number = list(cut.object_list), cut.number
    else:
        order, number, paginator = _page_in_sql(*_ordered(found, sort), page)
    by_id = {row.organisation.pk: row for row in client_rows(user=user, organisation_ids=order)} if order else {}
    rows = [by_id[pk] for pk in order if pk in by_id]
    with_figures(rows)
    with_columns(rows)
    return Page(rows, number, paginator)  # type: ignore[arg-type]  # the paginator cut the ids
