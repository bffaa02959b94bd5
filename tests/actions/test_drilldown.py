"""The statement drill-down: distributions, don't-know share, what pulls down, and the anonymity rules."""

from assessments.results.selectors.statements import factor_statements, visible_groups
from assessments.scoring import score_assessment
from assessments.scoring.groups import role_key, team_key
from tests import factories


def _answers(codes, value):
    return dict.fromkeys(codes, value)


def test_distribution_dont_know_and_pull_down(org_a, model_version, structure, manager_a, client_for):
    scan = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[structure["sales"]])
    for i in range(6):
        answers = {"f1s1": 4, "f1s2": 4, "f1s3": 4, "f1s4": 1 if i < 5 else 0}
        answers.update({f"f{f}s{s}": 3 for f in (2, 3) for s in range(1, 5)})
        factories.make_responses(assessment=scan, answers=[answers], team=structure["sales"])
    result = score_assessment(assessment=scan)
    rows = factor_statements(
        assessment=scan, result=result, factor_code="f1", group_keys=["organisation"], language="en"
    )["organisation"]
    by_code = {r.code: r for r in rows}
    assert by_code["f1s1"].score == 75.0
    assert by_code["f1s4"].score == 0.0
    assert by_code["f1s4"].pulls_down is True
    assert by_code["f1s1"].pulls_down is False
    assert by_code["f1s4"].dont_know == 1
    assert round(by_code["f1s4"].dont_know_share, 3) == round(1 / 6, 3)
    assert [d["count"] for d in by_code["f1s1"].distribution] == [0, 0, 0, 6, 0]
    page = client_for(manager_a).get(f"/a/{scan.public_id}/results/factor/f1/").content.decode()
    assert "Statement f1s4." in page
    assert "pulls down" in page
    assert "17%" in page


def test_small_groups_never_shown(make_scan, manager_a, client_for):
    # Board has 3 people (< 5): hidden; with 3 hidden the front office role (12) would reveal them by
    # subtraction from the organisation only if it were shown alone — scoring decides, we follow.
    scan = make_scan(sizes={("sales", "board"): 3, ("sales", "front"): 6, ("service", "front"): 6}, seed=5)
    result = score_assessment(assessment=scan)
    board = role_key(next(r for r in result.roles if r.group.name_en == "Board").group.role_id)
    shown = {g.group.key for g in visible_groups(result, "f1")}
    assert board not in shown
    rows = factor_statements(assessment=scan, result=result, factor_code="f1", group_keys=[board], language="en")
    assert rows == {}
    client = client_for(manager_a)
    page = client.get(f"/a/{scan.public_id}/results/factor/f1/?group={board}").content.decode()
    assert f'value="{board}"' not in page
    assert "Board" not in page
    # Every group the page offers is one that scoring shows.
    for group in result.groups():
        key = group.group.key
        offered = f'value="{key}"' in page
        assert not offered or (not group.suppressed and not group.factor("f1").suppressed)


def test_statement_with_few_answers_is_hidden(org_a, model_version, structure):
    scan = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[structure["sales"]])
    for i in range(5):
        answers = {f"f{f}s{s}": 3 for f in (1, 2, 3) for s in range(1, 5)}
        answers["f1s4"] = 4 if i < 3 else 0  # only three scale answers
        factories.make_responses(assessment=scan, answers=[answers], team=structure["sales"])
    result = score_assessment(assessment=scan)
    rows = factor_statements(
        assessment=scan, result=result, factor_code="f1", group_keys=["organisation"], language="nl"
    )
    row = next(r for r in rows["organisation"] if r.code == "f1s4")
    assert (row.score, row.distribution, row.answered) == (None, None, 3)
    assert row.text == "Stelling f1s4."


def test_team_comparison_and_spread_threshold(make_scan, manager_a, client_for):
    scan = make_scan(sizes={("sales", "front"): 6, ("service", "front"): 6}, seed=7, threshold_spread=7)
    result = score_assessment(assessment=scan)
    sales = next(t for t in result.teams if t.group.name_en == "Sales")
    key = team_key(sales.group.team_id)
    rows = factor_statements(
        assessment=scan, result=result, factor_code="f2", group_keys=["organisation", key], language="en"
    )
    assert all(r.distribution is not None for r in rows["organisation"] if r.score is not None)
    assert all(r.distribution is None for r in rows[key])  # 6 < spread threshold 7
    assert sum(r.answered for r in rows[key]) < sum(r.answered for r in rows["organisation"])
    page = client_for(manager_a).get(f"/a/{scan.public_id}/results/factor/f2/?group={key}").content.decode()
    assert "Sales" in page


def test_unknown_factor_is_404(closed_scan, manager_a, client_for):
    assert client_for(manager_a).get(f"/a/{closed_scan.public_id}/results/factor/nope/").status_code == 404


def test_a_hidden_statement_says_why_in_its_row(org_a, model_version, structure, manager_a, client_for):
    scan = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[structure["sales"]])
    for i in range(5):
        answers = {f"f{f}s{s}": 3 for f in (1, 2, 3) for s in range(1, 5)}
        answers["f1s4"] = 4 if i < 3 else 0  # three scale answers, two "don't know"
        if i < 2:
            del answers["f1s3"]  # three answers, nobody said "don't know"
        factories.make_responses(assessment=scan, answers=[answers], team=structure["sales"])
    result = score_assessment(assessment=scan)
    rows = {
        r.code: r
        for r in factor_statements(
            assessment=scan, result=result, factor_code="f1", group_keys=["organisation"], language="en"
        )["organisation"]
    }
    assert rows["f1s4"].hidden == (
        "hidden: fewer than 5 people answered this statement on the scale (“don't know” does not count)"
    )
    assert rows["f1s3"].hidden == "hidden: fewer than 5 people answered this statement on the scale"
    assert rows["f1s1"].hidden == ""
    client = client_for(manager_a)
    page = client.get(f"/a/{scan.public_id}/results/factor/f1/").content.decode()
    row = page[page.index("Statement f1s4.") :]
    row = row[: row.index("</tr>")]
    assert "fewer than 5 people answered this statement on the scale" in row
    client.cookies["django_language"] = "nl"
    nl = client.get(f"/a/{scan.public_id}/results/factor/f1/").content.decode()
    row = nl[nl.index("Stelling f1s4.") :]
    row = row[: row.index("</tr>")]
    assert "verborgen: minder dan 5 mensen gaven deze stelling een antwoord op de schaal" in row
    assert "(‘weet ik niet’ telt niet mee)" in row
