"""The benchmark of a closed assessment: each factor's score against similar organisations.

Peers are the other opted-in organisations (all of them, the same sector or the same size band), each
with its latest closed assessment on the same model version, scored per factor and only where that
assessment met its own score threshold. They count by independent owner, one value per owner group, never
the viewer's own group, and a figure is published only as guard.py allows (enough owners, whole steps that no
single group can move); no peer is ever named and no single peer's score is shown.
"""

import hashlib
import statistics as py_statistics
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from assessments.benchmarks import guard, queries
from assessments.benchmarks.owners import owner_groups
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.scoring import stored
from assessments.scoring.cache import RESULT_FORMAT, get_or_compute
from assessments.scoring.result import AssessmentResult

MIN_ORGANISATIONS = guard.MIN_OWNERS_MEDIAN  # independent owner groups for a median (quartiles: guard.py)
# One peer's factor score: (organisation id, sector, size band, factor code, score 0-100).
PeerScore = tuple[int, str, str, str, float]
GROUPS = ("all", "sector", "size")
# Bumped by services.bump_generation whenever an organisation joins or leaves: part of every cache key.
GENERATION_KEY = "cxm:bench:generation"


@dataclass(frozen=True)
class FactorBenchmark:
    code: str
    own: float | None  # the organisation's own score, None when its dashboard hides it
    organisations: int  # independent owner groups with a score for this factor
    position: str | None = None  # guard.POSITIONS: the own score against the published figures
    # Published figures (guard.py): whole steps of guard.STEP points, None when withheld.
    q1: int | None = None
    median: int | None = None
    q3: int | None = None

    @property
    def shown(self) -> bool:
        return any(v is not None for v in (self.q1, self.median, self.q3))


@dataclass(frozen=True)
class Benchmark:
    group: str
    # None when shown; "not_closed", "not_opted_in", "no_group", "too_few" (fewer independent owners than
    # guard.MIN_OWNERS_MEDIAN) or "withheld" (enough owners, but one of them could move every figure)
    reason: str | None
    organisations: int  # independent owner groups with at least one compared factor
    factors: tuple[FactorBenchmark, ...] = ()

    @property
    def shown(self) -> bool:
        return self.reason is None


def _fingerprint(model_version_id: int) -> str:
    """What the cached peer scores depend on, read in one small aggregate query."""
    closed = Assessment.objects.filter(
        status=Assessment.Status.CLOSED, model_version_id=model_version_id, organisation__benchmark_opt_in=True
    ).aggregate(n=Count("pk"), last=Max("closed_at"), data=Sum("data_version"), orgs=Sum("organisation_id"))
    raw = f"{cache.get(GENERATION_KEY, 0)}:{model_version_id}:{sorted(closed.items())}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def peer_scores(*, model_version_id: int) -> list[PeerScore]:
    """(organisation id, sector, size band, factor code, score 0-100) of every qualifying organisation."""
    # RESULT_FORMAT: scores computed by older scoring code are never served by newer code.
    key = f"cxm:bench:{RESULT_FORMAT}:{_fingerprint(model_version_id)}"

    def compute() -> list[PeerScore]:
        peers = list(
            queries.latest_closed_assessments(model_version_id=model_version_id).values_list(
                "pk", "organisation_id", "organisation__sector", "organisation__size_band"
            )
        )
        # Each peer's scores as scoring computed them, from their stored copy (scoring.stored): when one peer
        # closes a round, only that one is scored; with the cache emptied, the copies are read, not recomputed.
        figures = stored.figures_of(assessment_ids=[pk for pk, *_ in peers])
        return [
            (organisation_id, sector, size_band, code, score)
            for pk, organisation_id, sector, size_band in peers
            for code, score in figures[pk].factors
            if score is not None
        ]

    return get_or_compute(key, compute)


def _in_group(row: PeerScore, *, organisation: Organisation, group: str) -> bool:
    sector, size = row[1], row[2]
    if group == "sector":
        return sector == organisation.sector
    if group == "size":
        return size == organisation.size_band
    return True


def values_by_owner(rows: list[PeerScore], *, organisation: Organisation, group: str) -> dict[str, list[float]]:
    """{factor code: one value per independent owner group}: the median of the group's organisations' scores,
    leaving out the organisation's own owner group (its consultant's other clients, its creator's shills)."""
    owners = owner_groups(organisation_ids={organisation.pk, *(row[0] for row in rows)})
    own_group = owners[organisation.pk]
    grouped: defaultdict[str, defaultdict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if owners[row[0]] != own_group and _in_group(row, organisation=organisation, group=group):
            grouped[row[3]][owners[row[0]]].append(row[4])
    return {
        code: [py_statistics.median(scores) for _owner, scores in sorted(by_owner.items())]
        for code, by_owner in grouped.items()
    }


def _reason(assessment: Assessment, group: str) -> str | None:
    organisation = assessment.organisation
    if assessment.status != Assessment.Status.CLOSED:
        return "not_closed"
    if not organisation.benchmark_opt_in:
        return "not_opted_in"
    if (group == "sector" and not organisation.sector) or (group == "size" and not organisation.size_band):
        return "no_group"
    return None


def benchmark_for(*, assessment: Assessment, result: AssessmentResult, group: str = "all") -> Benchmark:
    """The benchmark of `assessment` (its scoring `result` gives its own scores) against `group`."""
    group = group if group in GROUPS else "all"
    reason = _reason(assessment, group)
    if reason:
        return Benchmark(group=group, reason=reason, organisations=0)
    rows = peer_scores(model_version_id=assessment.model_version_id)
    by_factor = values_by_owner(rows, organisation=assessment.organisation, group=group) if rows else {}
    factors: list[FactorBenchmark] = []
    owners = 0
    for info in result.factors:
        stats = result.organisation.factor(info.code)
        own = None if stats.suppressed or stats.score is None else stats.score
        values = by_factor.get(info.code, [])
        published = guard.figures(own, values)
        factor = FactorBenchmark(
            code=info.code,
            own=own,
            organisations=len(values),
            position=published.position,
            q1=published.q1,
            median=published.median,
            q3=published.q3,
        )
        if factor.shown:
            owners = max(owners, len(values))
        factors.append(factor)
    if not any(f.shown for f in factors):
        if any(f.organisations >= guard.MIN_OWNERS_MEDIAN for f in factors):
            # The table still lists the own scores, each row saying why its figures are not shown.
            return Benchmark(group=group, reason="withheld", organisations=0, factors=tuple(factors))
        return Benchmark(group=group, reason="too_few", organisations=0)
    return Benchmark(group=group, reason=None, organisations=owners, factors=tuple(factors))
