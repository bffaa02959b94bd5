"""Reads for the report page: which report exists for the current data, without its bytes."""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from assessments.questionnaire.models import Assessment
from assessments.results.models import Report
from models_9plus.models import Action, Advice, ModelVersion, ScaleOption, Statement


def current_report(*, assessment: Assessment, language: str, kind: str = Report.Kind.PDF) -> Report | None:
    """The report (PDF or deck) of the assessment's current data in `language`, or None (its bytes not loaded)."""
    return (
        Report.objects.defer("content")
        .filter(assessment=assessment, kind=kind, language=language, data_version=assessment.data_version)
        .first()
    )


def current_reports(*, assessment: Assessment, language: str) -> dict[str, Report]:
    """Per kind (PDF, deck), the report of the assessment's current data in `language`; one query, no bytes."""
    reports = Report.objects.defer("content").filter(
        assessment=assessment, language=language, data_version=assessment.data_version
    )
    return {report.kind: report for report in reports}


def downloadable_report(*, assessment: Assessment, public_id: UUID | str) -> Report | None:
    """A finished report of this assessment, with its file, or None."""
    return Report.objects.filter(assessment=assessment, public_id=public_id, status=Report.Status.DONE).first()


def report_model_texts(
    *, model_version: ModelVersion
) -> tuple[dict[tuple[str, str], Mapping[str, Any]], list[Mapping[str, Any]]]:
    """Advice per (factor code, level code) and the scale's descriptions: what the scoring result leaves out."""
    advice: dict[tuple[str, str], Mapping[str, Any]] = {
        (row["factor__code"], row["level__code"]): row
        for row in Advice.objects.filter(factor__version=model_version).values(
            "factor__code", "level__code", "actions_en", "actions_nl"
        )
    }
    scale: list[Mapping[str, Any]] = list(
        ScaleOption.objects.filter(version=model_version)
        .order_by("value")
        .values("value", "label_en", "label_nl", "description_en", "description_nl")
    )
    return advice, scale


def model_facts(*, model_version: ModelVersion) -> dict[str, bool]:
    """What the appendix must say about how this version scores: only what the version actually does."""
    statements = Statement.objects.filter(factor__version=model_version)
    return {
        "reverse": statements.filter(reverse=True).exists(),
        "weighted": statements.exclude(weight=1).exists(),
        "audience": statements.exclude(audience=[]).exists(),
    }


def action_library(*, model_version: ModelVersion) -> dict[tuple[str, str], list[dict[str, str]]]:
    """The action library per (factor code, level code): [{"title_en", "title_nl", "how_to_en", "how_to_nl"}]
    in the model's order; empty for versions without a library (their advice is titles only)."""
    library: dict[tuple[str, str], list[dict[str, str]]] = {}
    actions = (
        Action.objects.filter(factor__version=model_version)
        .select_related("factor")
        .prefetch_related("levels")
        .order_by("factor__order", "order")
    )
    for action in actions:
        item = {
            "title_en": action.title_en,
            "title_nl": action.title_nl,
            "how_to_en": action.how_to_en,
            "how_to_nl": action.how_to_nl,
        }
        for level in action.levels.all():
            library.setdefault((action.factor.code, level.code), []).append(item)
    return library
