"""The consultant's portfolio: every client organisation with its latest assessment, in a fixed number of queries.

While an assessment is open it shows the status and response rate; once closed, the maturity index, the
basics and 9+ layers and the level (scored like the dashboard: the mean of the factor scores, only when every
factor meets the assessment's own threshold; the level by the dashboard's own rule, scoring.level) and the
trend against the previous round. The page searches, sorts and pages the rows in memory
(`filtered_and_sorted`, `page_of`): the queries stay the same whatever the number of organisations.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from assessments.benchmarks import hooks
from assessments.organisations.access import organisations_with_results_for
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import newest_rounds_first, round_date
from assessments.scoring import statistics
from assessments.scoring.organisations import OrganisationScores, organisation_levels, organisation_scores
from assessments.scoring.rounding import display_round, display_text
from models_9plus.models import Level

SORT_KEYS = ("name", "last", "status", "rate", "index", "level", "change")
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
    def trend(self) -> str | None:
        if self.change is None:
            return None
        shown = display_round(self.change, 1)  # the arrow agrees with the number shown beside it
        if shown == 0:
            return "flat"
        if statistics.meaningful(self.change, self.change_margin) is False:
            return "within"  # a change within its margin of error is not coloured as progress or decline
        return "up" if shown > 0 else "down"


def _organisations(user: User) -> list[ClientOrganisation]:
    # The latest round by its dates, not the one typed in last (a round can be entered late).
    latest = newest_rounds_first(Assessment.objects.filter(organisation=OuterRef("pk"))).values("pk")[:1]
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    # A team leader's organisation is left out: the portfolio shows whole organisations' results.
    organisations = organisations_with_results_for(user=user)
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


def _scores(
    assessments: Iterable[Assessment],
    *,
    levelled: Iterable[Assessment],
    levels: dict[tuple[int, str], Level] | None = None,
) -> dict[int, OrganisationScores]:
    """{assessment id: organisation scores} by scoring's own path (the dashboard's index and layers), with
    the level by the dashboard's rule for the `levelled` ones (the latest rounds), in a fixed number of queries."""
    scores = organisation_scores(assessments=assessments)
    pairs: dict[int, list[tuple[str, float]]] | None = None
    if levels is not None:
        pairs = defaultdict(list)
        for (version_id, code), lv in levels.items():
            pairs[version_id].append((code, float(lv.min_score)))
    return organisation_levels(assessments=levelled, scores=scores, level_pairs=pairs)


def _split(scores: OrganisationScores) -> str:
    """ "basics / 9+", each rounded once by the one rule ("—" for a hidden layer); "—" for a model without layers."""
    if scores.basics is None and scores.nine_plus is None:
        return hooks.EMPTY
    return " / ".join(display_text(v) if v is not None else hooks.EMPTY for v in (scores.basics, scores.nine_plus))


def _levels(versions: Iterable[int]) -> dict[tuple[int, str], Level]:
    """{(version id, level code): Level}: the names of the levels the rule picked."""
    return {(lv.version_id, lv.code): lv for lv in Level.objects.filter(version__in=versions)}


def portfolio_rows(*, user: User) -> list[PortfolioRow]:
    organisations = _organisations(user)
    latest = _latest_assessments([o.latest_id for o in organisations if o.latest_id])
    closed = [a for a in latest.values() if a.status == Assessment.Status.CLOSED]
    previous = {a.previous_id for a in closed if a.previous_id}
    to_score_list = closed + list(Assessment.objects.filter(pk__in=previous)) if previous else closed
    levels = _levels({a.model_version_id for a in closed}) if closed else {}
    scores = _scores(to_score_list, levelled=closed, levels=levels) if to_score_list else {}
    extra = hooks.column_values(assessments=closed)
    rows: list[PortfolioRow] = []
    for organisation in organisations:
        assessment = latest.get(organisation.latest_id)
        row = PortfolioRow(organisation=organisation, role=organisation.my_role or "", assessment=assessment)
        if assessment is not None and assessment.invited:
            row.response_rate = round(100 * assessment.completed / assessment.invited)
        if assessment is not None and assessment.status == Assessment.Status.CLOSED:
            mine = scores.get(assessment.pk)
            index = mine.index if mine is not None else None
            if mine is not None and index is not None:
                row.index = index  # unrounded: the page and the export round once, by the one rule
                row.level = levels.get((assessment.model_version_id, mine.level_code or ""))
                earlier = scores.get(assessment.previous_id) if assessment.previous_id else None
                before = earlier.index if earlier is not None else None
                row.change = None if before is None else index - before
                if earlier is not None and before is not None:
                    row.change_margin = statistics.difference_margin(mine.index_margin, earlier.index_margin)
            split = _split(mine) if mine is not None else hooks.EMPTY
            row.basics_split = extra["basics_split"].get(assessment.pk, split)
            row.action_plan = extra["action_plan"].get(assessment.pk, hooks.EMPTY)
        rows.append(row)
    return rows


def _matches(row: PortfolioRow, needle: str) -> bool:
    texts = (row.organisation.name, row.organisation.sector, row.assessment.title if row.assessment else "")
    return any(needle in text.casefold() for text in texts)


def _figure(row: PortfolioRow, key: str) -> float | None:
    """The number a numeric sort key orders by; None (no figure) always goes last."""
    if key == "last":
        return round_date(row.assessment).timestamp() if row.assessment else None
    if key == "level":
        return row.level.order if row.level else None
    return {"rate": row.response_rate, "index": row.index, "change": row.change}[key]


def filtered_and_sorted(
    rows: Sequence[PortfolioRow], *, status: str = "", text: str = "", sort: str = "name"
) -> list[PortfolioRow]:
    """Filter by status and by text (in the name, the sector or the latest round's title); sort by a SORT_KEYS
    key ("-" first for descending), the name breaking ties."""
    if status in STATUSES:
        rows = [r for r in rows if r.status == status]
    if text:
        needle = text.casefold()
        rows = [r for r in rows if _matches(r, needle)]
    descending = sort.startswith("-")
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "name"
    order = {"none": 0, "draft": 1, "open": 2, "closed": 3}

    def value(row: PortfolioRow) -> tuple[Any, ...]:
        if key == "name":
            return (0, row.organisation.name.casefold())
        if key == "status":
            return (0, order[row.status])
        number = _figure(row, key)
        # Rows without a figure go last, whichever the direction.
        return (1, 0) if number is None else (0, -number if descending else number)

    rows = sorted(rows, key=lambda r: r.organisation.name.casefold())
    if key in ("name", "status"):
        return sorted(rows, key=value, reverse=descending)
    return sorted(rows, key=value)


def page_of(rows: Sequence[PortfolioRow], *, page: str | int | None) -> Page[PortfolioRow]:
    """One page of PER_PAGE rows; a page number that is not one gives the first page, one past the end the last."""
    return Paginator(rows, PER_PAGE).get_page(page)
