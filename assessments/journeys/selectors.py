"""Reads of journeys and moments, and the moments-that-matter view of one journey in one round: per moment
the customers' figures (from the customer check's own functions) beside the owning team's basics and 9+
layer scores (from the round's scoring result, with its anonymity rules)."""

from dataclasses import dataclass, replace
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from assessments.journeys import figures as moment_figures
from assessments.journeys.models import Journey, Moment, MomentLink
from assessments.organisations.models import Organisation, Team
from assessments.outside_in import figures
from assessments.outside_in.models import CustomerCheck, CustomerLink
from assessments.outside_in.selectors import answers_by_link, links_for, live_groups, open_answers_of
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import newest_rounds_first
from assessments.scoring import score_assessment
from assessments.scoring.result import THRESHOLD, AssessmentResult, LensScore


def journeys_of(*, organisation: Organisation) -> list[Journey]:
    moments = Moment.objects.select_related("team").order_by("position", "pk")
    return list(organisation.journeys.prefetch_related(Prefetch("moments", queryset=moments)))


def journey_in(*, organisation: Organisation, public_id: UUID | str) -> Journey | None:
    return Journey.objects.filter(organisation=organisation, public_id=public_id).first()


def moments_of(*, journey: Journey) -> list[Moment]:
    return list(journey.moments.select_related("team").order_by("position", "pk"))


def moment_in(*, journey: Journey, public_id: UUID | str) -> Moment | None:
    return Moment.objects.filter(journey=journey, public_id=public_id).select_related("team").first()


def teams_for_moments(*, organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).order_by("name")


def rounds_with_check(*, organisation: Organisation) -> list[Assessment]:
    """The organisation's rounds that run a customer check, newest first by their dates (not by when they were
    typed in), as the blueprint and the trend order them."""
    return list(newest_rounds_first(Assessment.objects.filter(organisation=organisation, customer_check__isnull=False)))


def check_of_round(*, organisation: Organisation, public_id: UUID | str) -> CustomerCheck | None:
    return (
        CustomerCheck.objects.filter(assessment__organisation=organisation, assessment__public_id=public_id)
        .select_related("assessment")
        .first()
    )


def moment_links(*, moment: Moment) -> list[CustomerLink]:
    """The customer links tied to the moment, newest round first."""
    return list(
        CustomerLink.objects.filter(moment_link__moment=moment)
        .select_related("customer_check__assessment")
        .order_by("-customer_check__assessment__created_at", "label")
    )


def moment_link_in(*, moment: Moment, public_id: UUID | str) -> CustomerLink | None:
    return (
        CustomerLink.objects.filter(moment_link__moment=moment, public_id=public_id)
        .select_related("customer_check__assessment")
        .first()
    )


def has_moment_links(*, assessment: Assessment) -> bool:
    return MomentLink.objects.filter(link__customer_check__assessment=assessment).exists()


@dataclass(frozen=True)
class TeamLayers:
    """The owning team's own view in this round: its basics (7+) and 9+ layer scores, 0-100."""

    team_name: str
    respondents: int | None  # None: the team has no group in this round (nobody answered)
    measured: bool  # False when the model version has no layers (statement tags)
    basis: LensScore | None
    nine_plus: LensScore | None
    threshold: int


@dataclass(frozen=True)
class MomentRow:
    moment: Moment
    customers: moment_figures.MomentCustomers | None  # None: no customer link tied in this round
    team: TeamLayers | None  # None: no owning team named


@dataclass(frozen=True)
class JourneyView:
    journey: Journey
    assessment: Assessment | None
    minimum: int
    comment_threshold: int
    rows: tuple[MomentRow, ...]


def _team_layers(result: AssessmentResult, team: Team | None) -> TeamLayers | None:
    if team is None:
        return None
    key = f"team:{team.public_id}"
    group = next((g for g in result.teams if g.group.key == key), None)
    lenses = result.lenses_for(key)
    measured = bool(result.lenses)
    threshold = result.thresholds.scores
    if group is None:
        return TeamLayers(team.name, None, measured, None, None, threshold)
    if lenses is None and measured:  # a group without lenses: hidden like the group itself
        hidden = LensScore(key="", n=0, suppressed=True, suppressed_reason=group.suppressed_reason or THRESHOLD)
        return TeamLayers(team.name, group.respondents, measured, hidden, hidden, threshold)
    basis = lenses.basis if lenses is not None else None
    nine = lenses.nine_plus if lenses is not None else None
    if group.suppressed:  # the whole team is hidden: its layers carry the team's reason
        reason = group.suppressed_reason or THRESHOLD
        basis = replace(basis, suppressed_reason=reason) if basis is not None else None
        nine = replace(nine, suppressed_reason=reason) if nine is not None else None
    return TeamLayers(team.name, group.respondents, measured, basis, nine, threshold)


@dataclass(frozen=True)
class CheckMoments:
    """Every tied moment's customers in one round's customer check, all journeys at once: the anonymity
    rules (the minimum, no moment worked out by subtraction) judge all of them together."""

    check: CustomerCheck
    links: dict[int, list[CustomerLink]]  # moment pk -> its links in this check
    figures: dict[int, figures.CustomerFigures]  # moment pk -> its customers (hidden ones carry nothing)


def check_moments(*, check: CustomerCheck) -> CheckMoments:
    """Three queries, whatever the number of journeys and moments."""
    links = links_for(check=check)
    answers = answers_by_link(check=check)
    overall, per_link = live_groups(check=check, links=links, factor_codes=(), answers=answers)
    all_tied = dict(MomentLink.objects.filter(link__customer_check=check).values_list("link_id", "moment_id"))
    tied: dict[int, list[CustomerLink]] = {}
    for link in links:
        if link.pk in all_tied:
            tied.setdefault(all_tied[link.pk], []).append(link)
    link_key = {link.pk: f"link:{link.public_id}" for link in links}
    link_counts = {f.key: f.n for f in per_link}
    shown_links = {f.key for f in per_link if f.shown}
    groups: dict[str, list[str]] = {}
    for link_pk, moment_pk in all_tied.items():
        groups.setdefault(f"moment:{moment_pk}", []).append(link_key[link_pk])
    counts = {key: sum(link_counts[k] for k in keys) for key, keys in groups.items()}
    hidden = moment_figures.hidden_moments(
        moment_counts=counts,
        moment_links=groups,
        link_counts=link_counts,
        shown_links=shown_links,
        overall_count=overall.n,
        overall_shown=overall.shown,
        minimum=check.min_responses,
    )
    empty = figures.Answers(grades=[], efforts=[], recommends=[], factor_values={})
    found: dict[int, figures.CustomerFigures] = {}
    for moment_pk, mine in tied.items():
        key = f"moment:{moment_pk}"
        merged = figures.Answers(grades=[], efforts=[], recommends=[], factor_values={})
        for link in mine:
            part = answers.get(link.pk, empty)
            merged.grades.extend(part.grades)
            merged.efforts.extend(part.efforts)
            merged.recommends.extend(part.recommends)
        found[moment_pk] = figures.live_figures(
            key=key,
            label="",
            answers=merged,
            minimum=check.min_responses,
            shown=key not in hidden,
            reason=hidden.get(key),
        )
    return CheckMoments(check=check, links=tied, figures=found)


def journey_view(*, journey: Journey, assessment: Assessment | None) -> JourneyView:
    """The journey's moments in order, each with its customers in `assessment`'s customer check (if any)
    and its owning team's layer scores in that round."""
    moments = moments_of(journey=journey)
    check = CustomerCheck.objects.filter(assessment=assessment).first() if assessment is not None else None
    if assessment is None or check is None:
        bare = tuple(MomentRow(moment=m, customers=None, team=None) for m in moments)
        return JourneyView(journey=journey, assessment=assessment, minimum=0, comment_threshold=0, rows=bare)
    found = check_moments(check=check)
    tied = {m.pk: found.links.get(m.pk, []) for m in moments}
    open_answers = open_answers_of(link_ids=[link.pk for ls in tied.values() for link in ls])
    result = score_assessment(assessment=assessment)
    rows: list[MomentRow] = []
    for moment in moments:
        mine = tied[moment.pk]
        customers = None
        if mine:
            customers = moment_figures.moment_customers(
                figures=found.figures[moment.pk],
                target=moment.target,
                open_answers=[text for link in mine for text in open_answers.get(link.pk, [])],
                comment_threshold=assessment.threshold_comments,
                links=len(mine),
            )
        rows.append(MomentRow(moment=moment, customers=customers, team=_team_layers(result, moment.team)))
    return JourneyView(
        journey=journey,
        assessment=assessment,
        minimum=check.min_responses,
        comment_threshold=assessment.threshold_comments,
        rows=tuple(rows),
    )


def journeys_with_links(*, assessment: Assessment) -> list[Journey]:
    """The journeys with at least one moment tied to a customer link of this round (for the PDF, the API)."""
    return list(
        Journey.objects.filter(moments__links__link__customer_check__assessment=assessment)
        .distinct()
        .order_by("name_en")
    )
