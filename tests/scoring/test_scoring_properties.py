"""Property tests: score_assessment agrees with a naive reference written straight from the rules.

The reference works on plain Python lists with exact fractions; the service aggregates in the
database. Random response sets mix don't know, NULL answers, missing rows, reverse scoring and weights,
over two teams so that the threshold and the subtraction rule come into play.
"""

import math
import statistics
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.scoring import score_assessment
from tests import factories
from tests.examples import examples

FACTORS, STATEMENTS, THRESHOLD = 2, 3, 3
CODES = [f"f{i}s{j}" for i in range(1, FACTORS + 1) for j in range(1, STATEMENTS + 1)]
LEVELS = [("level1", 0), ("level2", 35), ("level3", 60), ("level4", 80)]
MISSING = "missing"  # no Answer row at all

# Mostly real answers, so that groups often reach the threshold and alpha's ten complete cases.
answer = st.sampled_from([MISSING, None, 0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 2, 3, 4])
respondent = st.fixed_dictionaries(
    {
        "team": st.integers(min_value=0, max_value=1),
        "current": st.lists(answer, min_size=len(CODES), max_size=len(CODES)),
        "ambition": st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=len(CODES), max_size=len(CODES)),
    }
)
model_spec = st.fixed_dictionaries(
    {
        "weights": st.lists(st.sampled_from(["0.5", "1", "1.25", "2", "3"]), min_size=len(CODES), max_size=len(CODES)),
        "reverse": st.lists(st.booleans(), min_size=len(CODES), max_size=len(CODES)),
    }
)


# --- the reference ---------------------------------------------------------------------------------


def person_factor_score(values, weights, reverse, factor):
    """Weighted mean of the answered (1..5) statements; None with fewer than half answered."""
    total = weight_sum = Fraction(0)
    answered = 0
    for j in range(STATEMENTS):
        code = f"f{factor}s{j + 1}"
        value = values.get(code)
        if value is None or value == MISSING or value == 0:
            continue
        if reverse[code]:
            value = 6 - value
        total += weights[code] * value
        weight_sum += weights[code]
        answered += 1
    if answered == 0 or answered * 2 < STATEMENTS:
        return None
    return total / weight_sum


def reference_group(people, weights, reverse, factor, ambition_on=True):
    scores = [s for p in people if (s := person_factor_score(p["current"], weights, reverse, factor)) is not None]
    ambitions = [a for p in people if (a := person_factor_score(p["ambition"], weights, reverse, factor)) is not None]
    given = dont_know = 0
    for p in people:
        for j in range(STATEMENTS):
            value = p["current"].get(f"f{factor}s{j + 1}")
            if value is None or value == MISSING:
                continue
            given += 1
            dont_know += value == 0
    out = {"n": len(scores), "ambition_n": len(ambitions), "respondents": len(people)}
    if scores:
        mean = sum(scores) / len(scores)
        score = (mean - 1) / 4 * 100
        variance = sum((s - mean) ** 2 for s in scores) / len(scores)
        sd = math.sqrt(variance)
        counts = [0] * 5
        for s in scores:
            counts[min(5, max(1, math.floor(s + Fraction(1, 2)))) - 1] += 1
        out.update(
            mean=float(mean),
            median=float(statistics.median(scores)),
            score=float(score),
            level_code=[code for code, low in LEVELS if score >= low][-1],
            sd=sd,
            consensus=max(0.0, 100 * (1 - sd / 2)),
            distribution=tuple(counts),
            dont_know_rate=dont_know / given if given else None,
        )
        if ambitions and ambition_on:
            a_mean = sum(ambitions) / len(ambitions)
            out.update(ambition_mean=float(a_mean), gap=float(a_mean - mean))
    return out


def reference_visibility(sizes, threshold, prior=frozenset()):
    """Which of "org", "t0", "t1" are visible: threshold, then org minus one team must not expose the other."""
    hidden = {key for key, n in sizes.items() if n < threshold} | set(prior)
    if "org" not in hidden:
        for team, other in (("t0", "t1"), ("t1", "t0")):
            if team not in hidden and other in hidden and 0 < sizes[other] < threshold:
                hidden.add(team)
    return {key: key not in hidden for key in sizes}


def reference_alpha(people, weights, reverse, factor):
    rows = []
    for p in people:
        items = []
        for j in range(STATEMENTS):
            code = f"f{factor}s{j + 1}"
            value = p["current"].get(code)
            if value is None or value == MISSING or value == 0:
                break
            items.append(6 - value if reverse[code] else value)
        else:
            rows.append(items)
    if len(rows) < 10:
        return None

    def pvar(values):
        m = Fraction(sum(values), len(values))
        return sum((v - m) ** 2 for v in values) / len(values)

    total_var = pvar([sum(r) for r in rows])
    if total_var == 0:
        return None
    item_var = sum(pvar([r[i] for r in rows]) for i in range(STATEMENTS))
    return float(Fraction(STATEMENTS, STATEMENTS - 1) * (1 - item_var / total_var))


# --- the test -------------------------------------------------------------------------------------


def _build(org, teams, spec, people):
    weights = dict(zip(CODES, spec["weights"], strict=True))
    reverse_codes = tuple(c for c, r in zip(CODES, spec["reverse"], strict=True) if r)
    version = factories.make_model_version(
        code="prop", factors=FACTORS, statements=STATEMENTS, weights=weights, reverse=reverse_codes
    )
    assessment = factories.make_assessment(
        organisation=org,
        model_version=version,
        teams=teams,
        threshold_scores=THRESHOLD,
        threshold_spread=THRESHOLD,
        threshold_comments=THRESHOLD,
    )
    for index, team in enumerate(teams):
        rows = []
        for person in (p for p in people if p["team"] == index):
            given = {}
            for code, current, ambition in zip(CODES, person["current"], person["ambition"], strict=True):
                if current != MISSING:
                    given[code] = (current, ambition)
            rows.append(given)
        if rows:
            factories.make_responses(assessment=assessment, answers=rows, team=team)
    return assessment, {c: Fraction(w) for c, w in weights.items()}, {c: c in reverse_codes for c in CODES}


def _as_people(people):
    """Shape the generated people like the reference expects: {code: value} for current and ambition."""
    shaped = []
    for person in people:
        current = dict(zip(CODES, person["current"], strict=True))
        # An ambition exists only where the Answer row exists.
        ambition = {c: (a if current[c] != MISSING else None) for c, a in zip(CODES, person["ambition"], strict=True)}
        shaped.append({"team": person["team"], "current": current, "ambition": ambition})
    return shaped


def _check(stats, expected):
    assert stats.n == expected["n"]
    for name in ("mean", "median", "score", "sd", "consensus", "dont_know_rate", "ambition_mean", "gap"):
        want = expected.get(name)
        got = getattr(stats, name)
        assert (got is None) == (want is None), name
        if want is not None:
            assert got == pytest.approx(want, rel=1e-9, abs=1e-9), name
    assert not hasattr(stats, "grade")  # maturity is never turned into a school grade
    assert stats.level_code == expected.get("level_code")
    assert stats.distribution == expected.get("distribution")


@pytest.mark.django_db
@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=model_spec, people=st.integers(0, 24).flatmap(lambda n: st.lists(respondent, min_size=n, max_size=n)))
def test_score_assessment_matches_reference(org_a, spec, people):
    teams = [factories.make_team(organisation=org_a), factories.make_team(organisation=org_a)]
    assessment, weights, reverse = _build(org_a, teams, spec, people)
    result = score_assessment(assessment=assessment)
    people = _as_people(people)
    groups = {"org": people, "t0": [p for p in people if p["team"] == 0], "t1": [p for p in people if p["team"] == 1]}
    by_key = {"org": result.organisation}
    for i, team in enumerate(teams):
        found = [g for g in result.teams if g.group.team_id == team.public_id]
        by_key[f"t{i}"] = found[0] if found else None

    group_visible = reference_visibility({k: len(v) for k, v in groups.items()}, THRESHOLD)
    for key, group in by_key.items():
        if group is None:  # a team without respondents is still listed (it is in the assessment)
            raise AssertionError(f"{key} missing from the result")
        assert group.respondents == len(groups[key])
        assert group.suppressed is not group_visible[key]

    for factor in range(1, FACTORS + 1):
        expected = {k: reference_group(v, weights, reverse, factor) for k, v in groups.items()}
        prior = {k for k, visible in group_visible.items() if not visible}
        score_visible = reference_visibility({k: e["n"] for k, e in expected.items()}, THRESHOLD, prior)
        prior_ambition = {k for k, visible in score_visible.items() if not visible}
        ambition_visible = reference_visibility(
            {k: e["ambition_n"] for k, e in expected.items()}, THRESHOLD, prior_ambition
        )
        for key, group in by_key.items():
            stats = group.factor(f"f{factor}")
            want = expected[key]
            if not score_visible[key]:
                assert stats.suppressed
                assert stats.n is None  # a hidden cell keeps no count
                assert (stats.mean, stats.score, stats.sd, stats.distribution, stats.ambition_mean) == (None,) * 5
                continue
            assert not stats.suppressed
            if not ambition_visible[key]:
                want = {k: v for k, v in want.items() if k not in ("ambition_mean", "gap")}
            _check(stats, want)

        alpha = result.alpha_for(f"f{factor}").alpha
        want_alpha = reference_alpha(people, weights, reverse, factor) if score_visible["org"] else None
        assert (alpha is None) == (want_alpha is None)
        if want_alpha is not None:
            assert alpha == pytest.approx(want_alpha, rel=1e-9, abs=1e-9)
