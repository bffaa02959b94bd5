"""The figures a portfolio sort on the index, level or change needs, for every client at once.

The order of the pages needs every closed round's index and level and its change against the previous round.
They come from one cache entry per portfolio: under a fingerprint of everything the organisation scores depend
on (each latest closed round's and its previous round's id, data version, model version and thresholds, as in
scoring's result key), it holds per round only (index, margin, layered, 9+ layer). A round whose answers
change bumps its data version, so the fingerprint changes and the entry is computed again, through scoring's
own per-round cache (`cached_organisation_scores`: only the changed round is scored). The level is set fresh
by the dashboard's rule (`scoring.level`: its customer condition is read each time, customer answers do not
bump a data version). A fixed number of queries; no model instance per client when the entry is cached.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assessments.benchmarks.portfolio import level_pairs, levels_of
from assessments.questionnaire.models import Assessment
from assessments.scoring import level
from assessments.scoring.cache import RESULT_FORMAT, cached_organisation_scores, get_or_compute

if TYPE_CHECKING:
    from assessments.benchmarks.portfolio_page import Entry

# Per round: index, index margin (kept for a later trend sort), layered, 9+ layer.
Compact = tuple[float | None, float | None, bool, float | None]
KEY_FIELDS = ("pk", "public_id", "data_version", "model_version_id", "threshold_scores", "threshold_spread")


def _compact(ids: set[int]) -> dict[int, Compact]:
    scores = cached_organisation_scores(assessments=Assessment.objects.filter(pk__in=ids))
    return {pk: (s.index, s.index_margin, s.layered, s.nine_plus) for pk, s in scores.items()}


def with_figures(entries: Sequence["Entry"]) -> list["Entry"]:
    """The entries with the index, level and change of their latest round where it is closed and scored."""
    closed_ids = [e.latest_id for e in entries if e.status == Assessment.Status.CLOSED and e.latest_id]
    if not closed_ids:
        return list(entries)
    rounds = list(
        Assessment.objects.filter(pk__in=closed_ids)
        .order_by("pk")
        .values_list(*KEY_FIELDS, "previous_id", *(f"previous__{f}" for f in KEY_FIELDS[1:]))
    )
    previous = {row[0]: row[len(KEY_FIELDS)] for row in rounds}
    raw = f"{RESULT_FORMAT}:{rounds}"
    key = f"cxm:portfolio:figures:v1:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"
    compact = get_or_compute(key, lambda: _compact({*previous, *(p for p in previous.values() if p)}))
    versions = {row[0]: row[3] for row in rounds}
    levels = levels_of(set(versions.values()))
    pairs = level_pairs(levels)
    scored = [pk for pk in previous if pk in compact and compact[pk][0] is not None]
    shares = level.customer_shares(assessment_ids=scored)
    found = []
    for entry in entries:
        pk = entry.latest_id
        mine = compact.get(pk) if pk is not None and pk in previous else None
        index = mine[0] if mine is not None else None
        if pk is None or mine is None or index is None:
            found.append(entry)
            continue
        _index, _margin, layered, nine_plus = mine
        code = level.organisation_level(
            index=index,
            levels=pairs.get(versions[pk], []),
            layered=layered,
            nine_plus=nine_plus,
            customers_nine_plus=shares.get(pk),
        )
        earlier = previous[pk]
        before = compact[earlier][0] if earlier is not None and earlier in compact else None
        change = None if before is None else index - before
        found.append(replace(entry, index=index, level=levels.get((versions[pk], code or "")), change=change))
    return found
