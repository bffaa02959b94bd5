"""No group below its threshold shows anywhere: result, dashboard, `score_assessment --json`, exports.

Sales (board) has threshold-1, threshold or threshold+1 respondents; Service North (front office) has 10.
The small group's people all answer 1 and the others answer 4, so any leak would show a distinctive score.
"""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import score_assessment
from assessments.scoring.anonymity import hidden_groups
from tests import factories
from tests.examples import examples

THRESHOLD = 5
COUNT_FIELDS = ("factor_code", "suppressed", "suppressed_reason", "suppressed_reason_text")


def _everything(version, value):
    codes = [s.code for f in version.factors.all() for s in f.statements.all()]
    return dict.fromkeys(codes, (value, value))


@pytest.fixture
def scan(org_a, model_version, structure):
    def make(small):
        assessment = factories.make_assessment(
            organisation=org_a,
            model_version=model_version,
            teams=[structure["sales"], structure["service"], structure["north"]],
            roles=[structure["board"], structure["front"]],
            threshold_scores=THRESHOLD,
            threshold_comments=THRESHOLD,
            threshold_spread=THRESHOLD,
        )
        factories.make_responses(
            assessment=assessment,
            answers=[_everything(model_version, 1)] * small,
            team=structure["sales"],
            role=structure["board"],
            comments=[{"f1": f"secret sales remark {i}"} for i in range(small)],
        )
        factories.make_responses(
            assessment=assessment,
            answers=[_everything(model_version, 4)] * 10,
            team=structure["north"],
            role=structure["front"],
        )
        return assessment

    return make


def _visible_scores(result):
    return {g.group.key: g for g in result.groups() if not g.suppressed}


@pytest.mark.parametrize("small", [THRESHOLD - 1, THRESHOLD, THRESHOLD + 1])
def test_result_hides_small_groups_and_their_complements(scan, small):
    result = score_assessment(assessment=scan(small))
    sales = next(g for g in result.teams if g.group.name_en == "Sales")
    north = next(g for g in result.teams if g.group.name_en == "Service North")
    board = next(g for g in result.roles if g.group.name_en == "Board")
    assert sales.respondents == small
    if small < THRESHOLD:
        # Sales is too small; everything that equals "organisation minus Sales" must go too.
        for group in (sales, north, board, result.management, result.staff, *result.team_roles):
            assert group.suppressed, group.group.key
            assert all(f.score is None and f.sd is None and f.distribution is None for f in group.factors)
        assert set(_visible_scores(result)) == {"organisation"}
    else:
        assert not sales.suppressed
        assert not north.suppressed
        assert sales.factor("f1").score == 0.0
    for group in result.groups():
        for stats in group.factors:
            if stats.score is not None:
                assert stats.n >= THRESHOLD
    assert result.comments_visible is True  # 10 + small >= 5 in the organisation


def test_subtraction_within_a_parent_team(org_a, model_version, structure):
    """Service = Service North (6) + its own 3 people: North would expose the 3, so it is hidden too."""
    assessment = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[structure["service"], structure["north"]]
    )
    factories.make_random_responses(assessment=assessment, count=6, team=structure["north"], seed=1)
    factories.make_random_responses(assessment=assessment, count=3, team=structure["service"], seed=2)
    factories.make_random_responses(assessment=assessment, count=8, team=structure["sales"], seed=3)
    result = score_assessment(assessment=assessment)
    by_name = {g.group.name_en: g for g in result.teams}
    assert (by_name["Service"].respondents, by_name["Service"].suppressed) == (9, False)
    assert (by_name["Service North"].respondents, by_name["Service North"].suppressed) == (6, True)
    assert by_name["Service North"].suppressed_reason == "differencing"
    assert by_name["Service North"].factor("f1").score is None


def test_subtraction_of_roles_from_the_organisation(org_a, model_version, structure):
    """Organisation 9 = Board 7 + Front office 2: Board is hidden, else 9 - 7 exposes the two."""
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[structure["sales"]])
    factories.make_random_responses(assessment=assessment, count=7, team=structure["sales"], role=structure["board"])
    factories.make_random_responses(assessment=assessment, count=2, team=structure["sales"], role=structure["front"])
    result = score_assessment(assessment=assessment)
    assert not result.organisation.suppressed
    assert [(g.group.name_en, g.suppressed) for g in result.roles] == [("Board", True), ("Front office", True)]
    assert result.management.suppressed
    assert result.staff.suppressed
    # Sales holds exactly the organisation's people, so it may show; its Board cell may not.
    assert not result.teams[0].suppressed
    assert all(g.suppressed for g in result.team_roles)


@pytest.mark.parametrize("small", [THRESHOLD - 1, THRESHOLD])
def test_dashboard_html_shows_nothing_hidden(scan, small, manager_a, client_for):
    assessment = scan(small)
    html = client_for(manager_a).get(f"/a/{assessment.public_id}/results/").content.decode()
    heatmap = json.loads(html.split('id="heatmap-data" type="application/json">')[1].split("</script>")[0])
    radar = json.loads(html.split('id="radar-data" type="application/json">')[1].split("</script>")[0])
    score_trace = heatmap["figure"]["data"][0]
    rows = dict(zip(score_trace["y"], score_trace["z"], strict=True))
    sales_row = rows[f"Sales ({small})"]
    overlay_names = {t["name"] for traces in radar["overlays"].values() for t in traces}
    if small < THRESHOLD:
        assert sales_row == [None, None, None]
        assert rows["↳ Service North (10)"] == [None, None, None]
        assert "Sales" not in overlay_names
        assert "Service" not in overlay_names
        assert "secret sales remark" in html  # comments need 5 in the organisation: 14 here
    else:
        assert sales_row == [0.0, 0.0, 0.0]
        assert "Sales" in overlay_names


@pytest.mark.parametrize("small", [THRESHOLD - 1, THRESHOLD, THRESHOLD + 1])
def test_command_json_shows_nothing_hidden(scan, small):
    assessment = scan(small)
    out = StringIO()
    call_command("score_assessment", str(assessment.public_id), "--json", stdout=out)
    data = json.loads(out.getvalue())
    groups = [data["organisation"], *data["teams"], *data["roles"], *data["team_roles"], data["management"]]
    for group in groups:
        for stats in group["factors"]:
            if stats["suppressed"]:
                figures = {k: v for k, v in stats.items() if k not in COUNT_FIELDS}
                assert figures == dict.fromkeys(figures)
            else:
                assert stats["n"] >= THRESHOLD
    sales = next(t for t in data["teams"] if t["group"]["name_en"] == "Sales")
    assert sales["suppressed"] is (small < THRESHOLD)


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("small", [THRESHOLD - 1, THRESHOLD, THRESHOLD + 1])
def test_exports_show_nothing_hidden(scan, small, manager_a, client_for):
    assessment = scan(small)
    client = client_for(manager_a)
    scores = _csv_rows(client.get(f"/a/{assessment.public_id}/results/export/scores.csv"))
    header = scores[0]
    for row in scores[1:]:
        record = dict(zip(header, row, strict=True))
        if record["Status"].startswith("hidden"):
            hidden_figures = ("Counted respondents", "Mean (answer scale)", "Score (0-100)", "Consensus (0-100)")
            assert [record[k] for k in hidden_figures] == ["", "", "", ""]
        else:
            assert int(record["Counted respondents"]) >= THRESHOLD
    sales_rows = [r for r in scores[1:] if r[1] == "Sales"]
    hidden = {"hidden: fewer than 5 respondents"}
    assert {r[5] for r in sales_rows} == (hidden if small < THRESHOLD else {"shown"})

    answers = _csv_rows(client.get(f"/a/{assessment.public_id}/results/export/answers.csv"))
    labels = [(r[1], r[2]) for r in answers[1:]]
    assert len(labels) == small + 10
    counts = {label: labels.count(label) for label in set(labels)}
    assert all(n >= THRESHOLD for n in counts.values())
    if small < THRESHOLD:
        assert set(counts) == {("Other", "Other")}
    else:
        assert counts[("Sales", "Board")] == small
    # Numbered 1..n, and no timestamps, emails or invitation data in the header.
    assert [int(r[0]) for r in answers[1:]] == list(range(1, small + 11))
    assert answers[0][:3] == ["Respondent", "Team", "Role"]


def test_answers_export_order_does_not_follow_submission(org_a, model_version, structure, manager_a, client_for):
    """Rows are sorted by a random key: the first submitted people are not the first rows."""
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[structure["sales"]])
    answers = [{"f1s1": (value, None)} for value in [1] * 10 + [5] * 10]  # early 1s, late 5s
    factories.make_responses(assessment=assessment, answers=answers, team=structure["sales"])
    rows = _csv_rows(client_for(manager_a).get(f"/a/{assessment.public_id}/results/export/answers.csv"))
    first_column = [r[3] for r in rows[1:]]
    assert sorted(first_column) == ["1"] * 10 + ["5"] * 10
    assert first_column != ["1"] * 10 + ["5"] * 10


# --- the suppression rule itself, on random trees --------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(
    own=st.integers(0, 12),
    children=st.lists(st.integers(0, 12), min_size=1, max_size=5),
    threshold=st.integers(3, 6),
)
def test_no_small_rest_is_ever_derivable(own, children, threshold):
    counts = {"parent": own + sum(children), **{f"c{i}": n for i, n in enumerate(children)}}
    parts = [f"c{i}" for i in range(len(children))]
    hidden = hidden_groups(counts=counts, partitions=[("parent", parts)], threshold=threshold)
    for key, n in counts.items():
        if n < threshold:
            assert key in hidden
    if "parent" not in hidden:
        rest = counts["parent"] - sum(counts[p] for p in parts if p not in hidden)
        assert rest == 0 or rest >= threshold
