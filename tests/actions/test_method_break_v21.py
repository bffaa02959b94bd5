"""The trend between a round on version 2 of the 9+ model and one on version 2.1 shows the method break,
naming both versions as their files do (issue 24, "Done when")."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessments.actions.selectors.trend import organisation_trend
from models_9plus.services import load_model_file
from tests import factories
from tests.models_9plus.conftest import NINEPLUS_PATH, NINEPLUS_V1_PATH, NINEPLUS_V2_PATH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the questions come from version 2.1 of 9+ Organisation Maturity Model (before: version 2)"),
        ("nl", "komen de vragen uit versie 2.1 van 9+ Organisatie Maturity Model (daarvoor: versie 2)"),
    ],
)
def test_a_v2_round_then_a_v21_round_shows_the_method_break(org_a, language, expected):
    load_model_file(path=NINEPLUS_V1_PATH)
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version
    v21 = load_model_file(path=NINEPLUS_PATH).version
    assert (v2.number, v2.version_name, v21.number, v21.version_name) == (2, "2", 3, "2.1")
    now = timezone.now()
    first = factories.make_assessment(
        organisation=org_a, model_version=v2, status="closed", closed_at=now - datetime.timedelta(days=180)
    )
    factories.make_assessment(organisation=org_a, model_version=v21, status="closed", closed_at=now, previous=first)

    trend = organisation_trend(organisation=org_a, language=language)

    assert [r.method_break for r in trend["rounds"]] == [False, True]
    (note,) = trend["method_breaks"]
    assert (note["previous_version"], note["version"]) == ("2", "2.1")
    with translation.override(language):
        html = render_to_string("actions/_method_breaks.html", {"breaks": trend["method_breaks"]})
    assert expected in " ".join(html.split())
