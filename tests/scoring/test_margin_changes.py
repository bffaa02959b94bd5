"""A change since the previous round carries the margin of the difference, and the key message names
only the changes beyond it."""

import math
import random

import pytest

from assessments.results.selectors.key_message import build_key_message
from assessments.scoring import score_assessment
from tests import factories

pytestmark = pytest.mark.django_db

CODES = [f"f{i}s{j}" for i in (1, 2) for j in (1, 2)]


def _answers(n, seed, shift=0):
    rng = random.Random(seed)
    return [{code: min(5, rng.choice((2, 3, 4)) + shift) for code in CODES} for _ in range(n)]


def _rounds(org, *, shift_f1):
    version = factories.make_model_version(code="changes", factors=2, statements=2)
    before = factories.make_assessment(organisation=org, model_version=version, status="closed", title="Round 1")
    factories.make_responses(assessment=before, answers=_answers(30, 1))
    after = factories.make_assessment(organisation=org, model_version=version, previous=before, title="Round 2")
    rows = _answers(30, 1)
    for row in rows:
        row["f1s1"] = min(5, row["f1s1"] + shift_f1)
        row["f1s2"] = min(5, row["f1s2"] + shift_f1)
    factories.make_responses(assessment=after, answers=rows)
    return score_assessment(assessment=before), score_assessment(assessment=after)


def test_the_same_answers_again_are_within_the_margin(org_a):
    before, after = _rounds(org_a, shift_f1=0)
    for change in after.changes:
        now, then = after.organisation.factor(change.factor_code), before.organisation.factor(change.factor_code)
        assert change.change == pytest.approx(0)
        assert change.previous_margin == pytest.approx(then.margin)
        assert change.margin == pytest.approx(math.hypot(now.margin, then.margin))
        assert change.meaningful is False
    finding = build_key_message(result=after, language="en").change
    assert (finding.previous_title, finding.meaningful, finding.more, finding.within) == ("Round 1", (), 0, 2)


def test_a_real_change_is_named_and_the_unchanged_factor_only_counted(org_a):
    before, after = _rounds(org_a, shift_f1=1)
    meaningful = {c.factor_code: c.meaningful for c in after.changes}
    assert meaningful == {"f1": True, "f2": False}
    finding = build_key_message(result=after, language="en").change
    assert [item.factor_code for item in finding.meaningful] == ["f1"]
    assert finding.within == 1


def test_no_change_finding_without_a_previous_round(org_a):
    before, _after = _rounds(org_a, shift_f1=0)
    assert before.changes == ()
    assert build_key_message(result=before, language="en").change is None
