"""Writes of the stored per-response sums scoring reads (ResponseFactorSums, see questionnaire/sums.py).

Who must call refresh_response_sums: whatever submits a response or changes a submitted response's answers
or per-factor ambitions (today: submit, the demo seed, the test factories and the benchmark's bulk
loader). What needs no refresh: a response's team or role, a role's management flag, an exclusion by the
link guard; scoring reads those at query time. Model versions never change once loaded.
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.db import transaction

from assessments.questionnaire import sums
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import (
    Answer,
    Assessment,
    CellTally,
    FactorAmbition,
    GroupTally,
    Response,
    ResponseFactorSums,
)
from models_9plus.models import Factor, ScaleOption, Statement

_MODELS = SimpleNamespace(
    Response=Response,
    Answer=Answer,
    FactorAmbition=FactorAmbition,
    Statement=Statement,
    ScaleOption=ScaleOption,
    Factor=Factor,
    ResponseFactorSums=ResponseFactorSums,
)


def refresh_response_sums(*, response_ids: Iterable[int]) -> int:
    """Recompute the stored sums of these responses from their answers (unsubmitted ones get none), and drop
    the tallies scoring kept for the cells of those that had sums (scoring/cells.py): they were folded from the
    old sums. A response given sums for the first time is one its cell did not count yet (a submit writes them
    in its own transaction), so that cell's fingerprint moves by itself and nothing kept needs dropping: the
    respondent's submit deletes nothing, and scoring computes again only the groups that hold its cell."""
    ids = list(response_ids)
    with transaction.atomic():
        rewritten = list(
            ResponseFactorSums.objects.filter(response_id__in=ids).values_list("response_id", flat=True).distinct()
        )
        if rewritten:
            forget_cell_tallies(response_ids=rewritten)
        return sums.refresh(models=_MODELS, response_ids=ids)


def forget_cell_tallies(*, response_ids: Iterable[int]) -> None:
    """Drop the cell tallies of these responses' (team, role) cells: the same responses with new sums do not
    move a cell's fingerprint, so scoring must be told (see CellTally); with them the kept group figures."""
    cells: dict[int, set[str]] = {}
    for assessment_id, team_id, role_id in (
        Response.objects.filter(pk__in=list(response_ids)).values_list("assessment_id", "team_id", "role_id").distinct()
    ):
        cells.setdefault(assessment_id, set()).add(CellTally.name_of(team_id, role_id))
    for assessment_id, names in cells.items():
        CellTally.objects.filter(assessment_id=assessment_id, cell__in=names).delete()
    # Every group of those assessments: which groups hold the cells is the scoring's layout, not known here.
    GroupTally.objects.filter(assessment_id__in=list(cells)).delete()


def backfill_response_sums(*, assessment: Assessment | None = None, batch_size: int = 500) -> tuple[int, int]:
    """Recompute the sums of every submitted response (of one assessment): idempotent, one transaction a batch.

    The assessments' data versions are bumped, so cached results are computed again from the new sums.
    Returns (responses, rows written).
    """
    responses = Response.objects.filter(submitted_at__isnull=False)
    if assessment is not None:
        responses = responses.filter(assessment=assessment)
    ids = list(responses.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), batch_size):
        written += refresh_response_sums(response_ids=ids[start : start + batch_size])
    assessment_ids = (
        [assessment.pk]
        if assessment is not None
        else list(responses.order_by().values_list("assessment_id", flat=True).distinct())
    )
    if assessment_ids:
        bump_data_version(assessment_ids=assessment_ids)
    return len(ids), written
