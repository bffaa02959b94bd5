"""A report for 200 teams stays readable: the heatmap shows the strongest and weakest teams, a page shows the
spread, and an appendix lists every team 25 a page with its header repeated (results/services/report_teams.py).

The organisation is built and rendered once per language for the module (rolled back afterwards).
"""

import io
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from pypdf import PdfReader

from assessments.results import teams
from assessments.results.services import report_teams
from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from tests import factories
from tests.conftest import assert_test_database
from tests.results.report.builders import build_large_org

pytestmark = pytest.mark.django_db

TEAMS = 200
TEAM_LINE = re.compile(r"^Team \d{3}\b", re.MULTILINE)


@dataclass
class Large:
    result: object
    pages: dict  # language -> [text per page]


@pytest.fixture(scope="module")
def large(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        model_version = factories.make_model_version(code="manyteams", factors=7, statements=2)
        scenario = build_large_org(model_version=model_version, teams=TEAMS)
        result = score_assessment(assessment=scenario.assessment)
        pages = {}
        for language in ("en", "nl"):
            reader = PdfReader(io.BytesIO(build_report_pdf(assessment=scenario.assessment, language=language)))
            pages[language] = [page.extract_text() or "" for page in reader.pages]
        transaction.set_rollback(True)
    return Large(result=result, pages=pages)


def _visible(result):
    return [t for t in result.teams if not t.suppressed]


def test_every_team_is_shown_and_ranked(large):
    visible = _visible(large.result)
    assert len(visible) == TEAMS
    assert [rank for rank, _team in teams.ranked(visible)] == list(range(1, TEAMS + 1))


def test_the_heatmap_holds_the_eight_strongest_and_weakest_with_a_row_between(large):
    visible = _visible(large.result)
    figure, height = report_teams.heatmap_spec(result=large.result, visible_teams=visible, language="en")
    labels = list(figure.data[0].y)
    ranks = [int(label.split(".")[0]) for label in labels[1:9] + labels[10:]]
    assert labels[0].startswith(large.result.organisation.group.name_en)
    assert labels[9] == "⋯ 184 other teams ⋯"
    assert ranks == [*range(1, 9), *range(193, 201)]
    assert len(figure.data[0].z) == len(labels) == 18
    assert all(value is None for value in figure.data[0].z[9])
    assert height == report_teams.MAX_HEIGHT


def test_the_strongest_team_scores_above_the_weakest(large):
    strongest, weakest = teams.extremes(_visible(large.result))
    averages = [teams.team_average(team) for _rank, team in (*strongest, *weakest)]
    assert averages == sorted(averages, reverse=True)
    assert averages[0] > averages[-1]


@pytest.mark.parametrize(
    ("language", "note", "spread", "appendix", "continued"),
    [
        (
            "en",
            "The 184 teams between them are in the appendix",
            "How far apart the teams are",
            "All teams",
            "(continued)",
        ),
        (
            "nl",
            "De 184 teams daartussen staan in de bijlage",
            "Hoe ver de teams uit elkaar liggen",
            "Alle teams",
            "(vervolg)",
        ),
    ],
)
def test_pages_say_what_is_left_out_and_where_to_find_it(large, language, note, spread, appendix, continued):
    pages = large.pages[language]
    assert sum(note in " ".join(text.split()) for text in pages) == 1
    spread_pages = [text for text in pages if spread in text]
    assert len(spread_pages) == 1
    for info in large.result.factors:
        assert info.name(language) in spread_pages[0]
    appendix_pages = [
        i for i, text in enumerate(pages) if re.search(rf"^{appendix}( {re.escape(continued)})?$", text, re.M)
    ]
    assert len(appendix_pages) == TEAMS // report_teams.APPENDIX_ROWS
    assert appendix_pages == list(range(appendix_pages[0], appendix_pages[0] + len(appendix_pages)))
    assert appendix_pages[-1] == len(pages) - 1


def test_the_appendix_lists_every_team_once_25_a_page_with_its_header(large):
    pages = large.pages["en"]
    appendix = [text for text in pages if re.search(r"^All teams( \(continued\))?$", text, re.M)]
    assert len(appendix) == 8
    names = []
    for number, text in enumerate(appendix):
        first = 25 * number + 1
        assert f"Teams {first}–{first + 24} of 200" in text
        assert all(header in text for header in ("RESPONDENTS", "RANK", "AVERAGE"))
        rows = TEAM_LINE.findall(text)
        assert len(rows) == 25
        names += rows
    assert names == [f"Team {i:03d}" for i in range(1, TEAMS + 1)]


def test_no_page_lists_more_than_25_teams_and_the_method_page_does_not_repeat_them(large):
    for text in large.pages["en"]:
        assert len(TEAM_LINE.findall(text)) <= 25
    method = next(text for text in large.pages["en"] if "Method and privacy" in text)
    assert not TEAM_LINE.search(method)


def test_a_few_teams_keep_the_full_heatmap_without_the_extra_pages(large):
    visible = _visible(large.result)[: teams.CHART_TEAMS]
    assert report_teams.teams_context(result=large.result, visible_teams=visible, language="en") == {
        "many_teams": False
    }
    figure, _height = report_teams.heatmap_spec(result=large.result, visible_teams=visible, language="en")
    assert len(figure.data[0].y) == teams.CHART_TEAMS + 1


def test_spread_rows_name_the_weakest_and_strongest_team_per_factor(large):
    visible = _visible(large.result)
    rows = report_teams.spread_rows(result=large.result, visible_teams=visible, language="en")
    assert len(rows) == len(large.result.factors)
    for row, info in zip(rows, large.result.factors, strict=True):
        scores = {t.group.name_en: t.factor(info.code).score for t in visible}
        assert row["lowest"] == min(scores.values()) == scores[row["lowest_team"]]
        assert row["highest"] == max(scores.values()) == scores[row["highest_team"]]
        assert row["lowest"] <= row["q1"] <= row["median"] <= row["q3"] <= row["highest"]
        assert row["teams"] == TEAMS
    levels = report_teams.level_counts(result=large.result, visible_teams=visible, language="en")
    assert sum(row["count"] for row in levels) == TEAMS
