"""In headless Chromium: the estimate about our customers, typed on the review page, is never lost. "Send my
answers" carries it (no "save" press needed), and it is also saved in the background as it is typed."""

import os

import pytest

from assessments.outside_in.models import InternalEstimate
from assessments.questionnaire.models import Response
from tests import factories
from tests.questionnaire.respond.builders import make_invitation
from tests.questionnaire.respond.conftest import PHONE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def review_page(live_server, model_version, chromium):
    organisation = factories.make_organisation(name="Acme Care", default_language="en")
    team = factories.make_team(organisation=organisation, name="Service")
    assessment = factories.make_assessment(organisation=organisation, model_version=model_version, teams=[team])
    _invitation, token = make_invitation(assessment=assessment, team=team)
    context = chromium.new_context(viewport=PHONE, locale="en")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{token}/")
    page.locator(".respond-start-form button[type=submit]").click()
    page.wait_for_url("**/r/step/1/")
    page.locator("label[for='c-f1s1-3']").click()
    page.locator("#save-status").get_by_text("All answers saved").wait_for()
    page.goto(f"{live_server.url}/r/review/")
    yield page
    context.close()


def test_send_carries_the_typed_estimate(review_page):
    page = review_page
    page.route("**/r/customers/estimate/", lambda route: route.abort())  # no background save: the send alone
    page.select_option("#id_estimate_grade", "7")
    page.fill("#id_estimate_share", "18")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/r/thanks/")
    assert InternalEstimate.objects.values_list("grade", "share_nine_plus").get() == (7, 18)
    assert Response.objects.get().submitted_at is not None


def test_the_estimate_saves_itself_as_it_is_typed(review_page):
    page = review_page
    page.select_option("#id_estimate_grade", "8")
    page.fill("#id_estimate_share", "25")
    page.locator("#estimate-status[data-state=saved]").wait_for()
    if os.environ.get("CXM_SHOTS_DIR"):
        page.screenshot(path=os.path.join(os.environ["CXM_SHOTS_DIR"], "review-estimate-phone.png"), full_page=True)
    assert InternalEstimate.objects.values_list("grade", "share_nine_plus").get() == (8, 25)
    page.reload()
    assert page.locator("#id_estimate_share").input_value() == "25"
    assert Response.objects.get().submitted_at is None  # saved, not sent
