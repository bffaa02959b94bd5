"""`content_checks: strict` (version 2.1): the loader refuses content a consultant would not sign.

Each refusal names the item (place and code) and the rule, the loader adds the line, and the load command
names the file. Files that do not ask for the checks (versions 1 and 2) load as before.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from models_9plus import content_checks
from models_9plus.models import ModelVersion
from models_9plus.schema import ModelFileError
from models_9plus.services import load_model_data, load_model_file
from tests.models_9plus.conftest import NINEPLUS_PATH, NINEPLUS_V2_PATH
from tests.models_9plus.test_loader_validation import assert_nothing_loaded

pytestmark = pytest.mark.django_db

# In nineplus.yaml: factors[0] is customer_strategy (cs7, cs8, cs9, cs4, cs6, cs10, cs11),
# factors[1] is brand_connection (bc1, bc3, bc7, bc8, bc6, bc9, bc10).


def refusals(data):
    with pytest.raises(ModelFileError) as caught:
        load_model_data(data=data)
    assert_nothing_loaded()
    return caught.value.errors


def test_the_shipped_file_passes_every_check():
    version = load_model_file(path=NINEPLUS_PATH).version

    assert version.content_checks == "strict"
    assert version.factors.get(code="customer_journey").servqual_links == [
        "knowledge",
        "standards",
        "delivery",
        "communication",
    ]
    assert version.factors.get(code="emotional_feedback").customer_not_applicable is True
    ee4 = version.factors.get(code="employee_empowerment").statements.get(code="ee4")
    assert ee4.one_idea.startswith("correct, complete and on time together define")
    action = version.factors.get(code="customer_strategy").actions.get(code="cs-find-one-sponsor")
    assert action.success_measure_nl.startswith("Binnen zes maanden is het klantresultaat")


def test_a_statement_joining_two_practices_with_and_is_refused(nineplus_data):
    nineplus_data["factors"][1]["statements"][3]["text"]["en"] = (
        "Before a campaign goes live, customer service and operations check whether we can deliver it."
    )

    assert refusals(nineplus_data) == [
        "factors[1].statements[3].text.en: statement bc8 breaks the rule 'one practice per statement': "
        "'and' may join two practices; split the statement, or say in one_idea why it asks one thing"
    ]


def test_the_dutch_en_is_flagged_too(nineplus_data):
    nineplus_data["factors"][0]["statements"][0]["text"]["nl"] = "Plannen noemen de klantgroep en de beleving."

    assert refusals(nineplus_data) == [
        "factors[0].statements[0].text.nl: statement cs7 breaks the rule 'one practice per statement': "
        "'en' may join two practices; split the statement, or say in one_idea why it asks one thing"
    ]


def test_one_idea_acknowledges_an_innocent_and(nineplus_data):
    statement = nineplus_data["factors"][0]["statements"][0]
    statement["text"]["en"] = "Plans in my part of the organisation say which customers and which region they serve."
    statement["one_idea"] = "customers in a region are one target group"

    version = load_model_data(data=nineplus_data).version

    cs7 = version.factors.get(code="customer_strategy").statements.get(code="cs7")
    assert cs7.one_idea == "customers in a region are one target group"


def test_a_stale_one_idea_is_refused(nineplus_data):
    nineplus_data["factors"][0]["statements"][0]["one_idea"] = "no reason"

    assert refusals(nineplus_data) == [
        "factors[0].statements[0].one_idea: statement cs7: one_idea acknowledges an 'and'/'en' the text does not "
        "have; remove it"
    ]


def test_a_factor_with_fewer_than_two_nine_plus_statements_is_refused(nineplus_data):
    nineplus_data["factors"][0]["statements"][6]["tag"] = "basis"

    assert refusals(nineplus_data) == [
        "factors[0].statements: factor customer_strategy breaks the rule 'at least 2 9+ statements per factor': "
        "it has 1, so one 'don't know' leaves a respondent's 9+ score resting on one statement or none"
    ]


def test_a_claimed_servqual_link_without_a_statement_is_refused(nineplus_data):
    nineplus_data["factors"][0]["servqual_links"].append("communication")

    assert refusals(nineplus_data) == [
        "factors[0].servqual_links[3]: factor customer_strategy breaks the rule "
        "'every SERVQUAL link a factor claims is carried by a statement': no statement has servqual_gap communication"
    ]


def test_a_factor_without_servqual_links_is_refused(nineplus_data):
    del nineplus_data["factors"][6]["servqual_links"]

    assert refusals(nineplus_data) == [
        "factors[6]: factor emotional_feedback breaks the rule 'every factor names its SERVQUAL links': "
        "add servqual_links"
    ]


def test_an_action_without_a_success_measure_is_refused(nineplus_data):
    del nineplus_data["factors"][0]["actions"][0]["success_measure"]

    assert refusals(nineplus_data) == [
        "factors[0].actions[0]: action cs-find-one-sponsor breaks the rule "
        "'every action proposes a success measure': add success_measure, an outcome for customers or operations"
    ]


def test_every_broken_rule_is_listed_at_once_with_its_line_and_the_command_names_the_file(write_model_file):
    text = NINEPLUS_PATH.read_text(encoding="utf-8")
    broken = text.replace(
        '          en: "Managers explain their decisions in terms of the experience we want to give customers."',
        '          en: "Managers explain and defend their decisions to customers."',
    ).replace("    servqual_links: [knowledge, standards, delivery]\n", "    servqual_links: [communication]\n", 1)
    assert broken.count("explain and defend") == 1
    path = write_model_file(broken, name="nineplus-draft.yaml")
    lines = broken.splitlines()
    text_line = lines.index('          en: "Managers explain and defend their decisions to customers."') + 1
    links_line = lines.index("    servqual_links: [communication]") + 1

    with pytest.raises(CommandError) as caught:
        call_command("load_maturity_model", str(path), stdout=StringIO())

    assert str(caught.value) == (  # in the order of the file: a factor's links come before its statements
        f"{path} was not loaded; 2 problems found:\n"
        "  - factors[0].servqual_links[0]: factor customer_strategy breaks the rule "
        "'every SERVQUAL link a factor claims is carried by a statement': no statement has servqual_gap "
        f"communication (line {links_line})\n"
        "  - factors[0].statements[1].text.en: statement cs8 breaks the rule 'one practice per statement': "
        "'and' may join two practices; split the statement, or say in one_idea why it asks one thing "
        f"(line {text_line})"
    )
    assert_nothing_loaded()


def test_files_that_do_not_ask_for_the_checks_load_as_before(nineplus_data):
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version
    del nineplus_data["content_checks"]
    nineplus_data["factors"][0]["statements"][6]["tag"] = "basis"
    del nineplus_data["factors"][0]["actions"][0]["success_measure"]

    relaxed = load_model_data(data=nineplus_data).version

    assert (v2.content_checks, relaxed.content_checks) == ("", "")
    assert ModelVersion.objects.count() == 2
    assert content_checks.problems(nineplus_data) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.update(content_checks="lenient"),
            "content_checks: 'lenient' is not allowed here; use one of strict",
        ),
        (
            lambda d: d.update(ambition="per_statement"),
            "content_checks: the content checks need a per_factor model (ambition: per_factor)",
        ),
        (
            lambda d: d["factors"][2].update(servqual_links=["empathy"]),
            "factors[2].servqual_links[0]: 'empathy' is not allowed here; "
            "use one of knowledge, standards, delivery, communication",
        ),
        (
            lambda d: d["factors"][2].update(servqual_links=["delivery", "delivery"]),
            "factors[2].servqual_links[1]: duplicate SERVQUAL link 'delivery' (also at factors[2].servqual_links[0])",
        ),
        (
            lambda d: d["factors"][5].update(customer_not_applicable="yes"),
            "factors[5].customer_not_applicable: 'yes' must be true or false",
        ),
        (
            lambda d: d["factors"][2]["statements"][1].update(one_idea=" "),
            "factors[2].statements[1].one_idea: empty text",
        ),
        (
            lambda d: d["factors"][0]["actions"][1].update(success_measure={"en": "Fewer complaints."}),
            "factors[0].actions[1].success_measure: missing 'nl'",
        ),
    ],
    ids=[
        "unknown-mode",
        "needs-per-factor",
        "unknown-link",
        "duplicate-link",
        "flag-not-bool",
        "empty-reason",
        "one-language",
    ],
)
def test_the_new_keys_are_checked_for_their_shape(nineplus_data, change, expected):
    change(nineplus_data)

    assert expected in refusals(nineplus_data)
