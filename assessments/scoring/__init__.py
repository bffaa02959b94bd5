"""Scoring of an assessment (a read): `score_assessment(assessment=...) -> AssessmentResult`.

The result's fields are documented in `assessments.scoring.result`; the method on the "how we score" page.
`score_assessment` is served from the cache (see `cached`); `core.score_assessment` always computes.
"""

from assessments.scoring.cache import score_assessment
from assessments.scoring.summaries import priority_value

__all__ = ["priority_value", "score_assessment"]
