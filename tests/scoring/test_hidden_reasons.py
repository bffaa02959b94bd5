"""Every hidden group or factor says why, truly: too few respondents, hidden against subtraction, or
too few respondents counted for the factor; the words in English and Dutch come with the code."""

import pytest
from django.utils import translation

from assessments.results import wording
from assessments.scoring import score_assessment
from tests import factories

pytestmark = pytest.mark.django_db

FULL = {"f1s1": 4, "f1s2": 4, "f2s1": 3, "f2s2": 3}
SKIPS_F1 = {"f1s1": 0, "f1s2": 0, "f2s1": 3, "f2s2": 3}  # "don't know" only: does not count for f1


def _scan(org, sizes, answers=None):
    version = factories.make_model_version(code="reasons", factors=2, statements=2)
    teams = {name: factories.make_team(organisation=org, name=name) for name in sizes}
    assessment = factories.make_assessment(
        organisation=org, model_version=version, teams=list(teams.values()), threshold_scores=5
    )
    for name, n in sizes.items():
        rows = (answers or {}).get(name) or [FULL] * n
        factories.make_responses(assessment=assessment, answers=rows, team=teams[name])
    return score_assessment(assessment=assessment)


def test_a_small_team_is_hidden_for_its_size_and_a_second_one_against_subtraction(org_a):
    result = _scan(org_a, {"Alpha": 3, "Beta": 6, "Gamma": 7})
    teams = {t.group.name_en: t for t in result.teams}
    assert [(n, teams[n].suppressed, teams[n].suppressed_reason) for n in ("Alpha", "Beta", "Gamma")] == [
        ("Alpha", True, "threshold"),
        ("Beta", True, "differencing"),  # the smallest visible part: 15 - 7 would expose Alpha's 3 otherwise
        ("Gamma", False, None),
    ]
    # A hidden group's factors give the group's own reason, not one of their own.
    assert {f.suppressed_reason for f in teams["Beta"].factors} == {"differencing"}
    assert wording.cell_text(teams["Beta"], None, result.thresholds) == "hidden to prevent subtraction"
    assert wording.cell_text(teams["Alpha"], None, result.thresholds) == "hidden: fewer than 5 respondents"


def test_a_factor_with_too_few_counted_says_so_not_too_few_respondents(org_a):
    result = _scan(org_a, {"Alpha": 6}, answers={"Alpha": [FULL] * 4 + [SKIPS_F1] * 2})
    organisation = result.organisation
    f1, f2 = organisation.factor("f1"), organisation.factor("f2")
    hidden = (organisation.suppressed, f1.suppressed, f1.suppressed_reason, f1.n)
    assert hidden == (False, True, "too_few_counted", None)
    assert (f2.suppressed, f2.n) == (False, 6)
    with translation.override("en"):
        assert (
            wording.cell_text(organisation, f1, result.thresholds)
            == "hidden: fewer than 5 of the 6 respondents counted for this factor"
        )
        assert wording.reason_explanation(f1.suppressed_reason, threshold=5, respondents=6).startswith(
            "Hidden: a respondent counts for a factor after answering at least half of its statements, and fewer "
            "than 5 of the 6 respondents did"
        )
    with translation.override("nl"):
        assert (
            wording.cell_text(organisation, f1, result.thresholds)
            == "verborgen: minder dan 5 van de 6 respondenten telden mee voor deze factor"
        )
        assert wording.reason_text("differencing", threshold=5) == "verborgen om terugrekenen te voorkomen"


def test_the_json_gives_code_and_text_for_every_hidden_cell(org_a):
    result = _scan(org_a, {"Alpha": 3, "Beta": 6, "Gamma": 7})
    with translation.override("en"):
        data = wording.result_json(result)
    by_name = {t["group"]["name_en"]: t for t in data["teams"]}
    assert [(by_name[n]["suppressed_reason"], by_name[n]["suppressed_reason_text"]) for n in ("Alpha", "Beta")] == [
        ("threshold", "hidden: fewer than 5 respondents"),
        ("differencing", "hidden to prevent subtraction"),
    ]
    assert by_name["Gamma"]["suppressed_reason_text"] is None
    assert {f["suppressed_reason_text"] for f in by_name["Beta"]["factors"]} == {"hidden to prevent subtraction"}
