"""Organisation-level factor scores of many assessments at once, by the dashboard's own rules.

The benchmark (every peer's latest closed round), the portfolio (every client's index) and the previous
round's change all need only the organisation's factor scores. They get them here, from the same stored
per-response sums, the same audience rule and the same fold as `score_assessment`, so a peer's value
in a benchmark is exactly the score on that peer's own dashboard. Six queries, whatever the number of
assessments, organisations, model versions or respondents.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from assessments.questionnaire.models import Assessment
from assessments.scoring import fold, queries, statistics
from assessments.scoring.audience import audience_for
from assessments.scoring.queries import RoleKind


@dataclass(frozen=True)
class OrganisationScores:
    """One assessment's organisation group, as its dashboard shows it."""

    respondents: int
    factors: dict[str, float | None]  # factor code -> 0-100 score, None where the dashboard hides it; model order
    index: float | None  # mean of the factor scores; None unless every factor is shown
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
        bins, _complete, _lenses = fold.collect(
            rows,
            cells=version_cells,
            factors=content["factors"],
            kinds=audience.kinds if audience else {},
            asked=audience.counts if audience else None,
            ambition=False,
            factor_ambition=False,
            scale=content["scale"],
        )
        respondents = Counter(assessment for assessment, _role in version_cells.values())
        scores_of: defaultdict[int | None, defaultdict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
        for (assessment, _role), factor_bins in bins.items():
            for factor_id, b in factor_bins.items():
                scores_of[assessment][factor_id].extend(b.scores)
        lo, hi = content["scale"]
        for a in mine:
            factors: dict[str, float | None] = {}
            margins: dict[str, float | None] = {}
            for f in content["factors"]:
                scores = scores_of[a.pk][f["id"]]
                shown = _organisation_visible(respondents[a.pk], len(scores), a.threshold_scores)
                factors[f["code"]] = (
                    statistics.to_score(statistics.mean(scores), scale_min=lo, scale_max=hi) if shown else None
                )
                # As on the dashboard: the organisation's spread is shown from threshold_spread counted on.
                margins[f["code"]] = (
                    statistics.score_margin(
                        statistics.Moments.of(scores),
                        scale_min=lo,
                        scale_max=hi,
                        spread_shown=len(scores) >= a.threshold_spread,
                    )[0]
                    if shown
                    else None
                )
            values = [v for v in factors.values() if v is not None]
            complete = bool(values) and len(values) == len(factors)
            result[a.pk] = OrganisationScores(
                respondents=respondents[a.pk],
                factors=factors,
                index=statistics.mean(values) if complete else None,
                margins=margins,
                index_margin=statistics.mean_of_margins(list(margins.values())) if complete else None,
            )
    return result
