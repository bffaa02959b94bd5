"""The Outside-in tab: setting up, links, CSV import, JSON and exports, and the minimum everywhere."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assessments.outside_in.models import CustomerCheck, CustomerLink, ImportedFigures
from tests.outside_in.conftest import add_customer_responses, make_link

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "period,channel,responses,grade_mean,grade_1,grade_2,grade_3,grade_4,grade_5,grade_6,grade_7,grade_8,grade_9,"
    "grade_10,nps,csat,ces\n"
    "2026-Q1,Phone,40,,0,0,0,1,2,3,10,12,8,4,12,81,5.6\n"
    '2026-Q1,Shop,35,"7,6",,,,,,,,,,,-5,,\n'
)


def _url(assessment, tail=""):
    return f"/a/{assessment.public_id}/outside-in/{tail}"


def _upload(client, assessment, text, name="figures.csv"):
    return client.post(_url(assessment, "import/"), {"file": SimpleUploadedFile(name, text.encode(), "text/csv")})


def test_manager_starts_a_check_and_adds_a_capped_link(client_for, manager_a, cx_assessment):
    client = client_for(manager_a)
    page = client.get(_url(cx_assessment))
    assert page.status_code == 200
    assert "Start a customer check" in page.content.decode()
    assert client.post(_url(cx_assessment, "enable/")).status_code == 302
    assert client.post(_url(cx_assessment, "enable/")).status_code == 302  # harmless twice
    assert CustomerCheck.objects.get(assessment=cx_assessment).min_responses == 30
    response = client.post(_url(cx_assessment, "links/"), {"label": "Webshop", "max_responses": "100"})
    assert response.status_code == 302
    link = CustomerLink.objects.get()
    assert (link.label, link.max_responses, len(link.token) >= 30) == ("Webshop", 100, True)
    duplicate = client.post(_url(cx_assessment, "links/"), {"label": "webshop"})
    assert duplicate.status_code == 400
    assert "already a link with this label" in duplicate.content.decode()
    assert f"/c/{link.token}/" in client.get(_url(cx_assessment)).content.decode()
    client.post(_url(cx_assessment, f"links/{link.public_id}/active/"), {"active": "0"})
    link.refresh_from_db()
    assert link.active is False


def test_minimum_can_not_go_below_ten(client_for, manager_a, check, cx_assessment):
    response = client_for(manager_a).post(_url(cx_assessment, "settings/"), {"min_responses": "9"})
    assert response.status_code == 400
    check.refresh_from_db()
    assert check.min_responses == 10


def test_viewer_sees_but_cannot_change(client_for, viewer_a, check, cx_assessment):
    client = client_for(viewer_a)
    assert client.get(_url(cx_assessment)).status_code == 200
    assert client.post(_url(cx_assessment, "links/"), {"label": "X"}).status_code == 403
    assert _upload(client, cx_assessment, GOOD_CSV).status_code == 403
    assert CustomerLink.objects.count() == 0


def test_outsider_gets_404(client_for, outsider, check, cx_assessment):
    client = client_for(outsider)
    assert client.get(_url(cx_assessment)).status_code == 404
    assert client.get(_url(cx_assessment, "summary.json")).status_code == 404


def test_csv_import_loads_good_file(client_for, manager_a, check, cx_assessment):
    client = client_for(manager_a)
    assert _upload(client, cx_assessment, GOOD_CSV).status_code == 302
    phone, shop = ImportedFigures.objects.order_by("channel")
    assert phone.grade_counts == [0, 0, 0, 1, 2, 3, 10, 12, 8, 4]
    assert phone.ces == 5.6
    assert phone.csat == 81
    assert shop.grade_mean == pytest.approx(7.6)
    assert shop.nps == -5
    assert shop.grade_counts is None
    data = client.get(_url(cx_assessment, "summary.json")).json()
    imported = {row["label"]: row for row in data["imported"]}
    assert imported["Phone"]["nine_plus_share"] == pytest.approx(30.0)  # (8 + 4) / 40
    assert imported["Phone"]["grade_mean"] == pytest.approx(310 / 40)  # 4 + 10 + 18 + 70 + 96 + 72 + 40
    assert imported["Shop"]["imported"] is True
    assert _upload(client, cx_assessment, GOOD_CSV).status_code == 302  # same periods replaced, not doubled
    assert ImportedFigures.objects.count() == 2


def test_csv_import_rejects_bad_rows_with_line_numbers_and_loads_nothing(client_for, manager_a, check, cx_assessment):
    bad = (
        "period;channel;responses;grade_mean;nps;ces\n"
        "2026-Q1;Phone;40;7.5;12;5\n"
        "2026-Q2;Phone;abc;7.5;;\n"
        "2026-Q3;;20;11;;\n"
        "2026-Q1;phone;20;;;\n"
        "2026-Q4;Mail;20;;150;9\n"
    )
    response = _upload(client_for(manager_a), cx_assessment, bad)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in text
    assert "Line 3: responses must be a number from 1 to 10000000" in text
    assert "Line 4: the channel is missing" in text
    assert "grade_mean must be a number from 1 to 10" in text
    assert "Line 5:" in text
    assert "already in the file on line 2" in text
    assert "Line 6: nps must be a number from -100 to 100; ces must be a number from 1 to 7" in text
    assert "Line 2" not in text
    assert ImportedFigures.objects.count() == 0


def test_csv_import_missing_column_and_mismatched_distribution(client_for, manager_a, check, cx_assessment):
    client = client_for(manager_a)
    response = _upload(client, cx_assessment, "channel,grade_mean\nPhone,7\n")
    assert response.status_code == 400
    assert "Line 1: Missing column(s): period, responses." in response.content.decode()
    header = "period,channel,responses," + ",".join(f"grade_{g}" for g in range(1, 11)) + "\n"
    response = _upload(client, cx_assessment, header + "Q1,Phone,10,1,1,1,1,1,1,1,1,1,0\n")
    assert "grade_1 to grade_10 add up to 9, not to responses (10)" in response.content.decode()
    assert ImportedFigures.objects.count() == 0


def test_below_minimum_no_figure_in_page_json_or_exports(client_for, manager_a, check, cx_assessment):
    link = make_link(check)
    add_customer_responses(link, [10] * 9, recommend=[10] * 9, effort=[7] * 9, ease=[5] * 9, factors=[{"f1": 5}] * 9)
    client = client_for(manager_a)
    page = client.get(_url(cx_assessment)).content.decode()
    assert "Customer figures are shown from 10 responses; there are 9 so far." in page
    assert 'id="oi-kpis"' not in page
    data = client.get(_url(cx_assessment, "summary.json")).json()
    assert data["overall"] == {
        "key": "customers",
        "label": "",
        "n": 9,
        "shown": False,
        "hidden_reason": "minimum",
        "imported": False,
    }
    assert "grade_mean" not in data["links"][0]
    assert data["factors"][0]["customers_agree_share"] is None
    assert "outside" not in data["factors"][0]  # no customers' figure set off against the maturity score
    answers = client.get(_url(cx_assessment, "export/answers.csv"))
    rows = list(csv.reader(io.StringIO(answers.content.decode("utf-8-sig"))))
    assert len(rows) == 1  # the header only
    summary = client.get(_url(cx_assessment, "export/summary.xlsx"))
    sheet = load_workbook(io.BytesIO(summary.getvalue())).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][3:5] == [9, "no"]
    assert values[1][5:] == [None] * (len(values[0]) - 5)  # every figure, margins and intervals too, left empty


def test_exports_at_the_minimum_and_formulas_neutralised(client_for, manager_a, check, cx_assessment):
    from assessments.outside_in.models import CustomerResponse

    link = make_link(check)
    add_customer_responses(link, [9] * 10, recommend=[10] * 10)
    CustomerResponse.objects.filter(pk=CustomerResponse.objects.first().pk).update(open_answer="=HYPERLINK(1)")
    client = client_for(manager_a)
    rows = list(
        csv.reader(io.StringIO(client.get(_url(cx_assessment, "export/answers.csv")).content.decode("utf-8-sig")))
    )
    assert len(rows) == 11
    assert "'=HYPERLINK(1)" in [row[-1] for row in rows]
    summary = list(
        csv.reader(io.StringIO(client.get(_url(cx_assessment, "export/summary.csv")).content.decode("utf-8-sig")))
    )
    assert summary[1][:8] == ["All customer links", "", "no", "10", "yes", "9.0", "0.0", "100.0"]  # 0.0: grade margin
    assert client.get(_url(cx_assessment, "export/other.csv")).status_code == 404


def _page_queries(client, assessment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(_url(assessment))  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(assessment)).status_code == 200
    return len(queries)


def test_outside_in_page_query_count_does_not_grow_with_links(client_for, manager_a, check, cx_assessment):
    client = client_for(manager_a)
    add_customer_responses(make_link(check, "L0"), [8] * 12)
    one = _page_queries(client, cx_assessment)
    for i in range(1, 6):
        add_customer_responses(make_link(check, f"L{i}"), [8] * 12)
    many = _page_queries(client, cx_assessment)
    assert one == many
    assert many <= 40


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["11. Customer figures (outside-in)", "12. The knowledge gap", "at least 30 customer responses"]),
        ("nl", ["11. Klantcijfers (outside-in)", "12. De kenniskloof", "minder dan 30 klantreacties"]),
    ],
)
def test_how_we_score_explains_customer_figures_and_the_knowledge_gap(client, language, texts):
    from django.utils import translation

    with translation.override(language):
        page = client.get("/how-we-score/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in texts:
        assert text in page
