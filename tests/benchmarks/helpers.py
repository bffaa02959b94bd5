"""Organisations with a closed assessment whose every answer is one value: scores are easy to compute by hand."""

import uuid

from django.utils import timezone

from assessments.scoring import score_assessment
from tests import factories


def uniform_answers(model_version, value, count):
    codes = [f"f{i}s{j}" for i in range(1, 4) for j in range(1, 5)]
    return [dict.fromkeys(codes, value) for _ in range(count)]


def closed_org(
    *,
    model_version,
    value,
    respondents=5,
    opt_in=True,
    threshold=5,
    sector="",
    size_band="",
    name=None,
    creator=None,
    answers=None,
):
    """An organisation whose latest closed assessment scores (value - 1) * 25 on every factor.

    creator: a user who makes it through the product's own service (so they become its consultant and the
    activity log names them), as a consultant building shill organisations would. answers: one value per
    respondent (1-5) in place of `value` repeated, for scores between the quarter points."""
    if creator is None:
        organisation = factories.make_organisation(
            name=name, benchmark_opt_in=opt_in, sector=sector, size_band=size_band
        )
    else:
        from assessments.organisations.services.organisations import create_organisation

        organisation = create_organisation(actor=creator, name=name or f"Shill {creator.pk}-{uuid.uuid4().hex[:6]}")
        organisation.benchmark_opt_in, organisation.sector, organisation.size_band = opt_in, sector, size_band
        organisation.save()
    team = factories.make_team(organisation=organisation)
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=[team],
        status="closed",
        closed_at=timezone.now(),
        threshold_scores=threshold,
    )
    if answers is None:
        rows = uniform_answers(model_version, value, respondents)
    else:
        rows = [next(iter(uniform_answers(model_version, v, 1))) for v in answers]
    factories.make_responses(assessment=assessment, answers=rows, team=team)
    return organisation, assessment


def result_of(assessment):
    assessment.refresh_from_db()
    return score_assessment(assessment=assessment)
