"""Property tests for per-factor (v2) models: per-factor ambition, per-statement audiences and the lenses.

A naive reference in exact fractions, written straight from the rules, against score_assessment:
- a respondent counts for a factor (or a lens subset) with scale answers to at least half of the
  statements their role kind was asked; answers to statements they were not asked never count;
- a factor's 9+ layer also needs at least two answers (all asked, when fewer were asked), since the
  model gives every factor two 9+ statements (as v2.1 does);
- the ambition is the one per-factor answer (1..5), "don't know" and unanswered leave it out;
- "basics"/"9+ moments" per factor, and the four SERVQUAL gaps, score like a factor on their statements;
  any group or factor that is hidden hides its lenses too, and no lens of fewer than the threshold is
  shown; the overall basics and 9+ moments are the plain mean of the factors' layers, shown only when
  every factor's layer is (so composition cannot make an overall gap no factor shows).
"""

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.scoring import score_assessment
from tests import factories
from tests.examples import examples

FACTORS, STATEMENTS, THRESHOLD = 2, 4, 3
CODES = [f"f{i}s{j}" for i in range(1, FACTORS + 1) for j in range(1, STATEMENTS + 1)]
TAG = {c: "basis" if int(c[-1]) % 2 else "nine_plus" for c in CODES}
GAP = {c: ["knowledge", "standards", "delivery", "communication"][(int(c[-1]) - 1) % 4] for c in CODES}
AUDIENCE = {"f1s2": ["management"], "f2s3": ["staff"]}
KINDS = ("management", "staff")
NINE_PLUS_MIN = 2  # every factor has two 9+ statements (s2, s4)
MISSING = "missing"

answer = st.sampled_from([MISSING, None, 0, 1, 2, 3, 4, 5, 2, 3, 4, 5])
respondent = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "current": st.lists(answer, min_size=len(CODES), max_size=len(CODES)),
        "ambition": st.lists(st.sampled_from([None, 0, 1, 2, 3, 4, 5]), min_size=FACTORS, max_size=FACTORS),
    }
)


def asked(code, kind):
    return code not in AUDIENCE or kind in AUDIENCE[code]


def person_score(person, codes, minimum=1):
    """Weighted (all weights 1) mean of the asked, answered statements; None with fewer than half, or
    fewer than `minimum` (or than all asked, when fewer than `minimum` were asked)."""
    mine = [c for c in codes if asked(c, person["kind"])]
    values = [v for c in mine if (v := person["current"].get(c)) not in (None, MISSING, 0)]
    if not values or 2 * len(values) < len(mine) or len(values) < min(minimum, len(mine)):
        return None
    return Fraction(sum(values), len(values))


def reference(people, codes, minimum=1):
    scores = [s for p in people if (s := person_score(p, codes, minimum)) is not None]
    if not scores:
        return 0, None
    return len(scores), float((sum(scores) / len(scores) - 1) / 4 * 100)


def _build(org, people):
    version = factories.make_model_version(
        code="propv2", factors=FACTORS, statements=STATEMENTS, per_factor=True, audiences=AUDIENCE
    )
    team = factories.make_team(organisation=org)
    roles = {
        "management": factories.make_role(organisation=org, name="Board", is_management=True),
        "staff": factories.make_role(organisation=org, name="Front office"),
    }
    assessment = factories.make_assessment(
        organisation=org,
        model_version=version,
        teams=[team],
        roles=list(roles.values()),
        threshold_scores=THRESHOLD,
        threshold_spread=THRESHOLD,
        threshold_comments=THRESHOLD,
    )
    for kind, role in roles.items():
        mine = [p for p in people if p["kind"] == kind]
        if mine:
            factories.make_responses(
                assessment=assessment,
                team=team,
                role=role,
                answers=[{c: v for c, v in zip(CODES, p["current"], strict=True) if v != MISSING} for p in mine],
                factor_ambitions=[{f"f{i + 1}": a for i, a in enumerate(p["ambition"]) if a is not None} for p in mine],
            )
    return assessment


def _check_lens(lens, group, people, codes, factor_hidden=False, minimum=1):
    n, score = reference(people, codes, minimum)
    assert lens.n == n
    if group.suppressed or factor_hidden or n < THRESHOLD:
        assert lens.suppressed
        assert lens.score is None
    if not lens.suppressed:
        assert lens.score == pytest.approx(score, rel=1e-9, abs=1e-9)


def _check_overall_layer(lenses, group, people, layer):
    """Reference: the mean of the per-factor layer scores (each checked against the reference below);
    hidden when any factor's layer is hidden (by its threshold, its factor or against differencing)."""
    per_factor = []
    for i in range(1, FACTORS + 1):
        codes = [c for c in CODES if c.startswith(f"f{i}s") and TAG[c] == layer]
        n, score = reference(people, codes, NINE_PLUS_MIN if layer == "nine_plus" else 1)
        shown = not getattr(lenses.factor(f"f{i}"), layer).suppressed
        per_factor.append((n, score if shown else None))
    lens = getattr(lenses, layer)
    assert lens.n == min(n for n, _ in per_factor)
    scores = [score for _, score in per_factor]
    if group.suppressed or None in scores:
        assert lens.suppressed
        assert lens.score is None
    else:
        assert not lens.suppressed
        assert lens.score == pytest.approx(sum(scores) / len(scores), rel=1e-9, abs=1e-9)


@pytest.mark.django_db
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.integers(0, 14).flatmap(lambda n: st.lists(respondent, min_size=n, max_size=n)))
def test_v2_scores_lenses_and_ambition_match_reference(org_a, people):
    assessment = _build(org_a, people)
    result = score_assessment(assessment=assessment)
    people = [
        {
            "kind": p["kind"],
            "current": dict(zip(CODES, p["current"], strict=True)),
            "ambition": {f"f{i + 1}": a for i, a in enumerate(p["ambition"])},
        }
        for p in people
    ]
    groups = {
        "organisation": (result.organisation, people),
        "management": (result.management, [p for p in people if p["kind"] == "management"]),
        "staff": (result.staff, [p for p in people if p["kind"] == "staff"]),
    }
    for key, (group, members) in groups.items():
        assert group.respondents == len(members)
        lenses = result.lenses_for(key)
        for layer in ("basis", "nine_plus"):
            _check_overall_layer(lenses, group, members, layer)
        for gap_lens, gap in zip(lenses.servqual, ("knowledge", "standards", "delivery", "communication"), strict=True):
            assert gap_lens.key == gap
            _check_lens(gap_lens, group, members, [c for c in CODES if GAP[c] == gap])
        for i in range(1, FACTORS + 1):
            codes = [c for c in CODES if c.startswith(f"f{i}s")]
            stats = group.factor(f"f{i}")
            n, score = reference(members, codes)
            assert stats.n == (None if stats.suppressed else n)  # a hidden cell carries no count
            if not stats.suppressed:
                assert stats.score == pytest.approx(score, rel=1e-9, abs=1e-9)
                ambitions = [a for p in members if (a := p["ambition"][f"f{i}"]) not in (None, 0)]
                assert stats.ambition_n == len(ambitions)
                if stats.ambition_mean is not None:
                    assert stats.ambition_mean == pytest.approx(sum(ambitions) / len(ambitions))
                    assert stats.gap == pytest.approx(sum(ambitions) / len(ambitions) - stats.mean)
            for layer in ("basis", "nine_plus"):
                _check_lens(
                    getattr(lenses.factor(f"f{i}"), layer),
                    group,
                    members,
                    [c for c in codes if TAG[c] == layer],
                    factor_hidden=stats.suppressed,
                    minimum=NINE_PLUS_MIN if layer == "nine_plus" else 1,
                )


@pytest.mark.django_db
def test_v1_model_has_no_lenses_and_keeps_per_statement_ambition(org_a):
    version = factories.make_model_version(code="v1style", factors=1, statements=2)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, threshold_scores=1)
    factories.make_responses(assessment=assessment, answers=[{"f1s1": (2, 4), "f1s2": (3, 5)}])
    result = score_assessment(assessment=assessment)
    assert result.lenses == ()
    stats = result.organisation.factor("f1")
    assert (stats.mean, stats.ambition_mean) == (2.5, 4.5)


@pytest.mark.django_db
def test_statement_answered_by_a_role_that_was_not_asked_does_not_count(org_a):
    version = factories.make_model_version(
        code="aud", factors=1, statements=2, per_factor=True, audiences={"f1s2": ["management"]}
    )
    staff = factories.make_role(organisation=org_a, name="Front office")
    assessment = factories.make_assessment(organisation=org_a, model_version=version, roles=[staff], threshold_scores=1)
    # A stale answer from before a role change: staff were never asked f1s2.
    factories.make_responses(
        assessment=assessment, role=staff, answers=[{"f1s1": 2, "f1s2": 0}], factor_ambitions=[{"f1": 4}]
    )
    stats = score_assessment(assessment=assessment).organisation.factor("f1")
    assert (stats.n, stats.mean, stats.dont_know_rate, stats.ambition_mean) == (1, 2.0, 0.0, 4.0)


@given(asked=st.integers(0, 12), minimum=st.integers(1, 3))
def test_nine_plus_needed_matches_half_and_minimum(asked, minimum):
    from assessments.scoring.fold import nine_plus_needed

    reference = next(k for k in range(asked + 1) if 2 * k >= asked and k >= min(minimum, asked))
    assert nine_plus_needed(asked, minimum=minimum) == reference


@pytest.mark.django_db
def test_one_nine_plus_answer_of_two_does_not_count_but_two_do(org_a):
    version = factories.make_model_version(code="np2", factors=1, statements=4, per_factor=True)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, threshold_scores=1)
    # s2 and s4 are the 9+ statements: the first respondent answers one of them, the second both.
    factories.make_responses(
        assessment=assessment,
        answers=[{"f1s1": 3, "f1s2": 5, "f1s3": 3, "f1s4": 0}, {"f1s1": 3, "f1s2": 2, "f1s3": 3, "f1s4": 4}],
    )
    layer = score_assessment(assessment=assessment).lenses_for("organisation").factor("f1").nine_plus
    assert (layer.n, layer.suppressed, layer.score) == (1, False, 50.0)


@pytest.mark.django_db
def test_a_model_with_a_single_nine_plus_statement_keeps_the_half_rule(org_a):
    version = factories.make_model_version(code="np1", factors=1, statements=2, per_factor=True)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, threshold_scores=1)
    factories.make_responses(assessment=assessment, answers=[{"f1s1": 3, "f1s2": 5}])
    layer = score_assessment(assessment=assessment).lenses_for("organisation").factor("f1").nine_plus
    assert (layer.n, layer.score) == (1, 100.0)


@pytest.mark.django_db
def test_a_nine_plus_layer_with_too_few_counted_is_hidden_with_that_reason(org_a):
    version = factories.make_model_version(code="np3", factors=1, statements=4, per_factor=True)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, threshold_scores=2)
    # Both count for the factor (3 of 4 answered), only the second for its 9+ layer (s2 and s4).
    factories.make_responses(
        assessment=assessment,
        answers=[{"f1s1": 3, "f1s2": 5, "f1s3": 3, "f1s4": 0}, {"f1s1": 3, "f1s2": 2, "f1s3": 3, "f1s4": 4}],
    )
    result = score_assessment(assessment=assessment)
    assert result.organisation.factor("f1").suppressed is False
    layer = result.lenses_for("organisation").factor("f1").nine_plus
    assert (layer.n, layer.suppressed, layer.suppressed_reason) == (1, True, "too_few_counted")
    assert result.lenses_for("organisation").factor("f1").basis.suppressed_reason is None
