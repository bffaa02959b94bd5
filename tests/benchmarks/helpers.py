"""Organisations with a closed assessment whose every answer is one value: scores are easy to compute by hand."""

from django.utils import timezone

from assessments.scoring import score_assessment
from tests import factories


def uniform_answers(model_version, value, count):
    codes = [f"f{i}s{j}" for i in range(1, 4) for j in range(1, 5)]
    return [dict.fromkeys(codes, value) for _ in range(count)]


def closed_org(*, model_version, value, respondents=5, opt_in=True, threshold=5, sector="", size_band="", name=None):
    """An organisation whose latest closed assessment scores (value - 1) * 25 on every factor."""
    organisation = factories.make_organisation(name=name, benchmark_opt_in=opt_in, sector=sector, size_band=size_band)
    team = factories.make_team(organisation=organisation)
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=[team],
        status="closed",
        closed_at=timezone.now(),
        threshold_scores=threshold,
    )
    factories.make_responses(
        assessment=assessment, answers=uniform_answers(model_version, value, respondents), team=team
    )
    return organisation, assessment


def result_of(assessment):
    assessment.refresh_from_db()
    return score_assessment(assessment=assessment)
