"""The one true story (issue 23): one organisation, built through the real flows, tells the same story everywhere.

tests/results/story_builder.py builds it: three teams (Service North inside Service), a board (management)
and front office (staff), the real 9+ model version 2 with its management-only statement cs4; spring 2026
(22 respondents, one board member switching to front office after answering cs4, one board member
answering "don't know" to all of Brand Connection), autumn 2025 typed in late, the next round planned,
two actions, the respondents' summary published, the benchmark joined.

What must hold: the dashboard, the PDF text, the CSV and XLSX exports, the API, the benchmark (our
organisation as another organisation's peer), the drill-down, the trend and the respondents' summary show
the scoring result's numbers (each rounded once, half up, to the surface's precision), order the rounds by
their dates (autumn 2025 before spring 2026, whatever the order they were typed in), and give each hidden
cell the right reason: Service North and staff's Brand Connection are hidden to prevent subtraction
(Service has only 4 more respondents; the organisation minus staff would give management's Brand
Connection), management's Brand Connection is hidden because too few counted for it (4 of its 5 respondents).

The story is built once per module (a few hundred requests) inside a transaction rolled back at the end.
"""

import csv
import datetime
import html
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from assessments.actions.selectors.trend import trend_change
from assessments.benchmarks.selectors import benchmark_for, peer_scores
from assessments.questionnaire.models import Answer, TeamLink
from assessments.results import wording
from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from models_9plus.models import Statement
from tests import factories
from tests.results import story_builder

THRESHOLD = 5
SUBTRACTION = "hidden to prevent subtraction"
OLD_THRESHOLD_TEXT = "hidden: fewer than 5 respondents"  # untrue for a group of 5 of whom 4 counted
ROUND_ORDER = ["CX scan autumn 2025", "CX scan spring 2026"]  # by their dates; typed in the other way round

SETTINGS = {
    # tests/conftest.py sets these per test function; a module-scoped build needs them too.
    "RATELIMIT_ENABLE": False,
    "AXES_ENABLED": False,
    "CXM_API_RATE": "100000/min",
    "CXM_SCORING_CACHE_SECONDS": 0,
    "CXM_REPORT_EXECUTOR": "inline",
}


@pytest.fixture(scope="module")
def story(django_db_setup, django_db_blocker):
    from models_9plus.services import load_model_file
    from tests.conftest import assert_test_database

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch, override_settings(**SETTINGS):
        assert_test_database()
        translation.activate("en")
        try:
            with transaction.atomic():
                version = load_model_file(path=story_builder.real_model_path()).version
                clock = story_builder.Clock(patch, datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC))
                yield story_builder.build(clock, version)
                transaction.set_rollback(True)
        finally:
            translation.deactivate()


@pytest.fixture(scope="module")
def surfaces(story):
    """Every surface read once, in English, as the manager (or the respondent, or the API client) sees it."""
    manager = Client()
    manager.force_login(story.manager)
    spring = f"/a/{story.spring.public_id}"
    with translation.override("en"):
        pdf = build_report_pdf(assessment=story.spring, language="en")
    respondent = Client()  # a spring respondent opens their team link again after the round closed
    respondent.get(f"/t/{TeamLink.objects.get(assessment=story.spring, team__name='Sales').token}/")
    peer_manager = factories.make_user(email="manager@peer-view.example")
    factories.add_member(user=peer_manager, organisation=story.peer_view.organisation, role="manager")
    peer = Client()
    peer.force_login(peer_manager)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {story.api_secret}")
    return {
        "dashboard": _page(manager, f"{spring}/results/"),
        "drilldown": _page(manager, f"{spring}/results/factor/customer_strategy/"),
        "drilldown_management": _page(manager, f"{spring}/results/factor/customer_strategy/?group=management"),
        "drilldown_brand": _page(manager, f"{spring}/results/factor/{story_builder.THIN_FACTOR}/"),
        "csv": _csv(_body(manager.get(f"{spring}/results/export/scores.csv"))),
        "xlsx": list(
            load_workbook(io.BytesIO(_body(manager.get(f"{spring}/results/export/scores.xlsx")))).active.iter_rows(
                values_only=True
            )
        ),
        "api": api.get(f"/api/v1/assessments/{story.spring.public_id}/results/").json(),
        "pdf": _flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)),
        "trend": _page(manager, f"/o/{story.organisation.public_id}/trend/"),
        "assessments": _page(manager, f"/o/{story.organisation.public_id}/assessments/"),
        "answers": list(
            load_workbook(io.BytesIO(_body(manager.get(f"{spring}/results/export/answers.xlsx"))))["Answers"].iter_rows(
                values_only=True
            )
        ),
        "benchmark": _page(manager, f"{spring}/benchmark/"),
        "peer_benchmark": _page(peer, f"/a/{story.peer_view.public_id}/benchmark/"),
        "summary": _page(respondent, "/r/summary/"),
    }


@pytest.fixture(scope="module")
def truth(story):
    """The one scoring path's result of each round."""
    return {a.title: score_assessment(assessment=a) for a in (story.spring, story.autumn, story.peer_view)}


# ----------------------------------------------------------------------------------------------- reading


def _body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def _page(client, url):
    return _flat(_body(client.get(url)).decode())


def _flat(text):
    text = re.sub(r"<script(?![^>]*application/json).*?</script>", "", text, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", text))


def _csv(body):
    text = body.decode("utf-8-sig")
    return [tuple(row) for row in csv.reader(io.StringIO(text))]


def _between(text, start, end):
    assert start in text, start
    return text.split(start, 1)[1].split(end, 1)[0]


def half_up(value, places=0):
    """The product's one rounding rule: half up, once, from the unrounded figure."""
    rounded = Decimal(repr(round(value, 9))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(rounded) if places == 0 else float(rounded)


def _shown(value):
    return "–" if value is None else str(half_up(value))


def _codes(result):
    return [f.code for f in result.factors]


def _name(result, code):
    return result.factor(code).name("en")


def _layers(result, group_key="organisation"):
    lenses = result.lenses_for(group_key)
    return {f.factor_code: (f.basis.score, f.nine_plus.score) for f in lenses.factors}


def _cells(row_html):
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html)]


def _table_rows(table_html):
    """{row header text: [cell texts]} of an HTML table."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html):
        header = re.search(r"<th scope=\"row\"[^>]*>(.*?)</th>", row)
        if header:
            rows[re.sub(r"<[^>]+>", "", header.group(1)).strip()] = _cells(row)
    return rows


def _sheet_rows(rows):
    header = list(rows[0])
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


# ----------------------------------------------------------------------------------------------- the story


def test_the_story_is_the_one_told(story, truth, db):
    spring = truth["CX scan spring 2026"]
    teams = {t.group.name_en: t for t in spring.teams}
    assert (teams["Service North"].respondents, teams["Service North"].suppressed_reason) == (6, "differencing")
    assert (teams["Service"].respondents, teams["Sales"].respondents) == (10, 12)
    assert not teams["Service"].suppressed
    assert not teams["Sales"].suppressed
    assert (spring.respondents, spring.management.respondents, spring.staff.respondents) == (22, 5, 17)
    brand = story_builder.THIN_FACTOR
    assert (spring.management.factor(brand).suppressed_reason, spring.staff.factor(brand).suppressed_reason) == (
        "too_few_counted",
        "differencing",
    )
    scores = [half_up(spring.organisation.factor(code).score) for code in _codes(spring)]
    assert len(set(scores)) >= 4, scores  # the factors differ, so a factor mix-up would show
    assert spring.respondents == len(story.people[story.spring.title])
    # The management-only statement is asked of the board only: the staff pages never showed it, so its only
    # stored answers are the board's five and the one of the board member who then switched to front office.
    code = story_builder.MANAGEMENT_ONLY
    assert Statement.objects.get(factor__version=story.spring.model_version, code=code).audience == ["management"]
    answers = Answer.objects.filter(response__assessment=story.spring, statement__code=code)
    assert sorted(answers.values_list("response__role__name_en", "current")) == [("Board", 5)] * 5 + [
        ("Front office", 1)
    ]
    # The late round is older by its dates but was created later.
    assert story.autumn.created_at > story.spring.created_at
    assert story.autumn.opens_at < story.spring.opens_at


# ----------------------------------------------------------------------------------------------- numbers


def test_dashboard_shows_the_scores(surfaces, truth, db):
    result, page = truth["CX scan spring 2026"], surfaces["dashboard"]
    index = re.search(r"Maturity index</div> <div class=\"display-6\">(\d+)<", page).group(1)
    assert index == _shown(result.index)
    table = _table_rows(_between(page, "Show as a table", "</table>"))
    layers = _layers(result)
    for code in _codes(result):
        stats = result.organisation.factor(code)
        assert table[_name(result, code)][0] == _shown(stats.score), code
        card = _between(page, f'id="factor-{code}"', "</article>")
        assert re.search(r'class="factor-score">(\d+)<', card).group(1) == _shown(stats.score), code
        basis, nine_plus = layers[code]
        assert f'factor-layers">basics {_shown(basis)} · 9+ moments {_shown(nine_plus)}<' in card, code
    gap = _table_rows(_between(page, 'id="gap-title"', "</table>"))
    for code in _codes(result):
        management, staff = result.management.factor(code), result.staff.factor(code)
        if not management.suppressed:
            assert gap[_name(result, code)][:2] == [_shown(management.score), _shown(staff.score)], code
    heatmap = _between(page, 'class="heatmap-phone', "</table>")
    for team in result.teams:
        if not team.suppressed:
            row = _between(heatmap, f'">{team.group.name_en}<span', "</tr>")
            expected = [str(team.respondents)] + [_shown(team.factor(code).score) for code in _codes(result)]
            assert _cells(row) == expected, team.group.name_en
    overall = result.lenses_for("organisation")
    assert (
        f'lens-headline mb-3"><span class="fw-semibold">basics {_shown(overall.basis.score)} '
        f'<span class="margin">±{_shown(overall.basis.margin)}</span></span> · '
        f'<span class="fw-semibold">9+ moments {_shown(overall.nine_plus.score)} '
        f'<span class="margin">±{_shown(overall.nine_plus.margin)}</span></span>'
    ) in page
    lens_table = _table_rows(_between(page, "lens-headline", "</table>"))
    org_layers = {f.factor_code: f for f in overall.factors}

    def cell(lens):
        return _shown(lens.score) + (f" ±{_shown(lens.margin)}" if lens.margin is not None else "")

    assert lens_table == {_name(result, c): [cell(org_layers[c].basis), cell(org_layers[c].nine_plus)] for c in layers}


def _export_figures(result):
    """((group type, group, factor code), column, unrounded figure or None when hidden) the exports must carry."""
    layers, overall = _layers(result), result.lenses_for("organisation")
    name = result.organisation.group.name_en
    for code in _codes(result):
        yield ("Organisation", name, code), "Score (0-100)", result.organisation.factor(code).score
        yield ("Organisation", name, code), "Basics (7+) score", layers[code][0]
        yield ("Organisation", name, code), "9+ moments score", layers[code][1]
        stats = result.management.factor(code)
        yield ("Management", "Management", code), "Score (0-100)", None if stats.suppressed else stats.score
        for team in result.teams:
            stats = team.factor(code)
            hidden = team.suppressed or stats.suppressed
            yield ("Team", team.group.name_en, code), "Score (0-100)", None if hidden else stats.score
    yield ("Organisation", name, "lens:basis"), "Score (0-100)", overall.basis.score
    yield ("Organisation", name, "lens:nine_plus"), "Score (0-100)", overall.nine_plus.score


SCORE_COLUMNS = ("Score (0-100)", "Basics (7+) score", "9+ moments score")


def _export_values(surfaces):
    """{"csv"|"xlsx": {(group type, group, factor code): row}}, the score columns as numbers (None when empty)."""
    found = {}
    for kind in ("csv", "xlsx"):
        rows = {}
        for row in _sheet_rows(surfaces[kind]):
            for column in SCORE_COLUMNS:
                value = row.get(column)
                row[column] = None if value in ("", None) else float(value)
            rows[(row["Group type"], row["Group"], row["Factor code"])] = row
        found[kind] = rows
    return found


def test_exports_show_the_scores(surfaces, truth, db):
    """Both exports carry the scoring result's figures to one decimal (the exact rounding rule: see below)."""
    result = truth["CX scan spring 2026"]
    exports = _export_values(surfaces)
    assert len(exports["csv"]) == len(exports["xlsx"])
    for kind, rows in exports.items():
        for key, column, figure in _export_figures(result):
            shown = rows[key][column]
            if figure is None:
                assert shown is None, (kind, key, column)
            else:
                assert abs(shown - figure) <= 0.05 + 1e-9, (kind, key, column, shown, figure)
        for code in _codes(result):
            row = rows[("Organisation", result.organisation.group.name_en, code)]
            assert int(row["Counted respondents"]) == result.organisation.factor(code).n, (kind, code)


def test_exports_round_half_up_once(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    for kind, rows in _export_values(surfaces).items():
        for key, column, figure in _export_figures(result):
            if figure is not None:
                assert rows[key][column] == half_up(figure, 1), (kind, key, column, figure)


def test_api_gives_the_scores(surfaces, truth, db):
    result, data = truth["CX scan spring 2026"], surfaces["api"]
    assert data["index"] == pytest.approx(result.index, abs=1e-9)
    factors = {f["factor_code"]: f for f in data["organisation"]["factors"]}
    for code in _codes(result):
        assert factors[code]["score"] == pytest.approx(result.organisation.factor(code).score, abs=1e-9), code
        assert factors[code]["n"] == result.organisation.factor(code).n, code
    lenses = next(g for g in data["lenses"] if g["group_key"] == "organisation")
    overall = result.lenses_for("organisation")
    assert (lenses["basis"]["score"], lenses["nine_plus"]["score"]) == (
        pytest.approx(overall.basis.score, abs=1e-9),
        pytest.approx(overall.nine_plus.score, abs=1e-9),
    )
    teams = {t["group"]["name_en"]: t for t in data["teams"]}
    for team in result.teams:
        scores = {f["factor_code"]: f["score"] for f in teams[team.group.name_en]["factors"]}
        assert scores == {c: team.factor(c).score for c in _codes(result)}, team.group.name_en
    assert (teams["Service North"]["suppressed"], teams["Service North"]["suppressed_reason"]) == (True, "differencing")
    management = {f["factor_code"]: f for f in data["management"]["factors"]}
    staff = {f["factor_code"]: f for f in data["staff"]["factors"]}
    brand = story_builder.THIN_FACTOR
    assert (management[brand]["suppressed_reason"], staff[brand]["suppressed_reason"]) == (
        "too_few_counted",
        "differencing",
    )


def test_pdf_shows_the_scores(surfaces, truth, db):
    result, text = truth["CX scan spring 2026"], surfaces["pdf"]
    assert re.search(r"(\d+)/100 MATURITY INDEX", text).group(1) == _shown(result.index)
    margin = result.organisation.index_margin
    assert f"/100 MATURITY INDEX · MARGIN ±{_shown(margin)}" in text
    overview = _between(text, "FACTOR SCORE ± MARGIN LEVEL AMBITION CONSENSUS", "Harbour Care CX scan")
    basics = _between(text, "FACTOR BASICS 9+ MOMENTS", "SERVICE QUALITY")
    layers = _layers(result)
    for code in _codes(result):
        name = _name(result, code)
        stats = result.organisation.factor(code)
        found = re.search(rf"{re.escape(name)} (\d+) ±(\d+) ", overview)
        assert found.groups() == (_shown(stats.score), _shown(stats.margin)), code
        assert f"{name} {_shown(layers[code][0])} {_shown(layers[code][1])}" in basics, code
    overall = result.lenses_for("organisation")
    assert f"Basics {_shown(overall.basis.score)} · 9+ moments {_shown(overall.nine_plus.score)}" in text
    perception = _between(text, "FACTOR MANAGEMENT STAFF DIFFERENCE", "Difference = management score")
    strategy = result.management.factor("customer_strategy"), result.staff.factor("customer_strategy")
    assert f"Customer Strategy {_shown(strategy[0].score)} {_shown(strategy[1].score)} " in perception
    assert "1 team is not shown separately (hidden to prevent subtraction)." in text
    assert "Service North" not in text


def test_respondents_summary_shows_the_scores(story, surfaces, truth, db):
    result, page = truth["CX scan spring 2026"], surfaces["summary"]
    assert re.search(r'<p class="display-6 mb-1">(\d+)<', page).group(1) == _shown(result.index)
    assert f"Based on {result.respondents} responses." in page
    table = dict(re.findall(r"<tr><td>(.*?)</td><td class=\"text-end fw-semibold\">(.*?)</td></tr>", page))
    assert table == {_name(result, c): _shown(result.organisation.factor(c).score) for c in _codes(result)}
    assert f"<strong>Strongest:</strong> {_name(result, result.strongest)}<" in page
    assert f"<strong>Weakest:</strong> {_name(result, result.weakest)}<" in page
    planned = list(story.spring.plan_actions.order_by("created_at").values_list("title", flat=True))
    assert len(planned) == 2
    assert all(title in page for title in planned)
    assert "Service North" not in page
    assert "Board" not in page


def test_drilldown_header_is_the_dashboards_factor(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    stats = result.organisation.factor("customer_strategy")
    assert f"Factor score {_shown(stats.score)}/100 · {stats.n} respondents counted" in surfaces["drilldown"]
    # Service North (hidden to prevent subtraction) is never offered as a group to compare; on Brand Connection
    # neither management (threshold) nor staff (subtraction) is, while both are on Customer Strategy.
    offered = re.compile(r'<option value="(?:management|staff)">')
    assert "Service North" not in surfaces["drilldown"]
    assert len(offered.findall(surfaces["drilldown"])) == 2
    assert offered.findall(surfaces["drilldown_brand"]) == []
    brand = result.organisation.factor(story_builder.THIN_FACTOR)
    assert f"Factor score {_shown(brand.score)}/100 · {brand.n} respondents counted" in surfaces["drilldown_brand"]


def _drilldown_row(page, statement_text):
    row = _between(page, f"<td>{statement_text}</td>", "</tr>")
    score = re.search(r'<td class="text-end fw-semibold">(\d+|–)</td>', row).group(1)
    counts = re.search(r'aria-label="([^"]+)"', row).group(1)
    return score, {label: int(n) for label, n in re.findall(r"([A-Za-z' ]+?) (\d+)(?:, |$)", counts)}


def test_drilldown_of_the_management_only_statement_counts_management_only(story, surfaces, truth, db):
    statement = Statement.objects.get(factor__version=story.spring.model_version, code=story_builder.MANAGEMENT_ONLY)
    # The board's five answers to cs4 are all 5 ("Embedded"); the switcher's 1 was never asked of staff.
    for page in (surfaces["drilldown"], surfaces["drilldown_management"]):
        score, counts = _drilldown_row(page, statement.text_en)
        assert sum(counts.values()) == 5
        assert (score, counts["Embedded"]) == ("100", 5)
    # The PDF's factor page names cs4 the strongest statement with the drill-down's figure.
    assert f"{statement.text_en} 100 " in surfaces["pdf"]


def test_answers_export_holds_no_answer_outside_its_audience(surfaces, db):
    rows = surfaces["answers"]
    column = next(i for i, title in enumerate(rows[0]) if str(title).startswith(f"{story_builder.MANAGEMENT_ONLY}: "))
    answered = [(row[2], row[column]) for row in rows[1:] if row[column] is not None]
    assert answered == [("Board", 5)] * 5


# ----------------------------------------------------------------------------------------------- the benchmark


def test_own_benchmark_shows_the_dashboards_scores(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    rows = _table_rows(_between(surfaces["benchmark"], "benchmark-table", "</table>"))
    for code in _codes(result):
        assert rows[_name(result, code)][0] == _shown(result.organisation.factor(code).score), code


def test_as_a_peer_our_value_is_our_own_factor_score(story, surfaces, truth, db):
    """Peer View is compared with four uniform peers (two at 0, two at 100) and us. Our value as its peer is
    exactly our dashboard's factor score (one scoring path); and since that setup is the shill attack (our
    value would be the median), the benchmark guard withholds every figure there (benchmarks/guard.py)."""
    ours = truth["CX scan spring 2026"]
    peer_view = truth[story.peer_view.title]
    values = {
        (org, code): value
        for org, _sector, _size, code, value in peer_scores(model_version_id=story.spring.model_version_id)
    }
    for code in _codes(ours):
        own = ours.organisation.factor(code)
        expected = None if own.suppressed else own.score
        assert values.get((story.spring.organisation_id, code)) == expected, code  # exactly, unrounded
    benchmark = benchmark_for(assessment=story.peer_view, result=peer_view)
    assert benchmark.reason == "withheld"
    assert all(f.median is None and f.q1 is None and f.q3 is None for f in benchmark.factors)
    rows = _table_rows(_between(surfaces["peer_benchmark"], "benchmark-table", "</table>"))
    for code in _codes(ours):
        assert rows[_name(ours, code)][1:] == ["Withheld: one organisation could move these figures"], code


# ----------------------------------------------------------------------------------------------- rounds


def _trend_columns(page):
    head = _between(page, '<caption class="visually-hidden">Scores per round</caption>', "</thead>")
    return re.findall(r'<a href="/a/[0-9a-f-]+/">(.*?)</a>', head)


def test_trend_shows_each_rounds_scores(surfaces, truth, db):
    page = surfaces["trend"]
    columns = _trend_columns(page)
    rows = _table_rows(_between(page, "Scores per round</caption>", "</table>"))
    before = None
    for title in ROUND_ORDER:
        result, column = truth[title], columns.index(title)
        index_margin = result.organisation.index_margin
        expected = _shown(result.index) + _mark(result.index, index_margin, before, "index")
        assert rows["Maturity index"][column] == expected, title
        for code in _codes(result):
            stats = result.organisation.factor(code)
            expected = _shown(stats.score) + _mark(stats.score, stats.margin, before, code)
            assert rows[_name(result, code)][column] == expected, (title, code)
        before = result


def _mark(score, margin, before, code):
    """The change mark under a trend cell (results/_change_mark.html), from the scoring results."""
    if before is None:
        return ""
    if code == "index":
        old, old_margin = before.index, before.organisation.index_margin
    else:
        old, old_margin = before.organisation.factor(code).score, before.organisation.factor(code).margin
    change = trend_change(score, margin, old, old_margin)
    if change is None:
        return ""
    sign = "+" if change.change > 0 else ""
    words = "beyond the margin" if change.meaningful else "within the margin"
    arrow = ("▲ " if change.up else "▼ ") if change.meaningful else ""
    return f"{arrow}{sign}{half_up(change.change)}{words} (±{half_up(change.margin)})"


def test_trend_orders_rounds_by_their_dates(surfaces, db):
    columns = [title for title in _trend_columns(surfaces["trend"]) if title in ROUND_ORDER]
    assert columns == ROUND_ORDER


def test_pdf_orders_rounds_by_their_dates_and_names_the_real_next_round(surfaces, truth, db):
    text = surfaces["pdf"]
    header = _between(text, "ROUNDS OVER TIME", "Maturity index")
    positions = [header.find(title.upper()) for title in ROUND_ORDER]
    assert -1 not in positions, header
    assert positions == sorted(positions), header
    assert "The next round opens on 14 September 2026." in text
    trend = _between(text, "ROUNDS OVER TIME", "Harbour Care CX scan")
    autumn, spring = truth["CX scan autumn 2025"], truth["CX scan spring 2026"]
    assert f"Maturity index {_shown(autumn.index)} {_shown(spring.index)}" in trend


def test_assessment_list_orders_rounds_by_their_dates(surfaces, db):
    listed = re.findall(r'href="/a/[0-9a-f-]+/">(CX scan [^<]+)<', surfaces["assessments"])
    assert listed == ["CX scan autumn 2026", "CX scan spring 2026", "CX scan autumn 2025"]  # newest first


def test_plan_answers_to_the_latest_round_by_date(story, db):
    assert set(story.plan_offered_for) == {str(story.spring.public_id)}


# ----------------------------------------------------------------------------------------------- hidden reasons


def test_subtraction_is_the_reason_everywhere(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    brand = _name(result, story_builder.THIN_FACTOR)
    dashboard = surfaces["dashboard"]
    assert wording.reason_text("differencing", threshold=THRESHOLD) == SUBTRACTION
    north = _between(_between(dashboard, 'class="heatmap-phone', "</table>"), "Service North", "</tr>")
    assert f"{SUBTRACTION}</span>" in north
    assert _table_rows(_between(dashboard, 'id="gap-title"', "</table>"))[brand][1] == SUBTRACTION
    for rows in (_sheet_rows(surfaces["csv"]), _sheet_rows(surfaces["xlsx"])):
        north_factors = {r["Status"] for r in rows if r["Group"] == "Service North" and ":" not in r["Factor code"]}
        assert north_factors == {SUBTRACTION}
        staff = next(r for r in rows if r["Group type"] == "Staff" and r["Factor code"] == story_builder.THIN_FACTOR)
        assert staff["Status"] == SUBTRACTION
    perception = _between(surfaces["pdf"], "FACTOR MANAGEMENT STAFF DIFFERENCE", "Difference = management score")
    assert re.search(rf"{re.escape(brand)} .*? {SUBTRACTION} –", perception)


def test_exports_give_the_lens_rows_of_a_subtracted_team_its_reason(surfaces, db):
    for rows in (_sheet_rows(surfaces["csv"]), _sheet_rows(surfaces["xlsx"])):
        assert {r["Status"] for r in rows if r["Group"] == "Service North"} == {SUBTRACTION}


def test_threshold_reason_is_true_and_the_same_everywhere(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    code = story_builder.THIN_FACTOR
    brand = _name(result, code)
    dashboard_text = _table_rows(_between(surfaces["dashboard"], 'id="gap-title"', "</table>"))[brand][0]
    assert dashboard_text.startswith("hidden")
    assert dashboard_text != OLD_THRESHOLD_TEXT
    for rows in (_sheet_rows(surfaces["csv"]), _sheet_rows(surfaces["xlsx"])):
        management = next(r for r in rows if r["Group type"] == "Management" and r["Factor code"] == code)
        assert management["Status"] == dashboard_text
    perception = _between(surfaces["pdf"], "FACTOR MANAGEMENT STAFF DIFFERENCE", "Difference = management score")
    assert f"{brand} {dashboard_text} {SUBTRACTION} –" in perception
    api = {f["factor_code"]: f for f in surfaces["api"]["management"]["factors"]}
    assert api[code]["suppressed_reason_text"] == dashboard_text
    north = next(t for t in surfaces["api"]["teams"] if t["group"]["name_en"] == "Service North")
    assert north["suppressed_reason_text"] == SUBTRACTION


# ----------------------------------------------------------------------------------------------- layers


def test_overall_layers_are_the_mean_of_the_factor_layers(surfaces, truth, db):
    result = truth["CX scan spring 2026"]
    lenses = result.lenses_for("organisation")
    layers = _layers(result)
    basis = sum(b for b, _n in layers.values()) / len(layers)
    nine_plus = sum(n for _b, n in layers.values()) / len(layers)
    assert (lenses.basis.score, lenses.nine_plus.score) == (pytest.approx(basis), pytest.approx(nine_plus))
    # The overall layers' margins are the mean of the factor layers' margins too.
    margins = [(f.basis.margin, f.nine_plus.margin) for f in lenses.factors]
    assert lenses.basis.margin == pytest.approx(sum(b for b, _n in margins) / len(margins))
    assert lenses.nine_plus.margin == pytest.approx(sum(n for _b, n in margins) / len(margins))
    headline = (
        f'<span class="fw-semibold">basics {_shown(basis)} <span class="margin">±{_shown(lenses.basis.margin)}</span>'
        f'</span> · <span class="fw-semibold">9+ moments {_shown(nine_plus)} '
        f'<span class="margin">±{_shown(lenses.nine_plus.margin)}</span></span>'
    )
    assert headline in surfaces["dashboard"]
    assert f"Basics {_shown(basis)} · 9+ moments {_shown(nine_plus)}" in surfaces["pdf"]
