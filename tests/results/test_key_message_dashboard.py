"""The dashboard's key message card says what the PDF's first page says (one selector, one partial)."""

import html

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from assessments.results.selectors.key_message import key_message
from assessments.scoring import score_assessment
from tests import factories
from tests.results.report.builders import build_scenario

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_card_states_the_weakest_link_perception_gap_and_decisions(org_a, manager_a, client_for, language):
    scenario = build_scenario(model_version=factories.make_model_version(code="kmdash", factors=3), organisation=org_a)
    result = score_assessment(assessment=scenario.assessment)
    km = key_message(assessment=scenario.assessment, result=result, language=language)
    client = client_for(manager_a)
    page = html.unescape(
        client.get(f"/a/{scenario.assessment.public_id}/results/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    )
    card = page[
        page.index('class="card shadow-sm mb-4 key-message"') : page.index(
            "Key figures" if language == "en" else "Kerncijfers"
        )
    ]
    with translation.override(language):
        weakest = floatformat(km.weakest.score, 0)
        management, staff = floatformat(km.perception.management, 0), floatformat(km.perception.staff, 0)
    out_of = "out of 100" if language == "en" else "van de 100"
    assert f"{km.weakest.name}: {weakest} {out_of}" in card
    assert f"{km.perception.name}: management {management}" in card
    assert staff in card
    assert km.knowledge is None
    assert ("Knowledge gap" if language == "en" else "Kenniskloof") not in card
    for decision in km.decisions:
        assert decision.name in card
    assert km.weakest.factor_code == result.weakest
