"""Scoring's organisation figures kept in the database (scoring.models.StoredFigures), for lists that order or
read the figures of many organisations at once: the portfolio sorted on the index or the change, the
benchmark's peers.

The figures are those `organisations.organisation_scores` computes (through `cache.cached_organisation_scores`),
copied as they are; nothing here computes a number. A stored row counts only while it is current: its scoring
code fingerprint, data version, model version and thresholds equal its assessment's (`current_for`), which
every write that can change a result keeps true by bumping the data version (questionnaire.data_version), as
the result cache relies on. A reader first brings the rows it needs up to date (`refresh`, `figures_of`): the
missing or outdated ones are scored together and written in one statement, so a list of a thousand
organisations is scored once and afterwards read in one query, with the scoring cache empty or not. With the
scoring cache switched off (CXM_SCORING_CACHE_SECONDS = 0, as in the tests) every row read is computed afresh.
"""

from collections.abc import Collection

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from assessments.questionnaire.models import Assessment
from assessments.scoring.cache import RESULT_FORMAT, cached_organisation_scores
from assessments.scoring.models import StoredFigures
from assessments.scoring.organisations import OrganisationScores

INPUTS = ("data_version", "model_version_id", "threshold_scores", "threshold_spread")
FIGURES = ("index", "index_margin", "layered", "basics", "nine_plus", "factors")


def kept() -> bool:
    """Whether stored figures are read again while current: not with the scoring cache switched off."""
    return bool(settings.CXM_SCORING_CACHE_SECONDS)


def current_for(assessment: str, *, status: str | None = None) -> QuerySet[StoredFigures]:
    """The stored figures of the assessment whose id the outer query's field `assessment` holds, while current
    (and only when that assessment has `status`, if given): for a Subquery or Exists in a query over
    assessments or organisations."""
    rows = StoredFigures.objects.filter(
        assessment_id=OuterRef(assessment), code=RESULT_FORMAT, **{f: F(f"assessment__{f}") for f in INPUTS}
    )
    return rows.filter(assessment__status=status) if status is not None else rows


def figure(name: str, *, assessment: str, status: str | None = None) -> Subquery:
    """A stored figure (FIGURES) of the assessment whose id the outer query's field `assessment` holds, None
    unless current (or, with `status`, unless the assessment has it): call `refresh` for them first."""
    return Subquery(current_for(assessment, status=status).values(name)[:1])


def _store(assessments: list[Assessment]) -> dict[int, StoredFigures]:
    """Score `assessments` by scoring's own path and store the figures (one upsert)."""
    scores: dict[int, OrganisationScores] = cached_organisation_scores(assessments=assessments)
    rows = [
        StoredFigures(
            assessment_id=a.pk,
            code=RESULT_FORMAT,
            data_version=a.data_version,
            model_version_id=a.model_version_id,
            threshold_scores=a.threshold_scores,
            threshold_spread=a.threshold_spread,
            index=s.index,
            index_margin=s.index_margin,
            layered=s.layered,
            basics=s.basics,
            nine_plus=s.nine_plus,
            factors=list(s.factors.items()),  # pairs: a JSON object's key order is not kept (jsonb)
        )
        for a in assessments
        if (s := scores.get(a.pk)) is not None
    ]
    StoredFigures.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["assessment"],
        update_fields=["code", *INPUTS, *FIGURES],
    )
    return {row.assessment_id: row for row in rows}


def refresh(*, assessments: QuerySet[Assessment]) -> None:
    """Bring the stored figures of `assessments` up to date: one query when they are, scoring's pass over the
    outdated ones and one write when not."""
    if kept():
        # Compared with the outer row itself: no second join of the assessments.
        current = StoredFigures.objects.filter(
            assessment_id=OuterRef("pk"), code=RESULT_FORMAT, **{f: OuterRef(f) for f in INPUTS}
        )
        assessments = assessments.filter(~Exists(current))
    outdated = list(assessments.order_by())
    if outdated:
        _store(outdated)


def figures_of(*, assessment_ids: Collection[int]) -> dict[int, StoredFigures]:
    """{assessment id: its current stored figures} for these assessments, the missing ones computed and stored:
    one query when all are current."""
    if not assessment_ids:
        return {}
    found: dict[int, StoredFigures] = {}
    if kept():  # the scoring cache off: every figure computed afresh
        stored = StoredFigures.objects.filter(assessment_id__in=assessment_ids, code=RESULT_FORMAT)
        found = {row.assessment_id: row for row in stored.filter(**{f: F(f"assessment__{f}") for f in INPUTS})}
    missing = set(assessment_ids) - set(found)
    if missing:
        found.update(_store(list(Assessment.objects.filter(pk__in=missing))))
    return found
