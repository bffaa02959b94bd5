"""The consultant's portfolio: every client organisation with its latest assessment, in a fixed number of queries.

While an assessment is open it shows the status and response rate; once closed, the maturity index, the
basics and 9+ layers and the level (scored like the dashboard: the mean of the factor scores, only when every
factor meets the assessment's own threshold; the level by the dashboard's own rule, scoring.level) and the
trend against the previous round. The figures are scoring's, read from its stored copy (scoring.stored).
The page searches, sorts and pages in the database (`portfolio_page`) and reads only its own rows in full
(`client_rows`, `with_figures`, `with_columns`); the export reads every row and searches and sorts them in
memory (`filtered_and_sorted`), in the same order. The queries stay the same whatever the number of
organisations.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypedDict, TypeVar

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from assessments.benchmarks import hooks
from assessments.organisations.access import organisations_with_results_for
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import newest_rounds_first, round_date
from assessments.scoring import level, statistics, stored
from assessments.scoring.models import StoredFigures
from assessments.scoring.rounding import display_round, display_text
from models_9plus.models import Level

SORT_KEYS = ("name", "last", "status", "rate", "index", "level", "change")
FIGURE_KEYS = ("index", "level", "change")  # sort keys that need the scores of every row
PER_PAGE = 25
STATUSES = ("none", *Assessment.Status.values)


class _Latest(TypedDict):
    latest_id: int | None  # the organisation's latest round
    my_role: str | None  # the user's role in it


class _InvitationCounts(TypedDict):
    invited: int
    completed: int


if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import WithAnnotations

    ClientOrganisation: TypeAlias = WithAnnotations[Organisation, _Latest]
    LatestAssessment: TypeAlias = WithAnnotations[Assessment, _InvitationCounts]
else:
    ClientOrganisation, LatestAssessment = Organisation, Assessment


@dataclass
class PortfolioRow:
    organisation: Organisation
    role: str
    assessment: Assessment | None
    response_rate: int | None = None
    index: float | None = None
    level: Level | None = None
    change: float | None = None
    change_margin: float | None = None  # margin of error of the change (scoring.statistics.difference_margin)
    basics_split: str = hooks.EMPTY
    action_plan: str = hooks.EMPTY

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else "none"

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def sector(self) -> str:
        return self.organisation.sector

    @property
    def title(self) -> str:
        return self.assessment.title if self.assessment else ""

    @property
    def last(self) -> datetime.datetime | None:
        return round_date(self.assessment) if self.assessment else None

    @property
    def trend(self) -> str | None:
        if self.change is None:
            return None
        shown = display_round(self.change, 1)  # the arrow agrees with the number shown beside it
        if shown == 0:
            return "flat"
        if statistics.meaningful(self.change, self.change_margin) is False:
            return "within"  # a change within its margin of error is not coloured as progress or decline
        return "up" if shown > 0 else "down"


def _organisations(user: User, ids: Collection[int] | None = None) -> list[ClientOrganisation]:
    # The latest round by its dates, not the one typed in last (a round can be entered late).
    latest = newest_rounds_first(Assessment.objects.filter(organisation=OuterRef("pk"))).values("pk")[:1]
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    # A team leader's organisation is left out: the portfolio shows whole organisations' results.
    organisations = organisations_with_results_for(user=user)
    if ids is not None:
        organisations = organisations.filter(pk__in=ids)
    return list(organisations.annotate(latest_id=Subquery(latest), my_role=Subquery(role)))


def _latest_assessments(ids: Iterable[int]) -> dict[int | None, LatestAssessment]:
    """{pk: assessment} (looked up with an organisation's latest id, None when it has no round)."""
    invitations = Invitation.objects.filter(assessment=OuterRef("pk")).order_by().values("assessment")
    return {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=ids).annotate(
            invited=Coalesce(Subquery(invitations.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0),
            completed=Coalesce(
                Subquery(
                    invitations.filter(completed_on__isnull=False).annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    }


def level_pairs(levels: dict[tuple[int, str], Level]) -> dict[int, list[tuple[str, float]]]:
    """{version id: [(level code, min score)]}, as scoring's level rule takes them."""
    pairs: defaultdict[int, list[tuple[str, float]]] = defaultdict(list)
    for (version_id, code), lv in levels.items():
        pairs[version_id].append((code, float(lv.min_score)))
    return pairs


def _split(figures: StoredFigures) -> str:
    """ "basics / 9+", each rounded once by the one rule ("—" for a hidden layer); "—" for a model without layers."""
    if figures.basics is None and figures.nine_plus is None:
        return hooks.EMPTY
    return " / ".join(display_text(v) if v is not None else hooks.EMPTY for v in (figures.basics, figures.nine_plus))


def levels_of(versions: Iterable[int]) -> dict[tuple[int, str], Level]:
    """{(version id, level code): Level}: the names of the levels the rule picked."""
    return {(lv.version_id, lv.code): lv for lv in Level.objects.filter(version__in=versions)}


def client_rows(*, user: User, organisation_ids: Collection[int] | None = None) -> list[PortfolioRow]:
    """Every client organisation with its latest round and response rate (two queries, whatever the number of
    organisations): what searching, paging and sorting by name, status, date or rate need. The figures of
    closed rounds (`with_figures`) and the optional columns (`with_columns`) are filled in afterwards, for the
    rows that need them only."""
    organisations = _organisations(user, organisation_ids)
    latest = _latest_assessments([o.latest_id for o in organisations if o.latest_id])
    rows: list[PortfolioRow] = []
    for organisation in organisations:
        assessment = latest.get(organisation.latest_id)
        row = PortfolioRow(organisation=organisation, role=organisation.my_role or "", assessment=assessment)
        if assessment is not None and assessment.invited:
            row.response_rate = round(100 * assessment.completed / assessment.invited)
        rows.append(row)
    return rows


def _closed(rows: Iterable[PortfolioRow]) -> list[PortfolioRow]:
    return [r for r in rows if r.assessment is not None and r.assessment.status == Assessment.Status.CLOSED]


def with_figures(rows: Sequence[PortfolioRow]) -> None:
    """Fill in the index, level, trend and layers of the rows' closed rounds, in one pass: scoring's stored
    figures of those rounds and the rounds before them (one read; the missing ones computed together), the
    levels and their customer condition in a fixed number more. Constant queries, however many rows."""
    closed = _closed(rows)
    latest = [r.assessment for r in closed if r.assessment is not None]
    if not latest:
        return
    figures = stored.figures_of(
        assessment_ids={a.pk for a in latest} | {a.previous_id for a in latest if a.previous_id is not None}
    )
    levels = levels_of({a.model_version_id for a in latest})
    pairs = level_pairs(levels)
    shares = level.customer_shares(
        assessment_ids=[a.pk for a in latest if (f := figures.get(a.pk)) is not None and f.index is not None]
    )
    for row in closed:
        assessment = row.assessment
        assert assessment is not None  # _closed keeps rows with a closed round only
        mine = figures.get(assessment.pk)
        index = mine.index if mine is not None else None
        if mine is not None and index is not None:
            row.index = index  # unrounded: the page and the export round once, by the one rule
            code = level.organisation_level(
                index=index,
                levels=pairs.get(assessment.model_version_id, []),
                layered=mine.layered,
                nine_plus=mine.nine_plus,
                customers_nine_plus=shares.get(assessment.pk),
            )
            row.level = levels.get((assessment.model_version_id, code or ""))
            before_figures = figures.get(assessment.previous_id) if assessment.previous_id else None
            before = before_figures.index if before_figures is not None else None
            row.change = None if before is None else index - before
            if before_figures is not None and before is not None:
                row.change_margin = statistics.difference_margin(mine.index_margin, before_figures.index_margin)
        row.basics_split = _split(mine) if mine is not None else hooks.EMPTY


def with_columns(rows: Sequence[PortfolioRow]) -> None:
    """Fill in the optional columns other domains provide (hooks.py) for these rows' closed rounds: each
    provider reads them in a fixed number of queries, so call it with the rows shown only."""
    closed = _closed(rows)
    extra = hooks.column_values(assessments=[r.assessment for r in closed if r.assessment is not None])
    for row in closed:
        assert row.assessment is not None
        row.basics_split = extra["basics_split"].get(row.assessment.pk, row.basics_split)
        row.action_plan = extra["action_plan"].get(row.assessment.pk, hooks.EMPTY)


def portfolio_rows(*, user: User) -> list[PortfolioRow]:
    """Every row complete (the export holds them all)."""
    rows = client_rows(user=user)
    with_figures(rows)
    with_columns(rows)
    return rows


class Sortable(Protocol):
    """What searching and sorting in memory read (the export's rows)."""

    @property
    def name(self) -> str: ...
    @property
    def sector(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def last(self) -> datetime.datetime | None: ...
    @property
    def response_rate(self) -> int | None: ...
    @property
    def index(self) -> float | None: ...
    @property
    def level(self) -> Level | None: ...
    @property
    def change(self) -> float | None: ...


S = TypeVar("S", bound=Sortable)


def _matches(row: Sortable, needle: str) -> bool:
    return any(needle in text.casefold() for text in (row.name, row.sector, row.title))


def _figure(row: Sortable, key: str) -> float | None:
    """The number a numeric sort key orders by; None (no figure) always goes last."""
    if key == "last":
        return row.last.timestamp() if row.last else None
    if key == "level":
        return row.level.order if row.level else None
    return {"rate": row.response_rate, "index": row.index, "change": row.change}[key]


def filtered(rows: Sequence[S], *, status: str = "", text: str = "") -> list[S]:
    """The rows of a status and holding `text` in the name, the sector or the latest round's title."""
    if status in STATUSES:
        rows = [r for r in rows if r.status == status]
    if text:
        needle = text.casefold()
        rows = [r for r in rows if _matches(r, needle)]
    return list(rows)


def ordered(rows: Sequence[S], *, sort: str = "name") -> list[S]:
    """Sorted by a SORT_KEYS key ("-" first for descending), the name breaking ties; rows without the figure
    last, whichever the direction."""
    descending = sort.startswith("-")
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "name"
    order = {"none": 0, "draft": 1, "open": 2, "closed": 3}

    def value(row: S) -> tuple[Any, ...]:
        if key == "name":
            return (0, row.name.casefold())
        if key == "status":
            return (0, order[row.status])
        number = _figure(row, key)
        # Rows without a figure go last, whichever the direction.
        return (1, 0) if number is None else (0, -number if descending else number)

    rows = sorted(rows, key=lambda r: r.name.casefold())
    if key in ("name", "status"):
        return sorted(rows, key=value, reverse=descending)
    return sorted(rows, key=value)


def filtered_and_sorted(
    rows: Sequence[PortfolioRow], *, status: str = "", text: str = "", sort: str = "name"
) -> list[PortfolioRow]:
    """Filter by status and by text (in the name, the sector or the latest round's title); sort by a SORT_KEYS
    key ("-" first for descending), the name breaking ties."""
    return ordered(filtered(rows, status=status, text=text), sort=sort)


def page_of(rows: Sequence[S], *, page: str | int | None) -> Page[S]:
    """One page of PER_PAGE rows; a page number that is not one gives the first page, one past the end the last."""
    return Paginator(rows, PER_PAGE).get_page(page)
