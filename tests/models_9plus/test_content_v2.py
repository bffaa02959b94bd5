"""The 9+ content version 2 (history/nineplus-v2.yaml) follows the content rules of issue 13."""

from collections import Counter

import pytest

from models_9plus import schema
from models_9plus.models import Action, Advice, Statement
from tests.models_9plus.conftest import read_nineplus_v2

DATA = read_nineplus_v2()
FACTORS = DATA["factors"]
LEVEL_CODES = [level["code"] for level in DATA["levels"]]
FACTOR_IDS = [factor["code"] for factor in FACTORS]


def all_texts(node, path=""):
    """Every {en, nl} text in the file, with its path."""
    if isinstance(node, dict):
        if set(node) == set(schema.LANGUAGES):
            yield path, node
            return
        for key, value in node.items():
            yield from all_texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_texts(value, f"{path}[{i}]")


def test_the_file_is_valid_and_asks_ambition_per_factor():
    assert schema.validate(DATA) == []
    assert DATA["ambition"] == "per_factor"


def test_every_text_is_in_both_languages_and_not_empty():
    texts = list(all_texts(DATA))
    assert len(texts) > 200
    for path, text in texts:
        for lang in schema.LANGUAGES:
            assert isinstance(text[lang], str), f"{path}.{lang}"
            assert text[lang].strip(), f"{path}.{lang}"
        assert text["en"].strip() != text["nl"].strip() or "Design" in text["en"], f"{path}: not translated"


@pytest.mark.parametrize("factor", FACTORS, ids=FACTOR_IDS)
def test_four_to_six_statements_per_factor_none_reverse_scored(factor):
    statements = factor["statements"]
    assert 4 <= len(statements) <= 6
    assert not any(statement.get("reverse") for statement in statements)


@pytest.mark.parametrize("factor", FACTORS, ids=FACTOR_IDS)
def test_every_statement_is_tagged_and_both_layers_are_used(factor):
    for statement in factor["statements"]:
        assert statement["tag"] in schema.STATEMENT_TAGS, statement["code"]
        assert statement["servqual_gap"] in schema.SERVQUAL_GAPS, statement["code"]
    assert {statement["tag"] for statement in factor["statements"]} == {"basis", "nine_plus"}


def test_every_servqual_gap_is_covered_by_the_model():
    gaps = Counter(statement["servqual_gap"] for factor in FACTORS for statement in factor["statements"])
    assert set(gaps) == set(schema.SERVQUAL_GAPS)


def test_statements_for_management_only_say_so():
    audiences = {
        statement["code"]: statement["audience"]
        for factor in FACTORS
        for statement in factor["statements"]
        if "audience" in statement
    }
    assert audiences == {"cs4": ["management"]}


@pytest.mark.parametrize("factor", FACTORS, ids=FACTOR_IDS)
def test_every_factor_has_texts_questions_and_an_action_library(factor):
    assert list(factor["level_texts"]) == LEVEL_CODES
    assert factor["ambition"]["en"]
    assert factor["ambition"]["nl"]
    assert factor["customer_question"]["en"]
    assert factor["customer_question"]["nl"]
    actions = factor["actions"]
    assert len(actions) >= 5
    covered = {code for action in actions for code in action["levels"]}
    assert covered == set(LEVEL_CODES)
    for action in actions:
        assert action["audience"] in schema.ACTION_AUDIENCES
        assert action["effort"] in schema.ACTION_EFFORTS
        assert action["source"] in schema.ACTION_SOURCES
        assert set(action["levels"]) <= set(LEVEL_CODES)


def test_action_ids_are_unique_across_the_file():
    ids = Counter(action["id"] for factor in FACTORS for action in factor["actions"])
    assert [action_id for action_id, count in ids.items() if count > 1] == []


def test_sponsor_and_energy_advice_comes_early_not_only_at_the_top():
    early = [
        action["id"]
        for factor in FACTORS
        for action in factor["actions"]
        if action["source"] == "sponsor_energy" and {"assistant", "service"} & set(action["levels"])
    ]
    assert len(early) >= 3


def test_the_dutch_follows_the_review():
    names = {factor["code"]: factor["name"]["nl"] for factor in FACTORS}
    assert names["employee_empowerment"] == "Empowerment van teams en medewerkers"
    assert names["emotional_feedback"] == "Management van emotionele feedback"
    assert names["customer_steering_themes"] == "Sturen op klantthema's"
    dutch = " ".join(text["nl"] for _, text in all_texts(DATA))
    assert "contact dat klanten bijblijft" in dutch
    for banned in ("mogelijk gemaakt door", "backlog", "Volwassenheidsmodel"):
        assert banned.lower() not in dutch.lower(), banned


def test_one_model_name_and_honest_attribution():
    assert DATA["name"] == {"en": "9+ Organisation Maturity Model", "nl": "9+ Organisatie Maturity Model"}
    for lang, phrases in {
        "en": ["Berry Veldhoen together with Stephan van Slooten", "as examples", "Customer Strategy"],
        "nl": ["Berry Veldhoen ontwikkelde het model samen met Stephan van Slooten", "als voorbeelden"],
    }.items():
        attribution = DATA["attribution"][lang]
        assert DATA["name"][lang] in attribution
        for phrase in phrases:
            assert phrase in attribution, (lang, phrase)
    assert "assistentfase en servicefase" in DATA["attribution"]["nl"]
    assert "assistant phase and service phase" in DATA["attribution"]["en"]


def test_closed_lists_match_the_database_choices():
    assert tuple(Statement.Tag.values) == schema.STATEMENT_TAGS
    assert tuple(Statement.ServqualGap.values) == schema.SERVQUAL_GAPS
    assert tuple(Action.Audience.values) == schema.ACTION_AUDIENCES
    assert tuple(Action.Effort.values) == schema.ACTION_EFFORTS
    assert tuple(Action.Source.values) == schema.ACTION_SOURCES
    assert Advice._meta.get_field("actions_en")  # v2 advice rows still use the same columns
