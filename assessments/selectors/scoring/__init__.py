"""Scoring of an assessment (a read): `score_assessment(assessment=...) -> AssessmentResult`.

The result's fields are documented in `assessments.scoring_result`; the method on the "how we score" page.
"""

from assessments.selectors.scoring.core import priority_value, score_assessment

__all__ = ["priority_value", "score_assessment"]
