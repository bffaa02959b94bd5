"""Reads of the customer check: links, the outside-in summary (figures with every minimum applied) and the
knowledge gap per internal group (with the assessment's anonymity rules)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict
from uuid import UUID

from assessments.outside_in import figures
from assessments.outside_in.display import with_organisation
from assessments.outside_in.models import (
    NOT_APPLICABLE,
    CustomerCheck,
    CustomerLink,
    CustomerResponse,
    ImportedFigures,
)
from assessments.outside_in.models import InternalEstimate as Estimate
from assessments.questionnaire.models import Assessment, Response
from assessments.scoring import score_assessment
from assessments.scoring.anonymity import hidden_groups
from assessments.scoring.groups import build_layout
from assessments.scoring.queries import cell_counts, organisation_structure
from assessments.scoring.result import AssessmentResult
from models_9plus.i18n import content_language
from models_9plus.models import Factor

OVERALL = "customers"
# Management first: the knowledge gap is about what management knows of its customers.
SHOWN_ESTIMATE_KINDS = ("management", "staff", "organisation", "team")


@dataclass(frozen=True)
class EstimateGroup:
    key: str
    kind: str
    name_en: str
    name_nl: str
    depth: int
    shown: bool
    # Why it is hidden: "none" (nobody estimated), "minimum" (fewer estimates than the threshold) or
    # "differencing" (enough, but it could be worked out from the other groups); "" when shown.
    hidden_reason: str = ""
    grade: float | None = None  # mean estimated grade; None when hidden
    share: float | None = None  # mean estimated 9+ share (0-100)
    grade_gap: float | None = None  # estimate - customers' actual, in grade points
    share_gap: float | None = None  # in percentage points

    def name(self, language: str | None = None) -> str:
        lang = content_language(language)
        name: str = getattr(self, f"name_{lang}") or self.name_en
        return name


@dataclass(frozen=True)
class FactorRow:
    code: str
    name_en: str
    name_nl: str
    question_en: str
    question_nl: str
    inside: float | None  # the factor's internal maturity score, 0-100 (None when hidden)
    # The customers' view on its own scale: % of the customers who answered that agree. Never subtracted from
    # `inside`: the two measure different things on different scales.
    agree_share: float | None  # None below the minimum
    agree_n: int  # customers who answered the factor's question
    agree_interval: tuple[float, float] | None = None  # 95% Wilson interval of agree_share, % (low, high)

    def name(self, language: str | None = None) -> str:
        name: str = getattr(self, f"name_{content_language(language)}") or self.name_en
        return name

    def question(self, language: str | None = None) -> str:
        question: str = getattr(self, f"question_{content_language(language)}") or self.question_en
        return question


class FactorRowView(TypedDict):
    """A factor row as the page, the PDF section and the agreement chart show it (presenters.section_context)."""

    row: FactorRow
    name: str
    question: str
    agree_share: str


@dataclass(frozen=True)
class TrendPoint:
    title: str
    index: float | None
    grade_mean: float | None
    nine_plus_share: float | None
    ease_old_scale: bool = False  # the round's customers answered the older 1-7 ease question


@dataclass(frozen=True)
class OutsideInSummary:
    minimum: int
    overall: figures.CustomerFigures
    links: tuple[figures.CustomerFigures, ...]
    imported: tuple[figures.CustomerFigures, ...]
    actual: figures.CustomerFigures | None  # what the knowledge gap compares with (live, else latest import)
    estimates: tuple[EstimateGroup, ...]
    estimate_threshold: int
    factors: tuple[FactorRow, ...]
    trend: tuple[TrendPoint, ...]
    flagged: int
    asks_factor_questions: bool
    # The ease figure changed meaning (1-7 mean -> % agree on 1-5) between this check and an earlier one, or
    # within this check (answers from before and after the change): the pages say so.
    ease_method_break: bool = False

    @property
    def any_shown(self) -> bool:
        return self.overall.shown or any(f.shown for f in (*self.links, *self.imported))


def customer_check_for(*, assessment: Assessment) -> CustomerCheck | None:
    return CustomerCheck.objects.filter(assessment=assessment).first()


def links_for(*, check: CustomerCheck) -> list[CustomerLink]:
    return list(check.links.all())


def link_of(*, check: CustomerCheck, public_id: UUID | str) -> CustomerLink | None:
    return CustomerLink.objects.filter(customer_check=check, public_id=public_id).first()


def find_customer_link(*, token: str) -> CustomerLink | None:
    return (
        CustomerLink.objects.select_related("customer_check__assessment__organisation", "customer_check__assessment")
        .filter(token=token, active=True)
        .first()
    )


def customer_factors(*, assessment: Assessment) -> list[Factor]:
    """The factors that carry a customer question (none in v1 models: customers get the general questions)."""
    return [f for f in assessment.model_version.factors.order_by("order") if f.customer_question_en]


def counted_responses(*, link: CustomerLink) -> int:
    return link.responses.count()


def answers_by_link(*, check: CustomerCheck) -> dict[int, figures.Answers]:
    """The counted answers (suspicious ones left out) of each link of the check, by link pk: one query."""
    answers: defaultdict[int, figures.Answers] = defaultdict(
        lambda: figures.Answers(grades=[], efforts=[], recommends=[], factor_values=defaultdict(list))
    )
    rows = CustomerResponse.objects.filter(link__customer_check=check, flag="").values_list(
        "link_id", "grade", "effort", "ease", "recommend", "factor_answers"
    )
    for link_id, grade, effort, ease, recommend, factor_answers in rows:
        bucket = answers[link_id]
        bucket.grades.append(grade)
        if effort is not None:
            bucket.efforts.append(effort)
        if ease is not None:
            bucket.eases.append(ease)
        if recommend is not None:
            bucket.recommends.append(recommend)
        for code, value in (factor_answers or {}).items():
            if value != NOT_APPLICABLE:  # not applicable: no answer on the scale, so not in the denominator
                bucket.factor_values[code].append(value)
    return answers


def _merged(parts: Iterable[figures.Answers]) -> figures.Answers:
    total = figures.Answers(grades=[], efforts=[], recommends=[], factor_values=defaultdict(list))
    for part in parts:
        total.grades.extend(part.grades)
        total.efforts.extend(part.efforts)
        total.eases.extend(part.eases)
        total.recommends.extend(part.recommends)
        for code, values in part.factor_values.items():
            total.factor_values[code].extend(values)
    return total


def live_groups(
    *,
    check: CustomerCheck,
    links: list[CustomerLink],
    factor_codes: Iterable[str],
    answers: dict[int, figures.Answers] | None = None,
) -> tuple[figures.CustomerFigures, tuple[figures.CustomerFigures, ...]]:
    """(overall, per-link figures): each needs the minimum, and no hidden link can be had by subtraction.
    `answers`: the check's answers_by_link when the caller has them already (saves the query)."""
    if answers is None:
        answers = answers_by_link(check=check)
    empty = figures.Answers(grades=[], efforts=[], recommends=[], factor_values={})
    link_answers = {f"link:{link.public_id}": answers.get(link.pk, empty) for link in links}
    counts = {key: len(a.grades) for key, a in link_answers.items()}
    counts[OVERALL] = sum(counts.values())
    below = {key for key, n in counts.items() if n < check.min_responses}
    hidden = hidden_groups(counts=counts, partitions=[(OVERALL, list(link_answers))], threshold=check.min_responses)
    minimum = check.min_responses

    def reason(key: str) -> str | None:
        return None if key not in hidden else ("minimum" if key in below else "differencing")

    overall = figures.live_figures(
        key=OVERALL,
        label="",
        answers=_merged(link_answers.values()),
        minimum=minimum,
        shown=OVERALL not in hidden,
        reason=reason(OVERALL),
        factor_codes=factor_codes,
    )
    per_link = tuple(
        figures.live_figures(
            key=key,
            label=link.label,
            answers=link_answers[key],
            minimum=minimum,
            shown=key not in hidden,
            reason=reason(key),
        )
        for key, link in zip(link_answers, links, strict=True)
    )
    return overall, per_link


def open_answers_of(*, link_ids: Iterable[int]) -> dict[int, list[str]]:
    """The customers' open answers per link (counted responses only, non-empty), in a stable order."""
    rows = (
        CustomerResponse.objects.filter(link_id__in=list(link_ids), flag="")
        .exclude(open_answer="")
        .order_by("submitted_on", "pk")
        .values_list("link_id", "open_answer")
    )
    found: defaultdict[int, list[str]] = defaultdict(list)
    for link_id, text in rows:
        found[link_id].append(text)
    return dict(found)


def imported_groups(*, check: CustomerCheck) -> tuple[figures.CustomerFigures, ...]:
    rows = ImportedFigures.objects.filter(customer_check=check).order_by("period", "channel")
    return tuple(
        figures.imported_figures(key=f"imported:{row.pk}", row=row, minimum=check.min_responses) for row in rows
    )


def _estimate_rows(assessment: Assessment) -> list[tuple[int | None, int | None, int | None, int | None]]:
    return list(
        Estimate.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .exclude(grade__isnull=True, share_nine_plus__isnull=True)
        .values_list("response__team_id", "response__role_id", "grade", "share_nine_plus")
    )


def estimate_groups(
    *, assessment: Assessment, result: AssessmentResult, actual: figures.CustomerFigures | None
) -> tuple[EstimateGroup, ...]:
    """The internal estimate per group, hidden by the same rules as the scores (threshold, differencing)."""
    teams, roles, team_ids, role_ids = organisation_structure(assessment=assessment)
    cells = set(cell_counts(assessment=assessment))
    layout = build_layout(
        teams=teams,
        roles=roles,
        team_ids=team_ids,
        role_ids=role_ids,
        cells=cells,
        organisation_name=assessment.organisation.name,
    )
    by_cell: defaultdict[tuple[int | None, int | None], list[tuple[int | None, int | None]]] = defaultdict(list)
    for team_id, role_id, estimated_grade, estimated_share in _estimate_rows(assessment):
        by_cell[(team_id, role_id)].append((estimated_grade, estimated_share))
    members = {key: [e for cell in layout.cells.get(key, ()) for e in by_cell.get(cell, ())] for key in layout.refs}
    counts = {key: len(values) for key, values in members.items()}
    suppressed_reasons = {
        g.group.key: g.suppressed_reason
        for g in (
            result.organisation,
            *result.teams,
            *result.roles,
            *result.team_roles,
            result.management,
            result.staff,
        )
        if g is not None and g.suppressed
    }
    hidden = hidden_groups(
        counts=counts,
        threshold=assessment.threshold_scores,
        already_hidden=set(suppressed_reasons),
        partitions=layout.partitions,
        nested=layout.nested,
        identical=layout.identical,
    )
    actual_grade = actual.grade_mean if actual is not None else None
    actual_share = actual.nine_plus_share if actual is not None else None
    groups: list[EstimateGroup] = []
    for key, ref in layout.refs.items():
        if ref.kind not in SHOWN_ESTIMATE_KINDS:
            continue
        base: dict[str, Any] = {
            "key": key,
            "kind": ref.kind,
            "name_en": ref.name_en,
            "name_nl": ref.name_nl,
            "depth": ref.depth,
        }
        if key in hidden or not counts[key]:
            reason = "none" if not counts[key] else "minimum" if counts[key] < assessment.threshold_scores else ""
            groups.append(EstimateGroup(shown=False, hidden_reason=reason or "differencing", **base))
            continue
        grade = figures.mean([g for g, _s in members[key] if g is not None])
        share = figures.mean([s for _g, s in members[key] if s is not None])
        groups.append(
            EstimateGroup(
                shown=True,
                grade=grade,
                share=share,
                grade_gap=figures.gap(grade, actual_grade),
                share_gap=figures.gap(share, actual_share),
                **base,
            )
        )
    order = {kind: i for i, kind in enumerate(SHOWN_ESTIMATE_KINDS)}
    return tuple(sorted(groups, key=lambda g: order[g.kind]))


def _factor_rows(
    assessment: Assessment, result: AssessmentResult, overall: figures.CustomerFigures
) -> tuple[FactorRow, ...]:
    rows = []
    for factor in assessment.model_version.factors.order_by("order"):
        if not factor.customer_question_en:
            continue
        inside = next((f for f in result.organisation.factors if f.factor_code == factor.code), None)
        view = overall.factor(factor.code)
        rows.append(
            FactorRow(
                code=factor.code,
                name_en=factor.name_en,
                name_nl=factor.name_nl,
                question_en=with_organisation(factor.customer_question_en, assessment.organisation.name),
                question_nl=with_organisation(factor.customer_question_nl, assessment.organisation.name),
                inside=inside.score if inside is not None else None,
                agree_share=view.agree_share if view is not None else None,
                agree_n=view.n if view is not None else 0,
                agree_interval=view.agree_interval if view is not None else None,
            )
        )
    return tuple(rows)


def _trend(
    assessment: Assessment, result: AssessmentResult, overall: figures.CustomerFigures
) -> tuple[TrendPoint, ...]:
    """This round and the previous ones (newest first): maturity index beside the customers' grade."""
    points = [
        TrendPoint(
            title=assessment.title,
            index=result.index,
            grade_mean=overall.grade_mean,
            nine_plus_share=overall.nine_plus_share,
        )
    ]
    seen = {assessment.pk}
    previous = assessment.previous
    while previous is not None and previous.pk not in seen and len(points) < 6:
        seen.add(previous.pk)
        check = customer_check_for(assessment=previous)
        earlier = None
        if check is not None:
            earlier, _links = live_groups(check=check, links=links_for(check=check), factor_codes=())
        points.append(
            TrendPoint(
                title=previous.title,
                index=score_assessment(assessment=previous).index,
                grade_mean=earlier.grade_mean if earlier else None,
                nine_plus_share=earlier.nine_plus_share if earlier else None,
                ease_old_scale=earlier is not None and earlier.ease is not None,
            )
        )
        previous = previous.previous
    return tuple(points)


def actual_figures(
    *, overall: figures.CustomerFigures, imported: Iterable[figures.CustomerFigures]
) -> figures.CustomerFigures | None:
    """The customers' figures the knowledge gap and the level rule use: the live answers when shown,
    else the latest imported period with a grade."""
    if overall.shown:
        return overall
    with_grade = [f for f in imported if f.shown and f.grade_mean is not None]
    return max(with_grade, key=lambda f: f.period) if with_grade else None


def outside_in_summary(*, assessment: Assessment, check: CustomerCheck) -> OutsideInSummary:
    links = links_for(check=check)
    factor_codes = [f.code for f in customer_factors(assessment=assessment)]
    overall, per_link = live_groups(check=check, links=links, factor_codes=factor_codes)
    imported = imported_groups(check=check)
    actual = actual_figures(overall=overall, imported=imported)
    result = score_assessment(assessment=assessment)
    trend = _trend(assessment, result, overall)
    new_scale = overall.ease_agree is not None
    return OutsideInSummary(
        minimum=check.min_responses,
        overall=overall,
        links=per_link,
        imported=imported,
        actual=actual,
        estimates=estimate_groups(assessment=assessment, result=result, actual=actual),
        estimate_threshold=assessment.threshold_scores,
        factors=_factor_rows(assessment, result, overall),
        trend=trend,
        ease_method_break=new_scale and (overall.ease is not None or any(p.ease_old_scale for p in trend)),
        flagged=CustomerResponse.objects.filter(link__customer_check=check).exclude(flag="").count(),
        asks_factor_questions=bool(factor_codes),
    )


def answers_for_export(*, check: CustomerCheck, summary: OutsideInSummary) -> list[CustomerResponse]:
    """Customer answers of links whose figures are shown (a link below the minimum gives nothing away)."""
    shown = {f.key for f in summary.links if f.shown}
    links = [link for link in links_for(check=check) if f"link:{link.public_id}" in shown]
    rows = (
        CustomerResponse.objects.filter(link__in=links, flag="")
        .select_related("link")
        .order_by("link__label", "submitted_on", "pk")
    )
    return list(rows)


def respondent_estimate(*, response: Response | None) -> Estimate | None:
    if response is None:
        return None
    return Estimate.objects.filter(response=response).first()
