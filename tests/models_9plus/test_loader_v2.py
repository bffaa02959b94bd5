"""Version 2 of the file format: ambition per factor, tags, audience, level texts and the action library."""

import pytest

from models_9plus import schema
from models_9plus.models import Action, Advice, Factor, FactorLevelText, ModelVersion, Statement
from models_9plus.schema import ModelFileError
from models_9plus.services import export_model_version, load_model_data, load_model_file
from tests.models_9plus.conftest import NINEPLUS_V2_PATH
from tests.models_9plus.test_loader_validation import _delete, _set, assert_nothing_loaded

pytestmark = pytest.mark.django_db


def test_v2_file_loads_everything():
    version = load_model_file(path=NINEPLUS_V2_PATH).version

    assert version.ambition_mode == ModelVersion.AmbitionMode.PER_FACTOR
    assert version.ambition_per_factor is True
    assert version.name_nl == "9+ Organisatie Maturity Model"
    assert Factor.objects.filter(version=version).count() == 7
    assert Statement.objects.filter(factor__version=version).count() == 42
    assert not Statement.objects.filter(factor__version=version, reverse=True).exists()
    assert not Statement.objects.filter(factor__version=version, tag="").exists()
    assert not Statement.objects.filter(factor__version=version, servqual_gap="").exists()
    assert FactorLevelText.objects.filter(factor__version=version).count() == 7 * 4
    assert Action.objects.filter(factor__version=version).count() == 46
    cs4 = Statement.objects.get(factor__version=version, code="cs4")
    assert (cs4.tag, cs4.servqual_gap, cs4.audience) == ("basis", "standards", ["management"])
    assert Statement.objects.get(factor__version=version, code="cs1").audience == []
    factor = version.factors.get(code="employee_empowerment")
    assert factor.t("name", "nl") == "Empowerment van teams en medewerkers"
    assert factor.ambition_en.startswith("Where should we be")
    assert factor.customer_question_en == "The employee was free to help me."
    action = Action.objects.get(factor__version=version, code="cs-find-one-sponsor")
    assert (action.audience, action.effort, action.source) == ("cx_lead", "days", "sponsor_energy")
    assert list(action.levels.order_by("order").values_list("code", flat=True)) == ["assistant", "service"]


def test_v2_advice_rows_are_the_action_titles_per_level():
    version = load_model_file(path=NINEPLUS_V2_PATH).version

    assert Advice.objects.filter(factor__version=version).count() == 7 * 4
    advice = Advice.objects.get(factor__version=version, factor__code="customer_strategy", level__code="assistant")
    assert advice.actions_en == [
        "Find one sponsor in the management team",
        "Put the customer choice on one page",
        "Let managers listen to customers for an hour a month",
        "Link CX to one business goal",
    ]
    assert advice.actions("nl")[0] == "Zoek één sponsor in het managementteam"
    top = Advice.objects.get(factor__version=version, factor__code="customer_strategy", level__code="nineplus")
    assert len(top.actions_en) == len(top.actions_nl) == 2


def test_v2_export_round_trips(nineplus_v2_data):
    version = load_model_file(path=NINEPLUS_V2_PATH).version

    exported = export_model_version(version=version)

    assert exported == schema.to_plain(schema.normalise(nineplus_v2_data))
    assert "advice" not in exported["factors"][0]
    assert "reverse" not in exported["factors"][0]["statements"][0]
    assert load_model_data(data=exported).created is False


def test_action_levels_order_and_statement_audience_order_do_not_count_as_a_change(nineplus_v2_data):
    load_model_data(data=nineplus_v2_data)
    nineplus_v2_data["factors"][0]["actions"][0]["levels"] = ["service", "assistant"]
    nineplus_v2_data["factors"][0]["statements"][3]["audience"] = ["management"]

    assert load_model_data(data=nineplus_v2_data).created is False


def test_a_v1_file_may_carry_the_new_statement_keys(nineplus_v1_data):
    statement = nineplus_v1_data["factors"][0]["statements"][0]
    statement.update(tag="basis", servqual_gap="standards", audience=["staff"])

    version = load_model_data(data=nineplus_v1_data).version

    assert version.ambition_mode == "per_statement"
    assert Statement.objects.get(factor__version=version, code="cs1").servqual_gap == "standards"


def _append_action(factor_index, **changes):
    def mutate(data):
        action = dict(data["factors"][0]["actions"][0], id=f"extra-{factor_index}")
        action.update(changes)
        data["factors"][factor_index]["actions"].append(action)

    return mutate


def _without_level_in_actions(data):
    for action in data["factors"][2]["actions"]:
        action["levels"] = [code for code in action["levels"] if code != "nineplus"] or ["service"]


BROKEN_V2 = [
    pytest.param(
        _set(["ambition"], "per_question"),
        "ambition: 'per_question' is not allowed here; use one of per_statement, per_factor",
        id="ambition-mode-unknown",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 1, "tag"], "nineplus"),
        "factors[0].statements[1].tag: 'nineplus' is not allowed here; use one of basis, nine_plus",
        id="tag-unknown",
    ),
    pytest.param(
        _delete(["factors", 0, "statements", 1, "tag"]), "factors[0].statements[1]: missing 'tag'", id="tag-missing"
    ),
    pytest.param(
        _set(["factors", 1, "statements", 0, "servqual_gap"], "specification"),
        "factors[1].statements[0].servqual_gap: 'specification' is not allowed here; "
        "use one of knowledge, standards, delivery, communication",
        id="servqual-gap-unknown",
    ),
    pytest.param(
        _delete(["factors", 1, "statements", 0, "servqual_gap"]),
        "factors[1].statements[0]: missing 'servqual_gap'",
        id="servqual-gap-missing",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 3, "audience"], ["board"]),
        "factors[0].statements[3].audience[0]: 'board' is not allowed here; use one of management, staff",
        id="audience-unknown",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 3, "audience"], []),
        "factors[0].statements[3].audience: must be a list of at least one of management, staff "
        "(leave it out for everyone)",
        id="audience-empty",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 3, "audience"], ["staff", "staff"]),
        "factors[0].statements[3].audience[1]: duplicate audience 'staff' "
        "(also at factors[0].statements[3].audience[0])",
        id="audience-duplicate",
    ),
    pytest.param(
        _set(["factors", 6, "statements", 4, "reverse"], True),
        "factors[6].statements[4].reverse: reverse-scored statements are not allowed when ambition is per_factor: "
        "phrase the statement as the good practice",
        id="reverse-in-v2",
    ),
    pytest.param(
        _set(["factors", 0, "advice"], {}),
        "factors[0].advice: not used when ambition is per_factor: advice is derived from the actions list",
        id="advice-in-v2",
    ),
    pytest.param(_delete(["factors", 2, "ambition"]), "factors[2]: missing 'ambition'", id="factor-ambition-missing"),
    pytest.param(
        _delete(["factors", 2, "ambition", "nl"]), "factors[2].ambition: missing 'nl'", id="factor-ambition-no-nl"
    ),
    pytest.param(
        _delete(["factors", 3, "customer_question"]),
        "factors[3]: missing 'customer_question'",
        id="customer-question-missing",
    ),
    pytest.param(
        _set(["factors", 3, "customer_question", "en"], " "),
        "factors[3].customer_question.en: empty text",
        id="customer-question-empty",
    ),
    pytest.param(_delete(["factors", 4, "level_texts"]), "factors[4]: missing 'level_texts'", id="level-texts-missing"),
    pytest.param(
        _delete(["factors", 4, "level_texts", "experience"]),
        "factors[4].level_texts: missing the text for level 'experience'",
        id="level-text-for-a-level-missing",
    ),
    pytest.param(
        _set(["factors", 4, "level_texts", "expert"], {"en": "x", "nl": "x"}),
        "factors[4].level_texts.expert: unknown level 'expert'; levels are assistant, service, experience, nineplus",
        id="level-text-unknown-level",
    ),
    pytest.param(
        _delete(["factors", 4, "level_texts", "service", "nl"]),
        "factors[4].level_texts.service: missing 'nl'",
        id="level-text-no-nl",
    ),
    pytest.param(_delete(["factors", 5, "actions"]), "factors[5]: missing 'actions'", id="actions-missing"),
    pytest.param(
        _set(["factors", 5, "actions"], []),
        "factors[5].actions: must be a list of at least one action",
        id="no-actions",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "id"], "cs-find-one-sponsor"),
        "factors[1].actions[2].id: duplicate action id 'cs-find-one-sponsor' (also at factors[0].actions[0].id)",
        id="action-id-duplicate-across-factors",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "id"], "Bad Id"),
        "factors[1].actions[2].id: 'Bad Id' is not a valid code (lowercase letters, digits, '_' or '-', at most 50)",
        id="action-id-invalid",
    ),
    pytest.param(
        _delete(["factors", 1, "actions", 2, "id"]), "factors[1].actions[2]: missing 'id'", id="action-id-missing"
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "audience"], "everyone"),
        "factors[1].actions[2].audience: 'everyone' is not allowed here; use one of cx_lead, management, teams",
        id="action-audience-unknown",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "effort"], "years"),
        "factors[1].actions[2].effort: 'years' is not allowed here; use one of days, weeks, months",
        id="action-effort-unknown",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "source"], "my_idea"),
        "factors[1].actions[2].source: 'my_idea' is not allowed here; use one of seeds_tips, sponsor_energy, "
        "cx_excellence_principles, cx_ex_blueprint, servqual, nine_plus_model",
        id="action-source-unknown",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "levels"], ["service", "expert"]),
        "factors[1].actions[2].levels[1]: unknown level 'expert'; levels are assistant, service, experience, nineplus",
        id="action-level-unknown",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "levels"], []),
        "factors[1].actions[2].levels: must be a list of at least one level code",
        id="action-levels-empty",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 2, "levels"], ["service", "service"]),
        "factors[1].actions[2].levels[1]: duplicate level 'service' (also at factors[1].actions[2].levels[0])",
        id="action-level-duplicate",
    ),
    pytest.param(
        _without_level_in_actions,
        "factors[2].actions: no action fits level 'nineplus': every level needs at least one action",
        id="level-without-action",
    ),
    pytest.param(
        _delete(["factors", 1, "actions", 0, "how_to", "nl"]),
        "factors[1].actions[0].how_to: missing 'nl'",
        id="action-how-to-no-nl",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 0, "title", "en"], "x" * 201),
        "factors[1].actions[0].title.en: too long (201 characters, at most 200)",
        id="action-title-too-long",
    ),
    pytest.param(
        _set(["factors", 1, "actions", 0, "owner"], "me"),
        "factors[1].actions[0].owner: unknown key 'owner'; "
        "allowed here: audience, effort, how_to, id, levels, source, success_measure, title",
        id="action-unknown-key",
    ),
    pytest.param(
        _append_action(3, id="cj-start-small"),
        "factors[3].actions[6].id: duplicate action id 'cj-start-small' (also at factors[3].actions[0].id)",
        id="action-id-duplicate-within-factor",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN_V2)
def test_broken_v2_content_is_rejected_with_its_place_and_problem(nineplus_v2_data, mutate, message):
    mutate(nineplus_v2_data)

    with pytest.raises(ModelFileError) as caught:
        load_model_data(data=nineplus_v2_data)

    assert message in caught.value.errors
    assert_nothing_loaded()


def test_factor_ambition_in_a_per_statement_model_is_an_error(nineplus_v1_data):
    nineplus_v1_data["factors"][0]["ambition"] = {"en": "Where?", "nl": "Waar?"}

    with pytest.raises(ModelFileError) as caught:
        load_model_data(data=nineplus_v1_data)

    assert caught.value.errors == ["factors[0].ambition: only used when the model's ambition is per_factor"]


def test_all_v2_errors_are_reported_together_with_lines(nineplus_v2_data, write_model_file):
    text = NINEPLUS_V2_PATH.read_text(encoding="utf-8")
    broken = text.replace("        tag: nine_plus\n", "        tag: wow\n", 1).replace(
        "        effort: weeks\n", "        effort: ages\n", 1
    )
    lines = broken.splitlines()
    tag_line, effort_line = lines.index("        tag: wow") + 1, lines.index("        effort: ages") + 1

    with pytest.raises(ModelFileError) as caught:
        load_model_file(path=write_model_file(broken))

    assert caught.value.errors == [
        f"factors[0].statements[4].tag: 'wow' is not allowed here; use one of basis, nine_plus (line {tag_line})",
        "factors[0].actions[1].effort: 'ages' is not allowed here; "
        f"use one of days, weeks, months (line {effort_line})",
    ]
    assert_nothing_loaded()
