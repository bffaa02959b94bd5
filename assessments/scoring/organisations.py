"""Organisation-level factor scores of many assessments at once, by the dashboard's own rules.

The benchmark (every peer's latest closed round), the portfolio (every client's index) and the previous
round's change all need only the organisation's factor scores. They get them here, from the same stored
per-response sums, the same audience rule and the same fold as `score_assessment`, so a peer's value
in a benchmark is exactly the score on that peer's own dashboard. Six queries, whatever the number of
assessments, organisations, model versions or respondents.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from assessments.questionnaire.models import Assessment
from assessments.scoring import fold, lenses, level, queries, statistics
from assessments.scoring.audience import audience_for
from assessments.scoring.queries import RoleKind
from assessments.scoring.result import LensScore


@dataclass(frozen=True)
class OrganisationScores:
    """One assessment's organisation group, as its dashboard shows it."""

    respondents: int
    factors: dict[str, float | None]  # factor code -> 0-100 score, None where the dashboard hides it; model order
    index: float | None  # mean of the factor scores; None unless every factor is shown
    layered: bool = False  # the model tags basics and 9+ statements
    # The overall layers (lenses.mean_of_layers: the mean of the factors' layers), None where hidden.
    basics: float | None = None
    nine_plus: float | None = None
    level_code: str | None = None  # the level by the whole rule (scoring.level), customers included
    # factor code -> margin of error (0-100 points) as on the dashboard; None where the score is hidden
    margins: dict[str, float | None] = field(default_factory=dict)
    index_margin: float | None = None

    @property
    def codes(self) -> set[str]:
        return set(self.factors)


def _organisation_visible(respondents: int, counted: int, threshold: int) -> bool:
    # The organisation group is never a part of a partition, so only the size threshold hides it:
    # the whole group (respondents) or the factor (respondents who count for it).
    return respondents >= threshold and counted >= threshold


def organisation_scores(*, assessments: Iterable[Assessment]) -> dict[int, OrganisationScores]:
    """{assessment pk: OrganisationScores} for the given assessments (model instances)."""
    assessments = list(assessments)
    if not assessments:
        return {}
    versions = {a.model_version_id for a in assessments}
    model = queries.versions_content(version_ids=versions)
    any_audience = any(s["audience"] for content in model.values() for s in content["statements"])
    organisation_ids = {a.organisation_id for a in assessments}
    roles: list[RoleKind] = queries.organisation_roles(organisation_ids=organisation_ids) if any_audience else []
    cells = queries.respondent_cells_of(assessment_ids=[a.pk for a in assessments])
    rows = queries.respondent_sums_of(assessment_ids=[a.pk for a in assessments])
    result: dict[int, OrganisationScores] = {}
    for version_id in versions:
        content = model[version_id]
        mine = [a for a in assessments if a.model_version_id == version_id]
        ids = {a.pk for a in mine}
        # One cell per (assessment, role): fold needs the role for the audience; the merge the assessment.
        version_cells = {response: cell for response, cell in cells.items() if cell[0] in ids}
        audience = audience_for(content["statements"], roles)
        tagged = lenses.lens_factor_ids(content["statements"])
        layered = any(tagged.values())
        bins, _complete, _lenses = fold.collect(
            rows,
            cells=version_cells,
            factors=content["factors"],
            kinds=audience.kinds if audience else {},
            asked=audience.counts if audience else None,
            ambition=False,
            factor_ambition=False,
            scale=content["scale"],
            lens_counts=lenses.asked_counts(content["statements"]) if layered else None,
            nine_plus_min=lenses.nine_plus_minimum(content["statements"]),
        )
        respondents = Counter(assessment for assessment, _role in version_cells.values())
        merged: defaultdict[int | None, defaultdict[int, fold.Bin]] = defaultdict(lambda: defaultdict(fold.Bin))
        for (assessment, _role), factor_bins in bins.items():
            for factor_id, b in factor_bins.items():
                into = merged[assessment][factor_id]
                into.scores.extend(b.scores)
                into.basis.extend(b.basis)
                into.nine_plus.extend(b.nine_plus)
        lo, hi = content["scale"]

        def score(values: list[float]) -> float:
            return statistics.to_score(statistics.mean(values), scale_min=lo, scale_max=hi)  # noqa: B023

        for a in mine:
            factors: dict[str, float | None] = {}
            layers: dict[str, list[LensScore]] = {tag: [] for tag in lenses.LAYERS}
            margins: dict[str, float | None] = {}
            for f in content["factors"]:
                b = merged[a.pk][f["id"]]
                shown = _organisation_visible(respondents[a.pk], len(b.scores), a.threshold_scores)
                factors[f["code"]] = score(b.scores) if shown else None
                # As on the dashboard: the organisation's spread is shown from threshold_spread counted on.
                margins[f["code"]] = (
                    statistics.score_margin(
                        statistics.Moments.of(b.scores),
                        scale_min=lo,
                        scale_max=hi,
                        spread_shown=len(b.scores) >= a.threshold_spread,
                    )[0]
                    if shown
                    else None
                )
                for tag, values in (("basis", b.basis), ("nine_plus", b.nine_plus)):
                    if f["id"] in tagged[tag]:
                        # A factor's layer is hidden wherever the factor's score is (lenses.compute).
                        visible = shown and _organisation_visible(respondents[a.pk], len(values), a.threshold_scores)
                        layers[tag].append(
                            LensScore(
                                key=tag, n=len(values), suppressed=not visible, score=score(values) if visible else None
                            )
                        )
            values = [v for v in factors.values() if v is not None]
            complete = bool(values) and len(values) == len(factors)
            index = statistics.mean(values) if complete else None
            basics, nine_plus = (lenses.mean_of_layers(layers[tag], tag) for tag in lenses.LAYERS)
            result[a.pk] = OrganisationScores(
                respondents=respondents[a.pk],
                factors=factors,
                index=index,
                layered=layered,
                basics=basics.score if layered and not basics.suppressed else None,
                nine_plus=nine_plus.score if layered and not nine_plus.suppressed else None,
                margins=margins,
                index_margin=statistics.mean_of_margins(list(margins.values())) if complete else None,
            )
    return result


def organisation_levels(
    *,
    assessments: Iterable[Assessment],
    scores: dict[int, OrganisationScores],
    level_pairs: dict[int, list[tuple[str, float]]] | None = None,
) -> dict[int, OrganisationScores]:
    """The scores with each round's level set by the whole rule (scoring.level, the dashboard's level):
    one query for the customers' shares when no round has a customer check, three when any has, and one
    for the levels unless the caller has them (level_pairs: {version id: [(code, min_score)]})."""
    assessments = [a for a in assessments if a.pk in scores]
    pairs = level_pairs
    if pairs is None:
        pairs = queries.level_pairs(version_ids={a.model_version_id for a in assessments}) if assessments else {}
    shares = level.customer_shares(assessment_ids=[a.pk for a in assessments if scores[a.pk].index is not None])
    found = dict(scores)
    for a in assessments:
        s = scores[a.pk]
        code = level.organisation_level(
            index=s.index,
            levels=pairs.get(a.model_version_id, []),
            layered=s.layered,
            nine_plus=s.nine_plus,
            customers_nine_plus=shares.get(a.pk),
        )
        found[a.pk] = replace(s, level_code=code)
    return found
