"""The customers' estimate per group says the true reason it is hidden (issue 23 item 5): a team with
enough estimates hidden to prevent subtraction is not told "shown from 5 estimates"."""

import pytest

from assessments.outside_in.models import InternalEstimate
from assessments.outside_in.selectors import estimate_groups
from assessments.scoring import score_assessment
from tests import factories

pytestmark = pytest.mark.django_db


def test_estimates_hidden_for_too_few_and_against_subtraction(org_a, model_version):
    alpha = factories.make_team(organisation=org_a, name="Alpha")
    beta = factories.make_team(organisation=org_a, name="Beta")
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[alpha, beta], threshold_scores=5
    )
    full = {f"f{i}s{j}": 4 for i in range(1, 4) for j in range(1, 5)}
    estimated = []
    for team, respondents, estimates in ((alpha, 11, 8), (beta, 6, 3)):
        responses = factories.make_responses(assessment=assessment, answers=[full] * respondents, team=team)
        estimated += responses[:estimates]
    InternalEstimate.objects.bulk_create([InternalEstimate(response=r, grade=8, share_nine_plus=30) for r in estimated])

    groups = {
        g.name_en: g
        for g in estimate_groups(assessment=assessment, result=score_assessment(assessment=assessment), actual=None)
    }
    assert (groups["Alpha"].shown, groups["Alpha"].hidden_reason) == (False, "differencing")  # 11 - 3 would expose Beta
    assert (groups["Beta"].shown, groups["Beta"].hidden_reason) == (False, "minimum")  # 3 estimates
