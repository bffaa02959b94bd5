"""The loader accepts the shipped 9+ file and rejects each kind of broken file with a precise message."""

from decimal import Decimal
from unittest import mock

import pytest
import yaml

from models_9plus.models import Advice, Factor, Level, MaturityModel, ModelVersion, ScaleOption, Statement
from models_9plus.schema import ModelFileError
from models_9plus.services import load_model_data, load_model_file
from tests.models_9plus.conftest import DATA_DIR, NINEPLUS_V1_PATH

pytestmark = pytest.mark.django_db


def assert_nothing_loaded():
    assert MaturityModel.objects.count() == 0
    assert ModelVersion.objects.count() == 0
    assert Factor.objects.count() == 0
    assert Statement.objects.count() == 0


def test_good_file_loads_everything():
    result = load_model_file(path=NINEPLUS_V1_PATH)

    version = result.version
    assert result.created is True
    assert (version.model.code, version.number) == ("nineplus", 1)
    assert version.name_en == "9+ Organisation Maturity Model"
    assert version.attribution_en.startswith("Based on the 9+ Organisation Maturity Model by Altuïtion")
    assert version.dont_know_label_nl == "Weet ik niet"
    assert len(version.content_hash) == 64
    assert Factor.objects.filter(version=version).count() == 7
    assert Statement.objects.filter(factor__version=version).count() == 35
    assert Level.objects.filter(version=version).count() == 4
    assert Advice.objects.filter(factor__version=version).count() == 28
    assert list(ScaleOption.objects.filter(version=version).values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    assert list(version.levels.values_list("code", "min_score")) == [
        ("assistant", Decimal("0")),
        ("service", Decimal("35")),
        ("experience", Decimal("60")),
        ("nineplus", Decimal("80")),
    ]
    assert list(version.factors.values_list("code", flat=True)) == [
        "customer_strategy",
        "brand_connection",
        "employee_empowerment",
        "customer_journey",
        "service_experience_design",
        "customer_steering_themes",
        "emotional_feedback",
    ]
    cs3 = Statement.objects.get(factor__version=version, code="cs3")
    assert (cs3.order, cs3.weight, cs3.reverse) == (3, Decimal("1.5"), False)
    assert sorted(Statement.objects.filter(reverse=True).values_list("code", flat=True)) == ["cj4", "ee2", "ef4"]
    advice = Advice.objects.get(factor__code="customer_strategy", level__code="service")
    assert len(advice.actions_en) == len(advice.actions_nl) == 3


def test_optional_keys_get_defaults(nineplus_v1_data):
    statement = nineplus_v1_data["factors"][0]["statements"][0]
    del statement["weight"], statement["reverse"]
    del nineplus_v1_data["scale"]["options"][0]["description"]

    version = load_model_data(data=nineplus_v1_data).version

    cs1 = Statement.objects.get(factor__version=version, code="cs1")
    assert (cs1.weight, cs1.reverse) == (Decimal("1"), False)
    assert version.scale_options.get(value=1).description_en == ""


def _set(path, value):
    """A mutation that sets data[path...] = value (a path of keys and indexes)."""

    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _statements_at_top_level(data):
    data["statements"] = [{"code": "x1", "text": {"en": "Loose.", "nl": "Los."}}]


def _append_advice_action(data):
    data["factors"][1]["advice"]["experience"]["en"].append("One more action in English only.")


BROKEN = [
    pytest.param(
        _delete(["factors", 2, "statements", 3, "text", "nl"]),
        "factors[2].statements[3].text: missing 'nl'",
        id="missing-language",
    ),
    pytest.param(_set(["factors", 0, "name", "en"], "   "), "factors[0].name.en: empty text", id="empty-text"),
    pytest.param(
        _set(["name"], "Just one language"),
        "name: must give the text per language, e.g. {en: ..., nl: ...}",
        id="text-not-per-language",
    ),
    pytest.param(
        _set(["factors", 0, "name", "de"], "Kundenstrategie"),
        "factors[0].name.de: unknown language 'de'; use en, nl",
        id="unknown-language",
    ),
    pytest.param(
        _set(["factors", 3, "code"], "customer_strategy"),
        "factors[3].code: duplicate factor code 'customer_strategy' (also at factors[0].code)",
        id="duplicate-factor-code",
    ),
    pytest.param(
        _set(["factors", 1, "statements", 0, "code"], "cs2"),
        "factors[1].statements[0].code: duplicate statement code 'cs2' (also at factors[0].statements[1].code)",
        id="duplicate-statement-code-across-factors",
    ),
    pytest.param(
        _set(["levels", 2, "code"], "service"),
        "levels[2].code: duplicate level code 'service' (also at levels[1].code)",
        id="duplicate-level-code",
    ),
    pytest.param(
        _set(["scale", "options", 3, "value"], 3),
        "scale.options[3].value: duplicate scale value 3 (also at scale.options[2].value)",
        id="duplicate-scale-value",
    ),
    pytest.param(
        _set(["levels", 2, "min_score"], 30),
        "levels[2].min_score: thresholds must be strictly ascending: 30 is not above 35",
        id="thresholds-out-of-order",
    ),
    pytest.param(
        _set(["levels", 1, "min_score"], 0),
        "levels[1].min_score: thresholds must be strictly ascending: 0 is not above 0",
        id="thresholds-equal",
    ),
    pytest.param(
        _set(["levels", 0, "min_score"], 10),
        "levels[0].min_score: the first level must start at 0, not 10",
        id="first-threshold-not-zero",
    ),
    pytest.param(
        _set(["levels", 3, "min_score"], 120), "levels[3].min_score: 120 is outside 0-100", id="threshold-above-100"
    ),
    pytest.param(
        _set(["levels", 3, "min_score"], "high"),
        "levels[3].min_score: 'high' is not a number",
        id="threshold-not-number",
    ),
    pytest.param(
        _set(["edition"], 2),
        "edition: unknown key 'edition'; allowed here: "
        "ambition, attribution, code, content_checks, description, factors, levels, name, scale, version",
        id="unknown-top-level-key",
    ),
    pytest.param(
        _set(["version"], 2.1),
        "version: must be text (put it in quotes)",
        id="version-name-not-quoted",
    ),
    pytest.param(
        _set(["factors", 4, "statements", 1, "wieght"], 2),
        "factors[4].statements[1].wieght: unknown key 'wieght'; "
        "allowed here: audience, code, one_idea, reverse, servqual_gap, tag, text, weight",
        id="unknown-nested-key",
    ),
    pytest.param(
        _statements_at_top_level,
        "statements: statements must belong to a factor: put them under factors[n].statements",
        id="statement-without-factor",
    ),
    pytest.param(
        _set(["factors", 5, "statements"], []),
        "factors[5].statements: a factor needs a list of at least one statement",
        id="factor-without-statements",
    ),
    pytest.param(
        _delete(["factors", 5, "statements"]), "factors[5]: missing 'statements'", id="factor-no-statements-key"
    ),
    pytest.param(
        _set(["factors", 0, "advice", "expert"], {"en": ["x"], "nl": ["x"]}),
        "factors[0].advice.expert: unknown level 'expert'; levels are assistant, service, experience, nineplus",
        id="advice-unknown-level",
    ),
    pytest.param(
        _delete(["factors", 6, "advice", "nineplus"]),
        "factors[6].advice: missing advice for level 'nineplus'",
        id="advice-missing-level",
    ),
    pytest.param(
        _append_advice_action,
        "factors[1].advice.experience: the languages must have the same number of actions: 'en' has 4 but 'nl' has 3",
        id="advice-lengths-differ",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 2, "weight"], 0),
        "factors[0].statements[2].weight: 0 must be more than 0 and at most 99.99",
        id="weight-zero",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 2, "weight"], -1.5),
        "factors[0].statements[2].weight: -1.5 must be more than 0 and at most 99.99",
        id="weight-negative",
    ),
    pytest.param(
        _set(["factors", 0, "statements", 2, "reverse"], "no"),
        "factors[0].statements[2].reverse: 'no' must be true or false",
        id="reverse-not-boolean",
    ),
    pytest.param(
        _set(["scale", "options", 4, "value"], 7),
        "scale.options: values must be consecutive whole numbers starting at 1 (found 1, 2, 3, 4, 7)",
        id="scale-not-consecutive",
    ),
    pytest.param(
        _set(["scale", "options", 0, "value"], 0),
        "scale.options[0].value: 0 is not a whole number of 1 or more",
        id="scale-value-zero",
    ),
    pytest.param(
        _set(["code"], "Nine Plus!"),
        "code: 'Nine Plus!' is not a valid code (lowercase letters, digits, '_' or '-', at most 50)",
        id="bad-code",
    ),
    pytest.param(_delete(["levels"]), "(file): missing 'levels'", id="missing-section"),
    pytest.param(_delete(["factors", 0, "description"]), "factors[0]: missing 'description'", id="missing-description"),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_content_is_rejected_with_its_place_and_problem(nineplus_v1_data, mutate, message):
    mutate(nineplus_v1_data)

    with pytest.raises(ModelFileError) as caught:
        load_model_data(data=nineplus_v1_data)

    assert message in caught.value.errors
    assert_nothing_loaded()


def test_all_errors_are_collected_not_just_the_first(nineplus_v1_data):
    del nineplus_v1_data["factors"][2]["statements"][3]["text"]["nl"]
    nineplus_v1_data["levels"][2]["min_score"] = 30
    nineplus_v1_data["factors"][0]["statements"][2]["weight"] = 0

    with pytest.raises(ModelFileError) as caught:
        load_model_data(data=nineplus_v1_data)

    assert caught.value.errors == [
        "levels[2].min_score: thresholds must be strictly ascending: 30 is not above 35",
        "factors[0].statements[2].weight: 0 must be more than 0 and at most 99.99",
        "factors[2].statements[3].text: missing 'nl'",
    ]
    assert_nothing_loaded()


def test_errors_from_a_file_name_the_line(write_model_file):
    text = NINEPLUS_V1_PATH.read_text(encoding="utf-8")
    broken = text.replace(
        '      - code: cs4\n        text:\n          en: "We choose',
        '      - code: cs4\n        txt:\n          en: "We choose',
        1,
    )
    assert broken != text
    line = broken.splitlines().index("        txt:") + 1

    with pytest.raises(ModelFileError) as caught:
        load_model_file(path=write_model_file(broken))

    assert (
        "factors[0].statements[3].txt: unknown key 'txt'; "
        f"allowed here: audience, code, one_idea, reverse, servqual_gap, tag, text, weight (line {line})"
        in (caught.value.errors)
    )
    assert f"factors[0].statements[3]: missing 'text' (line {line - 1})" in caught.value.errors
    assert_nothing_loaded()


def test_invalid_yaml_names_the_line(write_model_file):
    path = write_model_file('code: nineplus\nname:\n  en: "Unclosed\n  nl: "Nl"\nfactors: []\n')

    with pytest.raises(ModelFileError) as caught:
        load_model_file(path=path)

    assert caught.value.errors == [
        "(file): invalid YAML at line 4, column 8: expected <block end>, but found '<scalar>'",
    ]
    assert_nothing_loaded()


def test_duplicate_yaml_keys_are_rejected(write_model_file):
    text = NINEPLUS_V1_PATH.read_text(encoding="utf-8")
    broken = text.replace(
        '  nl: "9+ Organisatie Volwassenheidsmodel"\n',
        '  nl: "9+ Organisatie Volwassenheidsmodel"\n  nl: "Tweede"\n',
        1,
    )
    line = broken.splitlines().index('  nl: "Tweede"') + 1

    with pytest.raises(ModelFileError) as caught:
        load_model_file(path=write_model_file(broken))

    assert caught.value.errors == [f"name.nl: duplicate key 'nl' (line {line})"]
    assert_nothing_loaded()


def test_empty_file_and_non_mapping_are_rejected(write_model_file):
    with pytest.raises(ModelFileError) as empty:
        load_model_file(path=write_model_file("# nothing here\n"))
    with pytest.raises(ModelFileError) as listing:
        load_model_file(path=write_model_file("- just\n- a list\n"))

    assert empty.value.errors == ["(file): the file is empty"]
    assert listing.value.errors == [
        "(file): the file must be a mapping with the keys attribution, code, description, factors, levels, name, scale"
    ]
    assert_nothing_loaded()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError) as caught:
        load_model_file(path=tmp_path / "nope.yaml")

    assert caught.value.errors == [f"(file): {tmp_path / 'nope.yaml'} does not exist"]


def test_failure_halfway_through_leaves_nothing_behind(nineplus_v1_data):
    # A database error while writing statements must roll back the model, version, levels and factors too.
    with (
        mock.patch("models_9plus.services.Advice.objects.bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        load_model_data(data=nineplus_v1_data)

    assert_nothing_loaded()
    assert Level.objects.count() == 0


def test_the_example_in_schema_md_is_a_valid_model():
    schema_md = (DATA_DIR / "SCHEMA.md").read_text(encoding="utf-8")
    example = schema_md.split("## Example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]

    version = load_model_data(data=yaml.safe_load(example)).version

    assert (version.model.code, version.factors.count(), version.levels.count()) == ("example", 1, 2)
    assert Statement.objects.get(code="l2").reverse is True
