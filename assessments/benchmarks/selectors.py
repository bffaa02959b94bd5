"""The benchmark of a closed assessment: each factor's score against similar organisations.

Peers are the other opted-in organisations (all of them, the same sector or the same size band), each
with its latest closed assessment on the same model version, scored per factor and only where that
assessment met its own score threshold. A factor is compared only when at least MIN_ORGANISATIONS peers
have a score for it; no peer is ever named and no single peer's score is shown.
"""

import hashlib
import statistics as py_statistics
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from assessments.benchmarks import queries
from assessments.questionnaire.models import Assessment
from assessments.scoring.cache import RESULT_FORMAT, get_or_compute
from assessments.scoring.organisations import organisation_scores

MIN_ORGANISATIONS = 5
GROUPS = ("all", "sector", "size")
# Bumped by services.bump_generation whenever an organisation joins or leaves: part of every cache key.
GENERATION_KEY = "cxm:bench:generation"


@dataclass(frozen=True)
class FactorBenchmark:
    code: str
    own: float | None  # the organisation's own score, None when its dashboard hides it
    organisations: int  # peers with a score for this factor
    percentile: float | None = None  # share of peers scoring lower (ties count half), 0-100
    q1: float | None = None
    median: float | None = None
    q3: float | None = None

    @property
    def shown(self):
        return self.median is not None


@dataclass(frozen=True)
class Benchmark:
    group: str
    reason: str | None  # None when shown; "not_closed", "not_opted_in", "no_group" or "too_few"
    organisations: int  # peers with at least one compared factor
    factors: tuple[FactorBenchmark, ...] = ()

    @property
    def shown(self):
        return self.reason is None


def _fingerprint(model_version_id):
    """What the cached peer scores depend on, read in one small aggregate query."""
    closed = Assessment.objects.filter(
        status=Assessment.Status.CLOSED, model_version_id=model_version_id, organisation__benchmark_opt_in=True
    ).aggregate(n=Count("pk"), last=Max("closed_at"), data=Sum("data_version"), orgs=Sum("organisation_id"))
    raw = f"{cache.get(GENERATION_KEY, 0)}:{model_version_id}:{sorted(closed.items())}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def peer_scores(*, model_version_id: int) -> list[tuple]:
    """(organisation id, sector, size band, factor code, score 0-100) of every qualifying organisation."""
    # RESULT_FORMAT: scores computed by older scoring code are never served by newer code.
    key = f"cxm:bench:{RESULT_FORMAT}:{_fingerprint(model_version_id)}"

    def compute():
        assessments = list(queries.latest_closed_assessments(model_version_id=model_version_id))
        scores = organisation_scores(assessments=assessments)
        return [
            (a.organisation_id, a.organisation.sector, a.organisation.size_band, code, score)
            for a in assessments
            for code, score in scores[a.pk].factors.items()
            if score is not None
        ]

    return get_or_compute(key, compute)


def _in_group(row, *, organisation, group):
    org, sector, size = row[0], row[1], row[2]
    if org == organisation.pk:
        return False
    if group == "sector":
        return sector == organisation.sector
    if group == "size":
        return size == organisation.size_band
    return True


def place(own: float | None, values: list[float]) -> dict:
    """Percentile of `own` among `values` and the values' quartiles (inclusive method), unrounded: the
    table, the radar and the PDF round them once, by the one rule (scoring.rounding)."""
    ordered = sorted(values)
    q1, median, q3 = py_statistics.quantiles(ordered, n=4, method="inclusive")
    percentile = None
    if own is not None:
        below = sum(1 for v in ordered if v < own)
        ties = sum(1 for v in ordered if v == own)
        percentile = 100 * (below + ties / 2) / len(ordered)
    return {"percentile": percentile, "q1": q1, "median": median, "q3": q3}


def _reason(assessment, group):
    organisation = assessment.organisation
    if assessment.status != Assessment.Status.CLOSED:
        return "not_closed"
    if not organisation.benchmark_opt_in:
        return "not_opted_in"
    if (group == "sector" and not organisation.sector) or (group == "size" and not organisation.size_band):
        return "no_group"
    return None


def benchmark_for(*, assessment: Assessment, result, group: str = "all") -> Benchmark:
    """The benchmark of `assessment` (its scoring `result` gives its own scores) against `group`."""
    group = group if group in GROUPS else "all"
    reason = _reason(assessment, group)
    if reason:
        return Benchmark(group=group, reason=reason, organisations=0)
    rows = peer_scores(model_version_id=assessment.model_version_id)
    by_factor = defaultdict(list)
    for row in rows:
        if _in_group(row, organisation=assessment.organisation, group=group):
            by_factor[row[3]].append(row[4])
    factors, peers = [], 0
    for info in result.factors:
        stats = result.organisation.factor(info.code)
        own = None if stats.suppressed or stats.score is None else stats.score
        values = by_factor.get(info.code, [])
        if len(values) < MIN_ORGANISATIONS:
            factors.append(FactorBenchmark(code=info.code, own=own, organisations=len(values)))
            continue
        peers = max(peers, len(values))
        factors.append(FactorBenchmark(code=info.code, own=own, organisations=len(values), **place(own, values)))
    if not any(f.shown for f in factors):
        return Benchmark(group=group, reason="too_few", organisations=0)
    return Benchmark(group=group, reason=None, organisations=peers, factors=tuple(factors))
