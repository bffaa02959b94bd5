"""The consultant's portfolio: every client organisation with its latest assessment, in a fixed number of queries.

While an assessment is open it shows the status and response rate; once closed, the maturity index and level
(scored like the dashboard: the mean of the factor scores, only when every factor meets the assessment's own
threshold) and the trend against the previous round.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.contrib.auth.models import User
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from assessments.benchmarks import hooks
from assessments.organisations.access import organisations_for
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import newest_rounds_first
from assessments.scoring import statistics
from assessments.scoring.organisations import organisation_scores
from assessments.scoring.rounding import display_round
from models_9plus.models import Level

SORT_KEYS = ("name", "status", "rate", "index", "change")
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
    return list(organisations_for(user=user).annotate(latest_id=Subquery(latest), my_role=Subquery(role)))


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


def _indexes(assessments: Iterable[Assessment]) -> dict[int | None, tuple[float, float | None]]:
    """{assessment id: (index, its margin of error)} for the given assessments whose every factor is shown:
    scoring's own path (the dashboard's index), in a fixed number of queries."""
    scores = organisation_scores(assessments=assessments)
    return {pk: (s.index, s.index_margin) for pk, s in scores.items() if s.index is not None}


def _levels(versions: Iterable[int]) -> defaultdict[int, list[Level]]:
    levels: defaultdict[int, list[Level]] = defaultdict(list)
    for level in Level.objects.filter(version__in=versions).order_by("-min_score"):
        levels[level.version_id].append(level)
    return levels


def _level_for(levels: Iterable[Level], index: float) -> Level | None:
    return next((lv for lv in levels if round(index, 6) >= float(lv.min_score)), None)


def portfolio_rows(*, user: User) -> list[PortfolioRow]:
    organisations = _organisations(user)
    latest = _latest_assessments([o.latest_id for o in organisations if o.latest_id])
    closed = [a for a in latest.values() if a.status == Assessment.Status.CLOSED]
    previous = {a.previous_id for a in closed if a.previous_id}
    to_score_list = closed + list(Assessment.objects.filter(pk__in=previous)) if previous else closed
    indexes = _indexes(to_score_list) if to_score_list else {}
    levels = _levels({a.model_version_id for a in closed}) if closed else {}
    extra = hooks.column_values(assessments=closed)
    rows: list[PortfolioRow] = []
    for organisation in organisations:
        assessment = latest.get(organisation.latest_id)
        row = PortfolioRow(organisation=organisation, role=organisation.my_role or "", assessment=assessment)
        if assessment is not None and assessment.invited:
            row.response_rate = round(100 * assessment.completed / assessment.invited)
        if assessment is not None and assessment.status == Assessment.Status.CLOSED:
            index, margin = indexes.get(assessment.pk, (None, None))
            if index is not None:
                row.index = index  # unrounded: the page and the export round once, by the one rule
                row.level = _level_for(levels.get(assessment.model_version_id, []), index)
                before, before_margin = indexes.get(assessment.previous_id, (None, None))
                row.change = None if before is None else index - before
                row.change_margin = statistics.difference_margin(margin, before_margin) if before is not None else None
            row.basics_split = extra["basics_split"].get(assessment.pk, hooks.EMPTY)
            row.action_plan = extra["action_plan"].get(assessment.pk, hooks.EMPTY)
        rows.append(row)
    return rows


def filtered_and_sorted(
    rows: Sequence[PortfolioRow], *, status: str = "", text: str = "", sort: str = "name"
) -> list[PortfolioRow]:
    """Filter by status and name/sector text; sort by a SORT_KEYS key ("-" first for descending)."""
    if status in STATUSES:
        rows = [r for r in rows if r.status == status]
    if text:
        needle = text.casefold()
        rows = [
            r for r in rows if needle in r.organisation.name.casefold() or needle in r.organisation.sector.casefold()
        ]
    descending = sort.startswith("-")
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "name"
    order = {"none": 0, "draft": 1, "open": 2, "closed": 3}

    def value(row: PortfolioRow) -> tuple[Any, ...]:
        if key == "name":
            return (0, row.organisation.name.casefold())
        if key == "status":
            return (0, order[row.status])
        number = {"rate": row.response_rate, "index": row.index, "change": row.change}[key]
        # Rows without a figure go last, whichever the direction.
        return (1, 0) if number is None else (0, -number if descending else number)

    rows = sorted(rows, key=lambda r: r.organisation.name.casefold())
    if key in ("name", "status"):
        return sorted(rows, key=value, reverse=descending)
    return sorted(rows, key=value)
