"""The model's two lenses on the same answers: 7+ basics vs 9+ moments, and the SERVQUAL gaps.

Each statement of a per-factor (v2) model is tagged `basis` or `nine_plus` and with the service-quality
gap it guards against. A lens score is computed like a factor score, on the subset of statements: per
respondent the weighted mean of their scale answers to the subset, counted when they answered at least
half of the subset's statements they were asked (a factor's 9+ layer also needs at least two answers, or
all asked when fewer, where the model gives every factor two or more 9+ statements: see
nine_plus_minimum); the group's lens score is the mean of those, on 0-100.
"Basics" and "9+ moments" exist per factor; the overall basics and 9+ moments of a group are the mean
of its per-factor layer scores (every factor weighs the same, as in the index), so a factor that holds
more 9+ statements cannot create an overall gap that no factor shows. The SERVQUAL gaps exist only
overall. Anonymity as for factor scores: a lens of a group is hidden when fewer than the threshold count
for it, when the group is hidden, or when subtraction would expose a hidden rest; the per-factor layers
are also hidden wherever the factor's own score is, and an overall layer wherever a factor's layer is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from assessments.scoring import statistics
from assessments.scoring.audience import Kind, is_asked
from assessments.scoring.fold import Subset
from assessments.scoring.queries import StatementRow
from assessments.scoring.result import FactorLayers, GroupLenses, LensScore

if TYPE_CHECKING:  # score imports this module to compute the lenses
    from assessments.scoring.score import _Hidden, _Measured, _Scorer

LAYERS = ("basis", "nine_plus")
GAPS = ("knowledge", "standards", "delivery", "communication")


def subsets(factor_ids: Iterable[int]) -> list[Subset]:
    """Every lens subset of a model with tags: each factor's two layers, then the SERVQUAL gaps."""
    return [("layer", fid, tag) for fid in factor_ids for tag in LAYERS] + [("gap", None, gap) for gap in GAPS]


def _subsets(factor_id: int, tag: str, gap: str) -> list[Subset]:
    """The lens subsets a statement belongs to."""
    keys: list[Subset] = []
    if tag:
        keys.append(("layer", factor_id, tag))
    if gap:
        keys.append(("gap", None, gap))
    return keys


def asked_counts(statements: Iterable[StatementRow]) -> Counter[tuple[Subset, Kind]]:
    """(subset, role kind or None) -> statements of the subset a respondent of that kind was asked."""
    counts: Counter[tuple[Subset, Kind]] = Counter()
    for s in statements:
        for kind in (None, "management", "staff"):
            if is_asked(s["audience"], kind):
                for subset in _subsets(s["factor_id"], s["tag"], s["gap"]):
                    counts[(subset, kind)] += 1
    return counts


def nine_plus_minimum(statements: Iterable[StatementRow]) -> int:
    """The fewest 9+ answers per factor a respondent needs to count for the factor's 9+ layer: 2 when the
    model gives every factor with 9+ statements at least two of them (v2.1 on), else 1, so older models
    keep their "at least half" rule (a factor with a single 9+ statement needs that one answer)."""
    per_factor = Counter(s["factor_id"] for s in statements if s["tag"] == "nine_plus")
    return 2 if per_factor and min(per_factor.values()) >= 2 else 1


def lens_factor_ids(statements: Iterable[StatementRow]) -> dict[str, list[int]]:
    """{layer: [factor ids with statements of that layer]}, in statement order."""
    found: dict[str, list[int]] = {tag: [] for tag in LAYERS}
    for s in statements:
        if s["tag"] in found and s["factor_id"] not in found[s["tag"]]:
            found[s["tag"]].append(s["factor_id"])
    return found


def mean_of_layers(layers: Sequence[LensScore], tag: str) -> LensScore:
    """A group's overall layer: the mean of its factors' layer scores, shown only when all of them are.
    n is the smallest factor count: every factor's layer rests on at least that many respondents."""
    n = min((lens.n for lens in layers), default=0)
    if not layers or any(lens.suppressed for lens in layers):
        return LensScore(key=tag, n=n, suppressed=True)
    scores = [lens.score for lens in layers if lens.score is not None]
    assert len(scores) == len(layers)  # a shown lens always carries its score
    margin = statistics.mean_of_margins([lens.margin for lens in layers])
    basis = statistics.BOUND if any(lens.margin_basis == statistics.BOUND for lens in layers) else statistics.SPREAD
    return LensScore(
        key=tag,
        n=n,
        suppressed=False,
        score=statistics.mean(scores),
        margin=margin,
        margin_basis=basis if margin is not None else None,
    )


def compute(scorer: _Scorer, *, measured: _Measured, hidden: _Hidden) -> tuple[GroupLenses, ...]:
    """The lenses of every group, in the order of measured.layout.refs; () for a model without tags.

    Each group's lens figures come with its factor figures (group_figures: count, mean and both margins);
    which are shown, and with which margin, is decided here."""
    if not measured.lenses_on:
        return ()
    layout = measured.layout
    keys = list(layout.refs)

    threshold = scorer.thresholds.scores
    spread_threshold = scorer.thresholds.spread
    from assessments.scoring.score import factor_reason, group_reason_of  # score imports this module

    group_reasons = {
        key: group_reason_of(respondents=measured.respondents[key], threshold=threshold, hidden=hidden, key=key)
        for key in keys
    }

    def lens(subset: Subset, already_hidden: set[str]) -> dict[str, LensScore]:
        of_group = {key: measured.groups[key].lenses[subset] for key in keys}
        counts = {key: found.n for key, found in of_group.items()}
        hide = hidden.hider.hidden(counts=counts, threshold=threshold, already_hidden=already_hidden)
        # The margin's width shows the spread: from the respondents' spread only where a spread would be
        # shown (threshold_spread, and not exposed by subtraction), else from the scale's bound.
        hide_spread = hidden.hider.hidden(counts=counts, threshold=spread_threshold, already_hidden=hide)
        result: dict[str, LensScore] = {}
        for key in keys:
            if key in hide:
                reason = factor_reason(group_reason=group_reasons[key], counted=counts[key], threshold=threshold)
                result[key] = LensScore(key=subset[2], n=counts[key], suppressed=True, suppressed_reason=reason)
            else:
                found = of_group[key]
                assert found.mean is not None  # shown, so at least the threshold counted
                margin, basis = found.margin(spread_shown=key not in hide_spread)
                result[key] = LensScore(
                    key=subset[2],
                    n=counts[key],
                    suppressed=False,
                    score=scorer.score(found.mean),
                    margin=margin,
                    margin_basis=basis,
                )
        return result

    per_factor = {
        (f["id"], tag): lens(("layer", f["id"], tag), hidden.score[f["id"]])
        for f in scorer.factor_rows
        for tag in LAYERS
    }
    tagged = lens_factor_ids(scorer.statements)
    overall = {
        tag: {key: mean_of_layers([per_factor[(f, tag)][key] for f in tagged[tag]], tag) for key in keys}
        for tag in LAYERS
    }
    gaps = {gap: lens(("gap", None, gap), hidden.groups) for gap in GAPS}
    return tuple(
        GroupLenses(
            group_key=layout.refs[key].key,
            basis=overall["basis"][key],
            nine_plus=overall["nine_plus"][key],
            factors=tuple(
                FactorLayers(
                    factor_code=f["code"],
                    basis=per_factor[(f["id"], "basis")][key],
                    nine_plus=per_factor[(f["id"], "nine_plus")][key],
                )
                for f in scorer.factor_rows
            ),
            servqual=tuple(gaps[gap][key] for gap in GAPS),
        )
        for key in keys
    )
