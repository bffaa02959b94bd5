"""The consultant's portfolio: figures per client, sorting, filtering, exports and a fixed number of queries."""

import csv
import io

import pytest
from openpyxl import load_workbook

from assessments.benchmarks import hooks
from assessments.benchmarks.portfolio import PER_PAGE, filtered_and_sorted, portfolio_rows
from assessments.core.sheets import neutralise
from tests import factories
from tests.benchmarks.helpers import closed_org

pytestmark = pytest.mark.django_db


def _client_of(consultant, *organisations):
    for organisation in organisations:
        factories.add_member(user=consultant, organisation=organisation, role="consultant")


@pytest.fixture
def consultant(db):
    return factories.make_user(email="consultant@example.org")


def test_rows_show_open_and_closed_figures(consultant, model_version):
    closed, assessment = closed_org(model_version=model_version, value=4, name="Closed Co", opt_in=False)
    opened = factories.make_organisation(name="Open Co")
    team = factories.make_team(organisation=opened)
    scan = factories.make_assessment(organisation=opened, model_version=model_version, teams=[team], status="open")
    from assessments.questionnaire.models import Invitation

    for i in range(4):
        Invitation.objects.create(
            assessment=scan, team=team, token_hash=f"{i:064d}", completed_on="2026-01-01" if i == 0 else None
        )
    empty = factories.make_organisation(name="Empty Co")
    _client_of(consultant, closed, opened, empty)
    rows = {r.organisation.name: r for r in portfolio_rows(user=consultant)}
    assert rows["Closed Co"].status == "closed"
    assert rows["Closed Co"].index == 75.0  # every answer 4 on 1..5
    assert rows["Closed Co"].level.code == "level3"  # 60 <= 75 < 80
    assert rows["Closed Co"].trend is None
    assert rows["Closed Co"].basics_split == hooks.EMPTY
    assert rows["Open Co"].status == "open"
    assert rows["Open Co"].response_rate == 25
    assert rows["Open Co"].index is None
    assert rows["Empty Co"].status == "none"
    assert rows["Empty Co"].role == "consultant"


def test_trend_against_the_previous_round(consultant, model_version):
    organisation, first = closed_org(model_version=model_version, value=2)
    team = organisation.teams.get()
    second = factories.make_assessment(
        organisation=organisation, model_version=model_version, teams=[team], status="closed", previous=first
    )
    from tests.benchmarks.helpers import uniform_answers

    factories.make_responses(assessment=second, answers=uniform_answers(model_version, 3, 5), team=team)
    _client_of(consultant, organisation)
    (row,) = portfolio_rows(user=consultant)
    assert row.assessment == second
    assert (row.index, row.change, row.trend) == (50.0, 25.0, "up")


def test_an_assessment_below_its_threshold_shows_no_index(consultant, model_version):
    organisation, _assessment = closed_org(model_version=model_version, value=4, respondents=4)
    _client_of(consultant, organisation)
    (row,) = portfolio_rows(user=consultant)
    assert row.index is None
    assert row.level is None


def test_sorting_and_filtering(consultant, model_version):
    orgs = [
        closed_org(model_version=model_version, value=v, name=n)[0] for v, n in ((2, "Bee"), (5, "Ant"), (3, "Cat"))
    ]
    _client_of(consultant, *orgs)
    rows = portfolio_rows(user=consultant)
    assert [r.organisation.name for r in filtered_and_sorted(rows)] == ["Ant", "Bee", "Cat"]
    assert [r.organisation.name for r in filtered_and_sorted(rows, sort="-index")] == ["Ant", "Cat", "Bee"]
    assert [r.organisation.name for r in filtered_and_sorted(rows, sort="index")] == ["Bee", "Cat", "Ant"]
    assert [r.organisation.name for r in filtered_and_sorted(rows, text="at")] == ["Cat"]
    assert filtered_and_sorted(rows, status="open") == []


def test_optional_columns_come_from_registered_providers(consultant, model_version, monkeypatch):
    organisation, assessment = closed_org(model_version=model_version, value=4)
    _client_of(consultant, organisation)
    monkeypatch.setattr(hooks, "_providers", {})
    hooks.register_column("action_plan", lambda *, assessments: {a.pk: "3/5 done" for a in assessments})
    (row,) = portfolio_rows(user=consultant)
    assert row.action_plan == "3/5 done"
    assert row.basics_split == hooks.EMPTY
    with pytest.raises(ValueError, match="Unknown portfolio column"):
        hooks.register_column("unknown", lambda **kw: {})


def _portfolio_queries(client, django_assert_num_queries, n, query=""):
    # session + user, the navigation's organisations, then: the page's ids and their number, the page's rows
    # (organisations, latest rounds), their figures (the scoring cache is off here: the rounds, scoring's
    # organisation scores (scales, factors, statements, responses, stored sums: one more for the roles when
    # statements have an audience) and their stored copy written), levels; a sort on the level scores and
    # stores every found round's figures first and reads them as values.
    with django_assert_num_queries(n):
        response = client.get(f"/portfolio/{query}")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("count", [1, 30])
def test_portfolio_query_count_does_not_grow_with_organisations(
    count, consultant, model_version, client_for, django_assert_num_queries
):
    organisations = [closed_org(model_version=model_version, value=3, name=f"Org {i}")[0] for i in range(count)]
    _client_of(consultant, *organisations)
    client = client_for(consultant)
    response = _portfolio_queries(client, django_assert_num_queries, 16)  # + plan column, + customer checks
    assert response.content.decode().count('class="fw-normal"') == min(count, PER_PAGE)
    # Another page, a sort on a figure and a search cost the same queries.
    response = _portfolio_queries(client, django_assert_num_queries, 25, "?page=2&sort=-level&q=org")
    assert response.content.decode().count('class="fw-normal"') == (count - PER_PAGE if count > PER_PAGE else count)


def test_paging_keeps_the_search_and_sort(consultant, model_version, client_for):
    organisations = [factories.make_organisation(name=f"Org {i:02d}", sector="Care") for i in range(30)]
    _client_of(consultant, *organisations)
    client = client_for(consultant)

    def table(url):
        page = client.get(url).content.decode()
        return page[page.index("<tbody>") :]  # the navigation above lists the organisations too

    page = table("/portfolio/?q=care&sort=-name")
    assert "1–25 of 30 organisations" in page
    assert page.index("Org 29") < page.index("Org 05")
    assert "Org 04" not in page
    assert 'href="?q=care&amp;sort=-name&amp;page=2"' in page
    second = table("/portfolio/?q=care&sort=-name&page=2")
    assert "26–30 of 30 organisations" in second
    assert [f"Org {i:02d}" in second for i in (4, 0, 5)] == [True, True, False]
    for bad in ("0", "99", "x", "-1"):  # never a 500: the nearest page
        assert client.get(f"/portfolio/?page={bad}").status_code == 200
    assert "1–25 of 30" in client.get("/portfolio/?page=x").content.decode()
    assert "26–30 of 30" in client.get("/portfolio/?page=99").content.decode()


def test_sorting_by_level_and_last_round_and_searching_titles(consultant, model_version):
    from datetime import timedelta

    from django.utils import timezone

    low, low_scan = closed_org(model_version=model_version, value=2, name="Low")  # 25: level 1
    high, high_scan = closed_org(model_version=model_version, value=5, name="High")  # 100: the top level
    empty = factories.make_organisation(name="Empty")
    high_scan.opens_at = timezone.now() - timedelta(days=60)
    high_scan.title = "Spring scan"
    high_scan.save()
    low_scan.opens_at = timezone.now() - timedelta(days=5)
    low_scan.save()
    _client_of(consultant, low, high, empty)
    rows = portfolio_rows(user=consultant)
    names = lambda **kw: [r.organisation.name for r in filtered_and_sorted(rows, **kw)]  # noqa: E731
    assert names(sort="level") == ["Low", "High", "Empty"]  # no level last, whichever the direction
    assert names(sort="-level") == ["High", "Low", "Empty"]
    assert names(sort="last") == ["High", "Low", "Empty"]
    assert names(sort="-last") == ["Low", "High", "Empty"]
    assert names(text="spring") == ["High"]


def test_page_filters_and_exports_neutralise_formulas(consultant, model_version, client_for):
    evil, _a = closed_org(model_version=model_version, value=4, name='=HYPERLINK("x")')
    plain, _b = closed_org(model_version=model_version, value=2, name="Plain")
    _client_of(consultant, evil, plain)
    client = client_for(consultant)
    page = client.get("/portfolio/?q=plain&sort=-index").content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "Plain" in table
    assert "HYPERLINK" not in table
    response = client.get("/portfolio/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][7] == "75.0"
    assert rows[2][7] == "25.0"
    workbook = load_workbook(io.BytesIO(client.get("/portfolio/export.xlsx").getvalue()))
    sheet = workbook.active
    # In Excel the name is kept exactly, as a text cell: never a formula.
    assert sheet["A2"].value == '=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"
    assert sheet["H3"].value == 25.0
    assert client.get("/portfolio/export.pdf").status_code == 404


@pytest.mark.parametrize("name", ['=HYPERLINK("https://evil.example/","click")', "+1", "-2", "@x"])
def test_excel_portfolio_keeps_formula_like_names_as_text(consultant, model_version, client_for, name):
    evil, _a = closed_org(model_version=model_version, value=4, name=name)
    _client_of(consultant, evil)
    sheet = load_workbook(io.BytesIO(client_for(consultant).get("/portfolio/export.xlsx").getvalue())).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == (name, "s")
    assert (sheet["H2"].value, sheet["H2"].data_type) == (75.0, "n")  # the index stays a number
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_neutralise():
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@a", "\tx", "ok", 5, None)] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "ok",
        5,
        None,
    ]


def test_outsider_sees_only_own_organisations(consultant, outsider, model_version, client_for):
    organisation, _a = closed_org(model_version=model_version, value=4, name="Secret Co")
    _client_of(consultant, organisation)
    page = client_for(outsider).get("/portfolio/").content.decode()
    assert "Secret Co" not in page
    assert "No organisations match." in page
