"""The background save's quick validation gives exactly what the full form validation gives (issue 26)."""

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.questionnaire.forms.respond import COMMENT_MAX_LENGTH, FactorAnswersForm, ValidatingAnswersForm
from tests.examples import examples

STATEMENTS = [SimpleNamespace(pk=10 + i, code=f"f1s{i}") for i in range(1, 4)]
FACTOR = SimpleNamespace(pk=7, code="f1", statement_list=STATEMENTS)
# (ask_ambition, per_factor): per statement, per factor (v2), none.
CONFIGS = [(True, False), (True, True), (False, False)]
NAMES = (
    [f"c-{s.code}" for s in STATEMENTS]
    + [f"a-{s.code}" for s in STATEMENTS]
    + ["fa-f1", "c-other", "a-f2s1", "fa-f2", "version", "comment", "unrelated"]
)
VALUES = st.one_of(
    st.sampled_from(
        ["", "0", "1", "3", "5", "6", "-1", " 3", "3.0", "03", "x", "007", "1234567890", "\x00", "١", " ok ", "  "]
    ),
    st.sampled_from(["a" * COMMENT_MAX_LENGTH, " " + "a" * COMMENT_MAX_LENGTH + " ", "a" * (COMMENT_MAX_LENGTH + 1)]),
    st.text(max_size=4),
)


def _form(form_class, data, config, validate_only):
    ask_ambition, per_factor = config
    return form_class(
        data,
        factor=FACTOR,
        scale_values=[1, 2, 3, 4, 5],
        ask_ambition=ask_ambition,
        per_factor=per_factor,
        validate_only=validate_only,
    )


@settings(max_examples=examples(1500), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=10), config=st.sampled_from(CONFIGS))
def test_the_quick_validation_agrees_with_the_form(data, config):
    quick = _form(ValidatingAnswersForm, data, config, validate_only=True)
    full = _form(FactorAnswersForm, data, config, validate_only=False)

    assert quick.is_valid() == full.is_valid()
    assert quick.errors.get_json_data() == full.errors.get_json_data()
    if full.is_valid():
        assert quick.cleaned_data == full.cleaned_data
        assert (quick.answers(), quick.comments(), quick.factor_ambitions()) == (
            full.answers(),
            full.comments(),
            full.factor_ambitions(),
        )


@pytest.mark.parametrize("config", CONFIGS)
def test_a_well_formed_page_takes_the_quick_way_and_anything_else_the_form(config):
    page = {"version": "4", "comment": " fine ", "c-f1s1": "3", "c-f1s2": "0", "c-f1s3": ""}
    if config == (True, False):
        page["a-f1s1"] = "5"
    if config == (True, True):
        page["fa-f1"] = "2"

    assert _form(ValidatingAnswersForm, page, config, validate_only=True)._clean_well_formed() is True
    for bad in ({"c-f1s1": "9"}, {"version": "-1"}, {"c-other": "3"}, {"comment": "a\x00"}):
        assert _form(ValidatingAnswersForm, {**page, **bad}, config, validate_only=True)._clean_well_formed() is False


def test_validating_forms_share_their_declared_fields_too():
    first, second = (_form(ValidatingAnswersForm, {"version": "0"}, (True, False), True) for _ in range(2))
    rendered = _form(FactorAnswersForm, None, (True, False), False)

    assert first.fields["version"] is second.fields["version"] is FactorAnswersForm.base_fields["version"]
    assert first.fields["comment"] is FactorAnswersForm.base_fields["comment"]
    assert rendered.fields["comment"] is not FactorAnswersForm.base_fields["comment"]
    assert list(first.fields) == list(rendered.fields)
