"""Customer figures, computed from plain numbers (no database): grade mean, share of 9s and 10s, NPS,
ease (the CES question), the customers' view per factor, and the knowledge gap.

Definitions (also on the "how we score" page):
- grade mean: the average school grade 1-10 the customers gave;
- 9+ share: 100 x (grades of 9 or 10) / (all grades): only a 9 or 10 means a loyal customer;
- NPS: 100 x (promoters, 9-10) / n - 100 x (detractors, 0-6) / n on the 0-10 recommend question (-100..100);
- ease: the share of customers who agree (4 or 5 on the 1-5 scale) that "it was easy to arrange what I
  needed", in % (`ease_agree`). Earlier customer checks asked "how easy was it?" from 1 (very difficult) to
  7 (very easy): their figure stays the average on that scale (`ease`, stored as `effort`; imported CES
  figures too). The two are different figures and are never merged or compared as one;
- the customers' view of a factor: the share of customers who agree (4 or 5 on the 1-5 scale) with that
  factor's customer statement, in %. It is on its own scale: it is never set off against a maturity score
  (0-100 says how far practices are in place inside; "% agree" what customers say), so no difference of the
  two is ever computed;
- margins of error (95%, computed in assessments.scoring.statistics like every other interval): the
  grade mean's t-interval from the grades' spread (± grade points), and the Wilson interval of each share
  (9+ share, 7-or-higher share, agree share) as (low, high) in %; None wherever the figure is hidden or
  the grades themselves are not known (an import without a grade distribution);
- knowledge gap: the internal estimate minus the customers' actual figure (positive = we think too well of
  ourselves): in grade points for the grade, in percentage points for the 9+ share.

`CustomerFigures` refuses to carry any figure when it is not shown (fewer responses than the minimum or
hidden against subtraction): whatever a page, export or PDF does with it, it cannot leak one.
"""

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from assessments.outside_in.models import AGREE_MAX, ImportedFigures
from assessments.scoring import statistics

PROMOTER_MIN = 9
DETRACTOR_MAX = 6
NINE_PLUS = 9
AGREE_FROM = AGREE_MAX - 1  # "agree" and "fully agree" on the 1-5 scale


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def grade_mean(grades: Sequence[int]) -> float | None:
    return mean(grades)


def nine_plus_share(grades: Sequence[int]) -> float | None:
    return 100 * sum(1 for g in grades if g >= NINE_PLUS) / len(grades) if grades else None


def grade_distribution(grades: Iterable[int]) -> tuple[int, ...]:
    counts = [0] * 10
    for grade in grades:
        counts[grade - 1] += 1
    return tuple(counts)


def nps(scores: Sequence[int]) -> float | None:
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= PROMOTER_MIN)
    detractors = sum(1 for s in scores if s <= DETRACTOR_MAX)
    return 100 * (promoters - detractors) / len(scores)


def agree_share(values: Sequence[int]) -> float | None:
    """% of the answers (1..5) that agree (4 or 5): the customers' view of a factor, on its own scale."""
    return 100 * sum(1 for v in values if v >= AGREE_FROM) / len(values) if values else None


BASICS_FROM = 7  # a 7 or 8: the basics work, seen from outside; a 9 or 10: loyal


@dataclass(frozen=True)
class GradeBands:
    """% of customers per band: the 7+/9+ split seen from the customers' side."""

    dissatisfied: float  # 6 or lower
    indifferent: float  # 7 or 8 ("passive")
    loyal: float  # 9 or 10

    @property
    def basics(self) -> float:
        """7 or higher: the basics seen from outside."""
        return self.indifferent + self.loyal


def grade_bands(counts: Sequence[int] | None) -> GradeBands | None:
    """The three bands of a grade distribution (counts of grades 1..10); None without grades."""
    total = sum(counts) if counts else 0
    if not counts or not total:
        return None
    return GradeBands(
        dissatisfied=100 * sum(counts[: BASICS_FROM - 1]) / total,
        indifferent=100 * sum(counts[BASICS_FROM - 1 : NINE_PLUS - 1]) / total,
        loyal=100 * sum(counts[NINE_PLUS - 1 :]) / total,
    )


def share_interval(hits: int, n: int) -> tuple[float, float] | None:
    """The 95% Wilson interval of hits / n in % (low, high); None without answers."""
    found = statistics.wilson(hits, n)
    return None if found is None else (100 * found[0], 100 * found[1])


def grade_margin(counts: Sequence[int] | None) -> float | None:
    """The 95% margin of the grade mean (grade points) from a distribution of grades 1..10."""
    if not counts:
        return None
    total = sum(counts)
    moments = statistics.Moments(
        n=total,
        total=float(sum(g * c for g, c in enumerate(counts, start=1))),
        total_sq=float(sum(g * g * c for g, c in enumerate(counts, start=1))),
    )
    return statistics.mean_margin(moments)


@dataclass(frozen=True)
class ShareIntervals:
    """The 95% intervals (low, high in %) of a grade distribution's shares."""

    nine_plus: tuple[float, float] | None
    basics: tuple[float, float] | None  # 7 or higher


def share_intervals(counts: Sequence[int] | None) -> ShareIntervals:
    total = sum(counts) if counts else 0
    if not counts or not total:
        return ShareIntervals(nine_plus=None, basics=None)
    return ShareIntervals(
        nine_plus=share_interval(sum(counts[NINE_PLUS - 1 :]), total),
        basics=share_interval(sum(counts[BASICS_FROM - 1 :]), total),
    )


def gap(estimate: float | None, actual: float | None) -> float | None:
    return None if estimate is None or actual is None else estimate - actual


def mean_from_distribution(counts: Sequence[int]) -> float | None:
    total = sum(counts)
    return sum(grade * c for grade, c in enumerate(counts, start=1)) / total if total else None


def share_from_distribution(counts: Sequence[int]) -> float | None:
    total = sum(counts)
    return 100 * sum(counts[NINE_PLUS - 1 :]) / total if total else None


@dataclass(frozen=True)
class FactorView:
    factor_code: str
    n: int
    agree_share: float | None  # % of customers who agree (4 or 5 of 5); None below the minimum
    agree_interval: tuple[float, float] | None = None  # its 95% Wilson interval in % (low, high)


@dataclass(frozen=True)
class CustomerFigures:
    """Figures of one customer group (a link, all links, or an imported period and channel)."""

    key: str
    label: str
    n: int  # responses counted (suspicious ones excluded); always shown
    shown: bool
    hidden_reason: str | None = None  # "minimum" | "differencing"
    imported: bool = False
    period: str = ""
    grade_mean: float | None = None
    nine_plus_share: float | None = None
    distribution: tuple[int, ...] | None = None
    nps: float | None = None
    ease: float | None = None  # older checks and imports: mean of 1 (very difficult) .. 7 (very easy)
    ease_agree: float | None = None  # % who agree it was easy to arrange what they needed (1-5 scale)
    csat: float | None = None
    factors: tuple[FactorView, ...] = ()
    # Margins of error (95%): None when hidden or when the grades are unknown (see the module docstring).
    grade_margin: float | None = None  # grade_mean ± grade_margin, grade points
    nine_plus_interval: tuple[float, float] | None = None  # (low, high) of nine_plus_share, %
    basics_interval: tuple[float, float] | None = None  # (low, high) of the share of 7 or higher, %

    _ALWAYS = frozenset({"key", "label", "n", "shown", "hidden_reason", "imported", "period"})

    def __post_init__(self) -> None:
        if self.shown:
            return
        for field in fields(self):
            if field.name in self._ALWAYS:
                continue
            value = getattr(self, field.name)
            if field.name == "factors":
                if any(f.agree_share is not None or f.agree_interval is not None for f in value):
                    raise ValueError("A hidden customer group cannot carry factor scores.")
            elif value is not None:
                raise ValueError(f"A hidden customer group cannot carry {field.name}.")

    def factor(self, code: str) -> FactorView | None:
        return next((f for f in self.factors if f.factor_code == code), None)


@dataclass(frozen=True)
class Answers:
    """The raw answers of one group, as plain lists."""

    grades: list[int]
    efforts: list[int]  # older checks: 1..7
    recommends: list[int]
    factor_values: dict[str, list[int]]  # factor code -> [1..5]
    eases: list[int] = dataclasses.field(default_factory=list)  # 1..5 agree


def live_figures(
    *,
    key: str,
    label: str,
    answers: Answers,
    minimum: int,
    shown: bool,
    reason: str | None,
    factor_codes: Iterable[str] = (),
) -> CustomerFigures:
    """factor_codes: the factors to give the customers' view of (only for the overall group, so no factor
    figure can be had by subtracting one link from all links); each needs `minimum` answers of its own."""
    n = len(answers.grades)
    if not shown:
        return CustomerFigures(key=key, label=label, n=n, shown=False, hidden_reason=reason)
    views: list[FactorView] = []
    for code in factor_codes:
        values = answers.factor_values.get(code, [])
        views.append(
            FactorView(
                factor_code=code,
                n=len(values),
                agree_share=agree_share(values) if len(values) >= minimum else None,
                agree_interval=(
                    share_interval(sum(1 for v in values if v >= AGREE_FROM), len(values))
                    if len(values) >= minimum
                    else None
                ),
            )
        )
    counts = grade_distribution(answers.grades)
    intervals = share_intervals(counts)
    return CustomerFigures(
        key=key,
        label=label,
        n=n,
        shown=True,
        grade_mean=grade_mean(answers.grades),
        nine_plus_share=nine_plus_share(answers.grades),
        distribution=counts,
        nps=nps(answers.recommends),
        ease=mean(answers.efforts),
        ease_agree=agree_share(answers.eases),
        factors=tuple(views),
        grade_margin=grade_margin(counts),
        nine_plus_interval=intervals.nine_plus,
        basics_interval=intervals.basics,
    )


def imported_figures(*, key: str, row: ImportedFigures, minimum: int) -> CustomerFigures:
    label = row.channel
    if row.responses < minimum:
        return CustomerFigures(
            key=key,
            label=label,
            n=row.responses,
            shown=False,
            hidden_reason="minimum",
            imported=True,
            period=row.period,
        )
    counts = tuple(row.grade_counts) if row.grade_counts else None
    intervals = share_intervals(counts)
    return CustomerFigures(
        key=key,
        label=label,
        n=row.responses,
        shown=True,
        imported=True,
        period=row.period,
        grade_mean=mean_from_distribution(counts) if counts else row.grade_mean,
        nine_plus_share=share_from_distribution(counts) if counts else None,
        distribution=counts,
        nps=row.nps,
        ease=row.ces,
        csat=row.csat,
        grade_margin=grade_margin(counts),
        nine_plus_interval=intervals.nine_plus,
        basics_interval=intervals.basics,
    )
