"""The level rule: the top level (the 9+ phase) needs both layers high, the index in the top band and
the 9+ layer at least the top band's minimum, and where customers gave a share of 9s and 10s at least
half of them giving a 9 or 10; otherwise the organisation stays one level lower."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import score_assessment
from assessments.scoring.statistics import level_for, phase_for
from tests import factories

LEVELS = [("assistant", 0.0), ("service", 35.0), ("experience", 60.0), ("nineplus", 80.0)]
score = st.floats(0, 100, allow_nan=False)


def reference(index, nine_plus, layered, customers=None):
    """Straight from the rule: the highest band the index reaches; the top band only with a shown 9+ layer
    of at least 80 when the model has layers, and with at least 50% 9s and 10s when customers gave a share."""
    bands = [code for code, low in LEVELS if round(index, 9) >= low]
    if layered and bands[-1] == "nineplus" and (nine_plus is None or round(nine_plus, 9) < 80):
        return "experience"
    if bands[-1] == "nineplus" and customers is not None and round(customers, 9) < 50:
        return "experience"
    return bands[-1]


@given(index=score, nine_plus=st.none() | score, layered=st.booleans(), customers=st.none() | score)
def test_phase_matches_reference(index, nine_plus, layered, customers):
    found = phase_for(index, LEVELS, layered=layered, nine_plus=nine_plus, customers_nine_plus=customers)
    assert found == reference(index, nine_plus, layered, customers)


@given(index=score, nine_plus=st.none() | score)
def test_without_layers_the_index_alone_decides(index, nine_plus):
    assert phase_for(index, LEVELS, layered=False, nine_plus=nine_plus) == level_for(index, LEVELS)


def _result(org, answers):
    # s1 and s3 are basics, s2 and s4 the 9+ statements of the one factor.
    version = factories.make_model_version(code="phase", factors=1, statements=4, per_factor=True)
    assessment = factories.make_assessment(organisation=org, model_version=version, threshold_scores=1)
    factories.make_responses(assessment=assessment, answers=answers)
    return score_assessment(assessment=assessment)


@pytest.mark.django_db
def test_high_index_with_a_weak_nine_plus_layer_stays_one_level_lower(org_a):
    result = _result(org_a, [{"f1s1": 5, "f1s2": 4, "f1s3": 5, "f1s4": 4}])
    assert (result.index, result.lenses_for("organisation").nine_plus.score) == (87.5, 75.0)
    assert result.level_code == "level3"


@pytest.mark.django_db
def test_high_index_with_a_strong_nine_plus_layer_reaches_the_top_level(org_a):
    result = _result(org_a, [{"f1s1": 4, "f1s2": 5, "f1s3": 4, "f1s4": 5}])
    assert (result.index, result.lenses_for("organisation").nine_plus.score) == (87.5, 100.0)
    assert result.level_code == "level4"
