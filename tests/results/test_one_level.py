"""One level, one rule (scoring.level): the top phase needs the index and the 9+ layer in the top band and,
where customers gave a share of 9s and 10s, at least half of them giving a 9 or 10. Every surface shows the
level that rule gives: the dashboard, the PDF report, the API, the results summary and landing, the trend,
`score_assessment` and the consultant's portfolio."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from assessments.actions.selectors.summary import organisation_landing, respondent_summary
from assessments.actions.selectors.trend import organisation_trend
from assessments.api.services import create_token
from assessments.benchmarks.portfolio import portfolio_rows
from assessments.outside_in.models import CustomerCheck, ImportedFigures
from assessments.results.services.report_document import report_context
from assessments.scoring import score_assessment
from assessments.scoring.statistics import CUSTOMERS_NINE_PLUS_MIN
from tests import factories
from tests.outside_in.conftest import add_customer_responses, make_link

pytestmark = pytest.mark.django_db

# One factor: s1 and s3 are basics, s2 and s4 the 9+ statements. Index 87.5 and 9+ layer 100: the top band.
STRONG = {"f1s1": 4, "f1s2": 5, "f1s3": 4, "f1s4": 5}


def _round(organisation, *, answers=STRONG, previous=None):
    version = factories.make_model_version(code=f"lvl{organisation.pk}", factors=1, statements=4, per_factor=True)
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=version,
        status="closed",
        closed_at=timezone.now(),
        threshold_scores=1,
        previous=previous,
    )
    factories.make_responses(assessment=assessment, answers=[answers] * 3)
    return assessment


def _customers(assessment, grades, *, imported_counts=None):
    check = CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    if grades:
        add_customer_responses(make_link(check), grades)
    if imported_counts:
        ImportedFigures.objects.create(
            customer_check=check,
            period="2026-Q1",
            channel="Telefoon",
            responses=sum(imported_counts),
            grade_counts=imported_counts,
        )
    return check


# (customers' grades, imported grade counts or None, expected level)
CASES = {
    "no customer check": (None, None, "level4"),
    "40% give a 9 or 10": ([9, 10, 9, 10, 8, 8, 7, 7, 6, 8], None, "level3"),
    "50% give a 9 or 10": ([9, 10, 9, 10, 9, 8, 7, 7, 6, 8], None, "level4"),
    "too few customers: the condition does not apply": ([6] * 9, None, "level4"),
    "too few live, an imported period with 30%": ([6] * 9, [0, 0, 0, 0, 0, 2, 3, 2, 2, 1], "level3"),
}


def _surface_levels(assessment, user):
    """The level each surface shows, by code (None where it shows none)."""
    client = Client()
    client.force_login(user)
    dashboard = client.get(f"/a/{assessment.public_id}/results/")
    assert dashboard.status_code == 200
    result = score_assessment(assessment=assessment)
    pdf = report_context(assessment=assessment, result=result, language="en")
    _token, secret = create_token(user=user, name="level", scope="read", organisation=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(f"/api/v1/assessments/{assessment.public_id}/results/")
    assert api.status_code == 200
    names = {lv.name("en"): lv.code for lv in result.levels}
    (row,) = [r for r in portfolio_rows(user=user) if r.organisation == assessment.organisation]
    landing = organisation_landing(organisation=assessment.organisation, language="en")
    rounds = organisation_trend(organisation=assessment.organisation, language="en")["rounds"]
    out = io.StringIO()
    with translation.override("en"):
        call_command("score_assessment", str(assessment.public_id), "--json", stdout=out)
    return {
        "dashboard": dashboard.context["level"].code if dashboard.context["level"] else None,
        "pdf": pdf["level"].code if pdf["level"] else None,
        "api": api.json()["level_code"],
        "api organisation": api.json()["organisation"]["level_code"],
        "command": json.loads(out.getvalue())["level_code"],
        "portfolio": row.level.code if row.level else None,
        "summary": names.get(respondent_summary(assessment=assessment, language="en")["level_name"]),
        "landing": landing["level"].code if landing["level"] else None,
        "trend": names.get(rounds[-1].level_name),
    }


@pytest.mark.parametrize("case", CASES)
def test_every_surface_shows_the_rules_level(case, org_a):
    grades, imported, expected = CASES[case]
    consultant = factories.make_user(email="levels@example.org")
    factories.add_member(user=consultant, organisation=org_a, role="consultant")
    assessment = _round(org_a)
    if grades is not None:
        _customers(assessment, grades, imported_counts=imported)
    levels = _surface_levels(assessment, consultant)
    assert levels == dict.fromkeys(levels, expected)


def test_the_threshold_is_half_of_the_customers():
    assert CUSTOMERS_NINE_PLUS_MIN == 50.0


def test_a_customer_answer_arriving_later_changes_the_level_without_a_stale_cache(org_a, settings):
    settings.CXM_SCORING_CACHE_SECONDS = 300
    assessment = _round(org_a)
    check = _customers(assessment, [9] * 5 + [7] * 4)  # 9 answers: below the check's minimum of 10
    assert score_assessment(assessment=assessment).level_code == "level4"
    add_customer_responses(make_link(check, label="Late"), [7])  # 10 answers, 5 of them a 9: exactly half
    result = score_assessment(assessment=assessment)
    assert (result.customers_nine_plus, result.level_code) == (50.0, "level4")
    add_customer_responses(make_link(check, label="Later"), [6])  # 5 of 11: below half
    result = score_assessment(assessment=assessment)
    assert (result.level_code, result.organisation.level_code) == ("level3", "level3")


def test_the_previous_rounds_level_in_the_trend_uses_its_own_customers(org_a, manager_a):
    first = _round(org_a)
    _customers(first, [6] * 10)  # nobody gives a 9 or 10: the first round stays at level 3
    first.closed_at = timezone.now() - datetime.timedelta(days=200)
    first.save()
    second = _round(org_a, previous=first)
    names = {lv.name("en"): lv.code for lv in score_assessment(assessment=second).levels}
    rounds = organisation_trend(organisation=org_a, language="en")["rounds"]
    assert [names[r.level_name] for r in rounds] == ["level3", "level4"]


def _key_message(assessment):
    from assessments.results.selectors.key_message import key_message

    return key_message(assessment=assessment, result=score_assessment(assessment=assessment), language="en")


def test_the_key_message_says_why_the_top_level_is_held_back(org_a, manager_a, client_for):
    weak_layer = _round(org_a, answers={"f1s1": 5, "f1s2": 4, "f1s3": 5, "f1s4": 4})  # index 87.5, 9+ layer 75
    _customers(weak_layer, [9, 10, 9, 10, 8, 8, 7, 7, 6, 8])  # 40% give a 9 or 10
    hold = _key_message(weak_layer).level_hold
    assert (hold.index, hold.nine_plus, hold.nine_plus_hidden, hold.customers_share) == (87.5, 75.0, False, 40.0)
    page = " ".join(client_for(manager_a).get(f"/a/{weak_layer.public_id}/results/").content.decode().split())
    assert "The 9+ moments layer is 75; the top level needs at least 80." in page
    assert "40% of customers give a 9 or 10; the top level needs at least 50%." in page


@pytest.mark.parametrize("grades", [None, [9] * 10])
def test_no_level_finding_when_the_top_level_is_reached(org_a, grades):
    assessment = _round(org_a)
    if grades:
        _customers(assessment, grades)
    assert _key_message(assessment).level_hold is None
