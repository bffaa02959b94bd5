"""One scoring path: a peer's benchmark value is its own dashboard's factor score, the portfolio's index,
layers and level are its dashboard's, and a statement's drill-down counts only the answers scoring counts
(audiences, role changes, excluded responses)."""

import itertools

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.benchmarks.portfolio import PortfolioRow, with_figures
from assessments.benchmarks.selectors import peer_scores
from assessments.organisations.services.organisations import update_role
from assessments.questionnaire.models import Response
from assessments.results.selectors.statements import factor_statements
from assessments.scoring import stored
from assessments.scoring.groups import ORGANISATION
from assessments.scoring.score import score_assessment
from tests import factories
from tests.examples import examples

CODES = [f"f{i}s{j}" for i in (1, 2) for j in (1, 2, 3)]
MANAGEMENT_ONLY = "f1s2"  # always asked of management only, so every example has one
MISSING = "missing"
_versions = itertools.count()

audience = st.sampled_from([(), ("management",), ("staff",)])
respondent = st.fixed_dictionaries(
    {
        "role": st.sampled_from([0, 1, 1, None]),  # 0: management, 1: staff, None: no role
        "answers": st.lists(st.sampled_from([MISSING, 0, 1, 2, 3, 4, 5, 3, 4]), min_size=6, max_size=6),
        "excluded": st.sampled_from([False, False, False, True]),
    }
)
organisation = st.fixed_dictionaries(
    {
        "threshold": st.integers(1, 3),
        "respondents": st.lists(respondent, min_size=0, max_size=8),
        # After the answers were given a role may change kind (management <-> staff), as in the product.
        "flip": st.tuples(st.booleans(), st.booleans()),
    }
)


def _organisation(version, spec, actor):
    org = factories.make_organisation(benchmark_opt_in=True)
    team = factories.make_team(organisation=org)
    roles = [
        factories.make_role(organisation=org, name="Board", is_management=True),
        factories.make_role(organisation=org, name="Front office"),
    ]
    assessment = factories.make_assessment(
        organisation=org,
        model_version=version,
        teams=[team],
        roles=roles,
        status="closed",
        closed_at=timezone.now(),
        threshold_scores=spec["threshold"],
        threshold_spread=spec["threshold"],
    )
    for person in spec["respondents"]:
        given_answers = {c: v for c, v in zip(CODES, person["answers"], strict=True) if v != MISSING}
        role = None if person["role"] is None else roles[person["role"]]
        (response,) = factories.make_responses(assessment=assessment, answers=[given_answers], team=team, role=role)
        if person["excluded"]:
            Response.objects.filter(pk=response.pk).update(excluded_at=timezone.now())
    for role, flip in zip(roles, spec["flip"], strict=True):
        if flip:
            update_role(
                role=role, actor=actor, name_en=role.name_en, name_nl=role.name_nl, is_management=not role.is_management
            )
    assessment.refresh_from_db()
    return assessment, roles


def _expected_counts(spec, roles):
    """Answers to the management-only statement that scoring counts: not excluded, and from a respondent
    whose role is management now (after any role change) or who has no role."""
    is_management = [r.is_management for r in roles]
    answered = dont_know = 0
    at = CODES.index(MANAGEMENT_ONLY)
    for person in spec["respondents"]:
        value = person["answers"][at]
        if person["excluded"] or value == MISSING:
            continue
        if person["role"] is not None and not is_management[person["role"]]:
            continue
        answered += 1 <= value <= 5
        dont_know += value == 0
    return answered, dont_know


@pytest.mark.django_db
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    audiences=st.lists(audience, min_size=len(CODES), max_size=len(CODES)),
    organisations=st.lists(organisation, min_size=1, max_size=3),
)
def test_peer_value_is_its_own_dashboard_score_and_drilldown_counts_the_audience_only(
    manager_a, audiences, organisations
):
    by_code = dict(zip(CODES, audiences, strict=True))
    by_code[MANAGEMENT_ONLY] = ("management",)
    version = factories.make_model_version(
        code=f"path{next(_versions)}", factors=2, statements=3, per_factor=True, audiences=by_code
    )
    built = [_organisation(version, spec, manager_a) for spec in organisations]
    peers = {(org, code): score for org, _sector, _size, code, score in peer_scores(model_version_id=version.pk)}
    assessments = [a for a, _roles in built]
    # The portfolio's figures: scoring's stored copy, and the level its rows get from them.
    portfolio = stored.figures_of(assessment_ids=[a.pk for a in assessments])
    rows = [PortfolioRow(organisation=a.organisation, role="", assessment=a) for a in assessments]
    with_figures(rows)
    levels = {row.assessment.pk: row.level.code if row.level else None for row in rows if row.assessment}

    for (assessment, roles), spec in zip(built, organisations, strict=True):
        result = score_assessment(assessment=assessment)
        for stats in result.organisation.factors:
            # Exactly the dashboard's number (same float), and absent exactly where the dashboard hides it.
            assert peers.get((assessment.organisation_id, stats.factor_code)) == stats.score
        mine = portfolio[assessment.pk]
        lenses = result.lenses_for(ORGANISATION)
        layers = [None if lens.suppressed else lens.score for lens in (lenses.basis, lenses.nine_plus)]
        assert (mine.index, [mine.basics, mine.nine_plus]) == (result.index, layers)
        assert levels[assessment.pk] == (result.level_code if assessment.status == "closed" else None)
        assert dict(mine.factors) == {s.factor_code: s.score for s in result.organisation.factors}
        # The margin of error by the same path too (the previous round's change uses this one).
        assert mine.index_margin == (None if result.index is None else pytest.approx(result.organisation.index_margin))

        if result.organisation.suppressed or result.organisation.factor("f1").suppressed:
            continue
        rows = factor_statements(
            assessment=assessment, result=result, factor_code="f1", group_keys=[ORGANISATION], language="en"
        )[ORGANISATION]
        row = next(r for r in rows if r.code == MANAGEMENT_ONLY)
        assert (row.answered, row.dont_know) == _expected_counts(spec, roles)
