"""The demo holds only data the product itself can produce (issue 23, item 2).

It is seeded on the real 9+ model (version 2: the ambition once per factor, management-only statements),
and its answers must look exactly like answers given through the questionnaire.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.demo.benchmark import PEERS, RESPONDENTS
from assessments.questionnaire.models import Answer, Assessment, FactorAmbition, Response
from assessments.questionnaire.selectors.respondent import role_kind
from assessments.scoring import score_assessment
from models_9plus.models import Factor, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", stdout=io.StringIO())
    call_command("seed_demo", "--respondents", "30", stdout=io.StringIO())
    return Assessment.objects.get(title="CX-scan voorjaar 2026")


def test_the_closed_round_has_an_ambition_per_factor_and_none_per_statement(demo):
    assert demo.model_version.ambition_per_factor is True
    assert not Answer.objects.filter(response__assessment=demo, ambition__isnull=False).exists()
    factors = Factor.objects.filter(version=demo.model_version).count()
    per_factor = FactorAmbition.objects.filter(response__assessment=demo)
    assert per_factor.values("factor").distinct().count() == factors == 7
    submitted = Response.objects.filter(assessment=demo, submitted_at__isnull=False).count()
    assert submitted == 30
    # Every respondent was asked every factor's ambition; a few said "don't know" (stored as 0, as the form does).
    assert per_factor.count() == submitted * factors
    result = score_assessment(assessment=demo)
    assert [f.ambition_score is not None for f in result.organisation.factors] == [True] * 7
    assert all(f.ambition_score > f.score for f in result.organisation.factors)


def test_no_answer_lies_outside_its_statements_audience(demo):
    restricted = Statement.objects.filter(factor__version=demo.model_version).exclude(audience=[])
    assert restricted.exists()  # the model has statements asked of one kind of role only
    answers = Answer.objects.filter(
        response__assessment__organisation=demo.organisation, statement__in=restricted
    ).select_related("statement", "response__role")
    assert answers.exists()
    outside = [a for a in answers if role_kind(a.response.role) not in a.statement.audience]
    assert outside == []
    # ... and everyone who was asked a statement of the management has a management role.
    assert {a.response.role.is_management for a in answers} == {True}


def test_every_round_and_peer_was_answered_through_the_questionnaire(demo):
    """Seen from the rows: the version the saves bumped, the review page to resume on, the sums submit wrote."""
    responses = Response.objects.filter(submitted_at__isnull=False)
    assert responses.count() == 30 + 24 + len(PEERS) * RESPONDENTS  # spring, the earlier round, the benchmark peers
    assert set(responses.values_list("version", flat=True)) == {1}
    assert set(responses.values_list("last_step", flat=True)) == {8}  # seven factor pages, then the review
    assert not responses.filter(factor_sums__isnull=True).exists()


def test_the_dashboard_shows_an_ambition_for_every_factor(demo, client):
    from assessments.organisations.models import Membership

    manager = Membership.objects.filter(organisation=demo.organisation, role="manager").first().user
    client.force_login(manager)
    page = client.get(reverse("assessment_dashboard", kwargs={"assessment": demo.public_id}), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    table = page.content.decode().split("Scores per factor (0-100)", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<th scope=\"row\".*?</tr>", table, flags=re.S)
    assert len(rows) == 7
    ambitions = [
        re.findall(r'<td class="text-end">([^<]*)</td>', row)[2].strip() for row in rows
    ]  # current, margin, ambition
    assert all(value.isdigit() for value in ambitions), ambitions


def test_the_demo_story_shows_in_the_layers(demo):
    """The demo's story, "the basics are in order, but wow moments are chance": in every factor of the closed round the
    organisation's 9+ layer lies below its basics, and overall by at least five points."""
    lenses = score_assessment(assessment=demo).lenses_for("organisation")
    assert lenses is not None
    for layers in lenses.factors:
        assert layers.nine_plus.score < layers.basis.score, layers.factor_code
    assert lenses.basis.score - lenses.nine_plus.score >= 5
