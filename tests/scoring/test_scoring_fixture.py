"""A small assessment computed by hand: every figure checked exactly (runs on SQLite and PostgreSQL).

Model: 2 factors x 3 statements, scale 1..5; f1s1 weighs 2, f1s3 is reverse-scored. Thresholds 3.
Six respondents (current for f1s1 f1s2 f1s3 | f2s1 f2s2 f2s3; "dk" = don't know, "-" = no row):

    R1 team A, Board   4 3 2  | 5 5 4     f1 = (2*4 + 3 + (6-2)) / 4 = 15/4    f2 = 14/3
    R2 team A, Board   2 2 4  | 3 3 3     f1 = (2*2 + 2 + 2) / 4     = 2      f2 = 3
    R3 team A, Board   5 dk 1 | 4 NULL 2  f1 = (2*5 + 5) / 3         = 5      f2 = 3 (2 of 3 answered)
    R4 team B, Front   3 4 3  | dk dk 5   f1 = (2*3 + 4 + 3) / 4     = 13/4   f2 = not counted (1 of 3)
    R5 team B, Front   1 1 5  | 2 2 2     f1 = (2*1 + 1 + 1) / 4     = 1      f2 = 2
    R6 team B, Front   4 - -  | 1 2 3     f1 = not counted (1 of 3)          f2 = 2

Ambition: R1-R4 answer 4 on every f1 statement: (2*4 + 4 + (6-4)) / 4 = 7/2 each.
"""

import datetime
import json
import math
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.questionnaire.models import Invitation
from assessments.scoring import score_assessment
from tests import factories


@pytest.fixture
def fixture(org_a):
    version = factories.make_model_version(code="hand", factors=2, statements=3, weights={"f1s1": 2}, reverse=("f1s3",))
    team_a = factories.make_team(organisation=org_a, name="Team A")
    team_b = factories.make_team(organisation=org_a, name="Team B")
    board = factories.make_role(organisation=org_a, name="Board", is_management=True)
    front = factories.make_role(organisation=org_a, name="Front office")
    previous = factories.make_assessment(
        organisation=org_a, model_version=version, teams=[team_a], status="closed", threshold_scores=3
    )
    everything_two = {f"f{i}s{j}": 2 for i in (1, 2) for j in (1, 2, 3)}
    factories.make_responses(assessment=previous, answers=[everything_two] * 3, team=team_a)
    assessment = factories.make_assessment(
        organisation=org_a,
        model_version=version,
        teams=[team_a, team_b],
        roles=[board, front],
        threshold_scores=3,
        threshold_comments=3,
        threshold_spread=3,
        previous=previous,
    )

    def row(f1, f2, ambition=None):
        given = {}
        for i, values in ((1, f1), (2, f2)):
            for j, value in enumerate(values, start=1):
                if value == "-":
                    continue
                code = f"f{i}s{j}"
                current = 0 if value == "dk" else value
                given[code] = (current, ambition if i == 1 else None)
        return given

    factories.make_responses(
        assessment=assessment,
        team=team_a,
        role=board,
        answers=[row((4, 3, 2), (5, 5, 4), 4), row((2, 2, 4), (3, 3, 3), 4), row((5, "dk", 1), (4, None, 2), 4)],
        comments=[{"f1": "B: more training"}, {"f1": "A: clearer goals"}, {}],
    )
    factories.make_responses(
        assessment=assessment,
        team=team_b,
        role=front,
        answers=[row((3, 4, 3), ("dk", "dk", 5), 4), row((1, 1, 5), (2, 2, 2)), row((4, "-", "-"), (1, 2, 3))],
    )
    for i in range(8):
        Invitation.objects.create(
            assessment=assessment,
            team=team_a,
            token_hash=f"{i:064d}",
            completed_on=datetime.date(2026, 3, 1) if i < 4 else None,
        )
    return assessment


F2_SCORES = [14 / 3, 3, 3, 2, 2]


def pop_sd(values):
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def test_organisation_figures(fixture):
    result = score_assessment(assessment=fixture)
    assert result.respondents == 6
    org = result.organisation
    assert (org.respondents, org.suppressed) == (6, False)

    f1 = org.factor("f1")
    assert f1.n == 5
    assert f1.mean == pytest.approx(3.0)
    assert f1.median == pytest.approx(3.25)
    assert f1.score == pytest.approx(50.0)
    assert f1.level_code == "level2"
    assert f1.sd == pytest.approx(math.sqrt(1.925))  # squares .5625 + 1 + 4 + .0625 + 4 = 9.625, / 5
    assert f1.consensus == pytest.approx(100 * (1 - math.sqrt(1.925) / 2))
    assert f1.distribution == (1, 1, 1, 1, 1)  # 1, 2, 3.25 -> 3, 3.75 -> 4, 5
    assert f1.dont_know_rate == pytest.approx(1 / 16)  # 16 answers given, one don't know
    assert f1.ambition_n == 4
    assert f1.ambition_mean == pytest.approx(3.5)
    assert f1.ambition_score == pytest.approx(62.5)
    assert f1.gap == pytest.approx(0.5)
    assert f1.gap_score == pytest.approx(12.5)

    f2 = org.factor("f2")
    assert f2.n == 5
    assert f2.mean == pytest.approx(44 / 15)
    assert f2.median == pytest.approx(3.0)
    assert f2.score == pytest.approx((44 / 15 - 1) / 4 * 100)
    assert f2.level_code == "level2"
    assert f2.sd == pytest.approx(pop_sd(F2_SCORES))
    assert f2.distribution == (0, 2, 2, 0, 1)  # 2, 2, 3, 3, 4.67 -> 5
    assert f2.dont_know_rate == pytest.approx(2 / 17)  # R3's NULL is not a given answer
    assert f2.ambition_n == 0
    assert (f2.ambition_mean, f2.gap, f2.gap_score) == (None, None, None)

    assert result.index == pytest.approx((50 + f2.score) / 2)
    assert result.level_code == "level2"
    assert (result.strongest, result.weakest) == ("f1", "f2")


def test_groups_hidden_by_factor_differencing(fixture):
    """Both teams have 3 respondents, but team B counts only 2 per factor: B is hidden, and A with it."""
    result = score_assessment(assessment=fixture)
    teams = {g.group.name_en: g for g in result.teams}
    assert [(g.respondents, g.suppressed) for g in teams.values()] == [(3, False), (3, False)]
    # Team B has 3 respondents (the threshold) but only 2 count per factor: too few counted, not too small.
    for name, reason in (("Team A", "differencing"), ("Team B", "too_few_counted")):
        for code in ("f1", "f2"):
            stats = teams[name].factor(code)
            # A hidden cell keeps no count (Team B's "2" would tell who skipped the factor).
            assert (stats.n, stats.suppressed, stats.score, stats.suppressed_reason) == (None, True, None, reason)
        assert teams[name].index is None
    roles = {g.group.name_en: g for g in result.roles}
    assert roles["Board"].factor("f1").suppressed
    assert roles["Front office"].factor("f1").suppressed
    assert [(g.factor_code, g.gap) for g in result.perception_gaps] == [("f1", None), ("f2", None)]


def test_priorities_alpha_changes_comments_rate(fixture):
    result = score_assessment(assessment=fixture)
    sd1, sd2 = math.sqrt(1.925), pop_sd(F2_SCORES)
    f2_score = (44 / 15 - 1) / 4 * 100
    assert [p.factor_code for p in result.priorities] == ["f1", "f2"]
    assert result.priorities[0].value == pytest.approx(0.5 * 12.5 + 0.3 * 50 + 0.2 * (100 * sd1 / 2))
    assert result.priorities[1].value == pytest.approx(0.3 * (100 - f2_score) + 0.2 * (100 * sd2 / 2))
    assert result.priorities[0].advice_en == ("Do 1.1a", "Do 1.1b")
    assert result.priorities[0].advice_nl == ("Doe 1.1a", "Doe 1.1b")
    assert result.advice_for("f2").actions("nl") == ("Doe 2.1a", "Doe 2.1b")

    assert [(a.factor_code, a.n, a.alpha) for a in result.alpha] == [
        ("f1", 4, None),
        ("f2", 4, None),
    ]  # R1 R2 R4 R5 | R1 R2 R5 R6

    # Previous round: everyone answered 2 -> f1 = (2*2 + 2 + 4) / 4 = 2.5 -> 37.5; f2 = 2 -> 25.
    assert result.previous.comparable is True
    changes = {c.factor_code: c for c in result.changes}
    assert changes["f1"].previous_score == pytest.approx(37.5)
    assert changes["f1"].change == pytest.approx(12.5)
    assert changes["f2"].change == pytest.approx(f2_score - 25)

    assert result.comments_visible is True
    assert [(c.factor_code, c.comments) for c in result.comments] == [("f1", ("A: clearer goals", "B: more training"))]

    rate = result.response_rate
    assert (rate.submitted, rate.invited, rate.link_responses) == (6, 8, 2)
    assert rate.rate == pytest.approx(6 / 10)


def test_command_json_prints_the_same_result(fixture):
    out = StringIO()
    call_command("score_assessment", str(fixture.public_id), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["organisation"]["factors"][0]["score"] == pytest.approx(50.0)
    # Maturity is never turned into a school grade (the method page says so): no "grade" anywhere.
    assert all("grade" not in f for g in (data["organisation"], *data["teams"]) for f in g["factors"])
    assert data["assessment_id"] == str(fixture.public_id)
    assert [t["factors"][0]["score"] for t in data["teams"]] == [None, None]


def test_command_table(fixture):
    out = StringIO()
    call_command("score_assessment", str(fixture.public_id), "--language", "nl", stdout=out)
    text = out.getvalue()
    assert "Respondents: 6   Maturity index: 49.2" in text
    assert "Factor 1 (nl)" in text
    assert "Doe 1.1a" in text
