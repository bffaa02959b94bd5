"""Scoring's figures of an assessment's organisation group, stored so that lists of many organisations can
order and read them in SQL (the portfolio's sort on the index or the change, the benchmark's peers).

A row is a copy of what `organisations.organisation_scores` computed, never a second computation: it is
written only by `assessments.scoring.stored`, from scoring's own result, and holds the inputs it was computed
from (scoring's code fingerprint, the assessment's data version, model version and thresholds). A row whose
inputs differ from its assessment's is not current and is never read; the reader computes it again.
"""

from django.db import models

from assessments.questionnaire.models import Assessment


class StoredFigures(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, primary_key=True, related_name="stored_figures"
    )
    # The inputs (see the module's description): the row is current while they equal the assessment's.
    code = models.CharField(max_length=16)  # scoring.cache.RESULT_FORMAT
    data_version = models.PositiveIntegerField()
    model_version_id = models.PositiveIntegerField()
    threshold_scores = models.PositiveSmallIntegerField()
    threshold_spread = models.PositiveSmallIntegerField()
    # The figures, as organisations.OrganisationScores holds them.
    index = models.FloatField(null=True)
    index_margin = models.FloatField(null=True)
    layered = models.BooleanField(default=False)
    basics = models.FloatField(null=True)
    nine_plus = models.FloatField(null=True)
    # [factor code, 0-100 score or None where the dashboard hides it], in the model's order
    factors = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"figures of assessment {self.assessment_id}"
