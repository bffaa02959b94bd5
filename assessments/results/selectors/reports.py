"""Reads for the report page: which report exists for the current data, without its bytes."""

from assessments.results.models import Report
from models_9plus.models import Action, Advice, ScaleOption, Statement


def current_report(*, assessment, language):
    """The report of the assessment's current data in `language`, or None (PDF bytes not loaded)."""
    return (
        Report.objects.defer("pdf")
        .filter(assessment=assessment, language=language, data_version=assessment.data_version)
        .first()
    )


def downloadable_report(*, assessment, public_id):
    """A finished report of this assessment, with its PDF, or None."""
    return Report.objects.filter(assessment=assessment, public_id=public_id, status=Report.Status.DONE).first()


def report_model_texts(*, model_version):
    """Advice per (factor code, level code) and the scale's descriptions: what the scoring result leaves out."""
    advice = {
        (row["factor__code"], row["level__code"]): row
        for row in Advice.objects.filter(factor__version=model_version).values(
            "factor__code", "level__code", "actions_en", "actions_nl"
        )
    }
    scale = list(
        ScaleOption.objects.filter(version=model_version)
        .order_by("value")
        .values("value", "label_en", "label_nl", "description_en", "description_nl")
    )
    return advice, scale


def model_facts(*, model_version):
    """What the appendix must say about how this version scores: only what the version actually does."""
    statements = Statement.objects.filter(factor__version=model_version)
    return {
        "reverse": statements.filter(reverse=True).exists(),
        "weighted": statements.exclude(weight=1).exists(),
        "audience": statements.exclude(audience=[]).exists(),
    }


def action_library(*, model_version):
    """The action library per (factor code, level code): [{"title_en", "title_nl", "how_to_en", "how_to_nl"}]
    in the model's order; empty for versions without a library (their advice is titles only)."""
    library: dict[tuple[str, str], list[dict]] = {}
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
