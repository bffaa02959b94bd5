"""In headless Chromium: a customer answers on a phone in both languages; a capped link refuses the next
response; a link below the minimum shows no customer figure on the dashboard, in the JSON, the exports
or the PDF. Screenshots go to CXM_SHOTS_DIR when set (e.g. /tmp/shots-issue-15)."""

import csv
import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments.outside_in.models import CustomerResponse
from assessments.results.services.report_document import build_report_pdf
from models_9plus.models import Factor
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link
from tests.questionnaire.respond.conftest import PHONE, assert_no_axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CXM_SHOTS_DIR")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.CXM_OPEN_LINK_MIN_SECONDS = 0  # a test answers faster than a person


TEXTS = {
    "en": {"title": "How was your experience with Acme Care?", "send": "Send", "thanks": "Thank you!"},
    "nl": {"title": "Hoe was uw ervaring met Acme Care?", "send": "Versturen", "thanks": "Bedankt!"},
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_customer_answers_on_a_phone(live_server, chromium, check, cx_version, language):
    # As in model 2.1: a question only some customers can judge, and one that names "this organisation".
    Factor.objects.filter(version=cx_version, code="f1").update(
        customer_not_applicable=True,
        customer_question_en="When I gave feedback, I noticed that this organisation did something with it.",
        customer_question_nl="Toen ik feedback gaf, merkte ik dat deze organisatie er iets mee deed.",
    )
    link = make_link(check, "Telefoon")
    context = chromium.new_context(viewport=PHONE, locale=language)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{link.token}/?lang={language}")
    texts = TEXTS[language]
    assert page.locator("h1").inner_text() == texts["title"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
    shot(page, f"customer-form-{language}-phone")
    page.locator("input[name=grade][value='9']").check()
    page.locator("input[name=ease][value='4']").check()
    page.locator("input[name=recommend][value='10']").check()
    page.locator("input[name=factor_f2][value='4']").check()
    assert "Acme Care" in page.locator("#factor_f1-label").inner_text()
    page.get_by_label("Not applicable to me" if language == "en" else "Niet van toepassing").check()
    page.locator("#id_open_answer").fill("Snel geholpen" if language == "nl" else "Quick help")
    page.get_by_role("button", name=texts["send"]).click()
    page.wait_for_url(re.compile(r".*/thanks/.*"))
    assert page.locator("h1").inner_text() == texts["thanks"]
    shot(page, f"customer-thanks-{language}-phone")
    saved = CustomerResponse.objects.get()
    assert (saved.grade, saved.ease, saved.recommend, saved.factor_answers, saved.language, saved.flag) == (
        9,
        4,
        10,
        {"f1": "na", "f2": 4},
        language,
        "",
    )
    context.close()


def test_capped_link_refuses_the_next_response(live_server, chromium, check):
    link = make_link(check, "Balie", max_responses=1)
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{link.token}/?lang=en")
    page.locator("input[name=grade][value='7']").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r".*/thanks/.*"))
    second = chromium.new_context(viewport=PHONE, locale="en").new_page()
    response = second.goto(f"{live_server.url}/c/{link.token}/?lang=en")
    assert response.status == 409
    assert second.locator("h1").inner_text() == "We have enough answers"
    shot(second, "customer-full-en-phone")
    assert CustomerResponse.objects.count() == 1
    context.close()


def _sign_in(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(factories.DEFAULT_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def test_below_the_minimum_no_customer_figure_anywhere(live_server, chromium, check, cx_assessment, org_a):
    factories.make_random_responses(assessment=cx_assessment, count=6, team=cx_assessment.teams.get())
    big, small = make_link(check, "Website"), make_link(check, "Balie")
    add_customer_responses(big, [9] * 9, recommend=[10] * 9, effort=[7] * 9, factors=[{"f1": 5}] * 9)
    add_customer_responses(small, [3] * 4, recommend=[2] * 4)  # 13 together: overall shown, links not
    user = factories.make_user(email="oi.manager@example.org")
    factories.add_member(user=user, organisation=org_a, role="manager")
    base = f"{live_server.url}/a/{cx_assessment.public_id}/outside-in/"
    for width in (360, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 900})
        _sign_in(page, live_server.url, "oi.manager@example.org")
        page.goto(base)
        links_text = page.locator("#oi-links").inner_text()
        assert "9 responses" in links_text
        assert "4 responses" in links_text
        assert "grade 9.0" not in links_text
        assert "grade 3" not in links_text
        assert page.locator("#oi-kpis").count() == 1  # the 13 together are enough (minimum 10)
        shot(page, f"outside-in-en-{width}")
        data = page.request.get(base + "summary.json").json()
        assert [(link["shown"], "grade_mean" in link) for link in data["links"]] == [(False, False), (False, False)]
        answers = page.request.get(base + "export/answers.csv").text()
        assert len(list(csv.reader(io.StringIO(answers.lstrip("\ufeff"))))) == 1
        summary_rows = list(
            csv.reader(io.StringIO(page.request.get(base + "export/summary.csv").text().lstrip("\ufeff")))
        )
        assert [row[5] for row in summary_rows[2:]] == ["", ""]  # no grade for either link
        page.close()
    # Now the total falls below the minimum: nothing at all, also not in the PDF.
    CustomerResponse.objects.filter(link=small).delete()
    page = chromium.new_page(viewport={"width": 360, "height": 900})
    _sign_in(page, live_server.url, "oi.manager@example.org")
    page.goto(base)
    assert page.locator("#oi-kpis").count() == 0
    assert page.locator("#oi-below-minimum").is_visible()
    data = page.request.get(base + "summary.json").json()
    assert data["overall"]["shown"] is False
    assert "grade_mean" not in data["overall"]
    page.close()
    pdf = PdfReader(io.BytesIO(build_report_pdf(assessment=cx_assessment, language="en")))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Customer figures are shown from 10 responses; there are 9 so far." in text
    assert "average grade" not in text
