"""The organisation's level (phase), the one function every surface's level comes from.

The rule (statistics.phase_for, stated on the "how we score" page): the level of the maturity index,
except that the top level also needs the overall 9+ layer at least the top level's minimum and, where
customers gave a share of 9s and 10s, that share at least statistics.CUSTOMERS_NINE_PLUS_MIN.

The customers' share lives in the customer check (outside_in, a domain above scoring), which registers
a provider here when the app is ready (`AssessmentsConfig.ready`):

    level.register_customer_shares(provider)

provider(*, assessment_ids: Collection[int]) -> {assessment id: share of 9s and 10s, 0-100} for the
assessments whose customers gave a shown share (left out otherwise), in a fixed number of queries. The
share is read on every call and never cached with the scores: customer answers keep arriving after a
round closes, and they change no score, only whether the top level is reached.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

from assessments.questionnaire.models import Assessment
from assessments.scoring import statistics
from assessments.scoring.result import AssessmentResult

CustomerShares = Callable[..., dict[int, float]]
_providers: list[CustomerShares] = []


def register_customer_shares(provider: CustomerShares) -> CustomerShares:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def customer_shares(*, assessment_ids: Collection[int]) -> dict[int, float]:
    """{assessment id: the customers' share of 9s and 10s} where one is shown."""
    shares: dict[int, float] = {}
    if assessment_ids:
        for provider in _providers:
            shares.update(provider(assessment_ids=assessment_ids))
    return shares


def organisation_level(
    *,
    index: float | None,
    levels: Iterable[tuple[str, float]],
    layered: bool,
    nine_plus: float | None,
    customers_nine_plus: float | None,
) -> str | None:
    """The level code of an organisation's round from its index, its overall 9+ layer (None when hidden;
    layered: the model tags 9+ statements) and its customers' share of 9s and 10s (None without one)."""
    if index is None:
        return None
    return statistics.phase_for(
        index, levels, layered=layered, nine_plus=nine_plus, customers_nine_plus=customers_nine_plus
    )


def with_customers(result: AssessmentResult, *, assessment: Assessment) -> AssessmentResult:
    """The result with the organisation's level set by the whole rule (scoring computes the scores; the
    customers' share is read here, fresh). Teams and roles keep the level of their own index and 9+
    layer: customers grade the organisation, not a team."""
    share = customer_shares(assessment_ids=[assessment.pk]).get(assessment.pk)
    lenses = result.lenses_for("organisation")
    nine_plus = lenses.nine_plus if lenses is not None else None
    code = organisation_level(
        index=result.index,
        levels=[(lv.code, lv.min_score) for lv in result.levels],
        layered=bool(result.lenses),
        nine_plus=nine_plus.score if nine_plus is not None and not nine_plus.suppressed else None,
        customers_nine_plus=share,
    )
    if code == result.level_code and share == result.customers_nine_plus:
        return result
    return replace(
        result,
        level_code=code,
        customers_nine_plus=share,
        organisation=replace(result.organisation, level_code=code),
    )
