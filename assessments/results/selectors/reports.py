"""Reads for the report page: which report exists for the current data, without its bytes."""

from assessments.results.models import Report
from models_9plus.models import Advice, ScaleOption


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
