"""Versioning: identical content changes nothing, changed content is a new version, old versions never change."""

import pytest
import yaml

from models_9plus import schema
from models_9plus.models import Advice, Factor, MaturityModel, ModelVersion, Statement
from models_9plus.services import export_model_version, export_model_yaml, load_model_data, load_model_file
from tests import factories
from tests.models_9plus.conftest import (
    NINEPLUS_PATH,
    NINEPLUS_V1_PATH,
    NINEPLUS_V2_PATH,
    read_nineplus,
    read_nineplus_v1,
    read_nineplus_v2,
)

pytestmark = pytest.mark.django_db


def content_counts():
    return (
        MaturityModel.objects.count(),
        ModelVersion.objects.count(),
        Factor.objects.count(),
        Statement.objects.count(),
        Advice.objects.count(),
    )


def test_loading_the_same_file_twice_changes_nothing():
    first = load_model_file(path=NINEPLUS_V1_PATH)
    counts = content_counts()

    second = load_model_file(path=NINEPLUS_V1_PATH)

    assert (first.created, second.created) == (True, False)
    assert second.version.pk == first.version.pk
    assert content_counts() == counts == (1, 1, 7, 35, 28)


def test_layout_and_key_order_do_not_count_as_a_change(nineplus_v1_data, write_model_file):
    load_model_file(path=NINEPLUS_V1_PATH)
    nineplus_v1_data["factors"][0]["advice"] = dict(reversed(list(nineplus_v1_data["factors"][0]["advice"].items())))
    nineplus_v1_data["factors"][0]["name"]["en"] = "  Customer Strategy  "

    result = load_model_file(path=write_model_file(yaml.safe_dump(nineplus_v1_data, width=60, sort_keys=True)))

    assert result.created is False
    assert ModelVersion.objects.count() == 1


def test_changed_content_creates_a_new_version_and_keeps_the_old_one(nineplus_v1_data):
    old = load_model_file(path=NINEPLUS_V1_PATH).version
    old_export = export_model_version(version=old)
    nineplus_v1_data["factors"][0]["statements"][0]["text"]["en"] = "Our strategy names our customers."

    result = load_model_data(data=nineplus_v1_data)

    new = result.version
    assert result.created is True
    assert (new.model_id, new.number) == (old.model_id, 2)
    assert new.content_hash != old.content_hash
    assert Statement.objects.get(factor__version=new, code="cs1").text_en == "Our strategy names our customers."
    assert Statement.objects.get(factor__version=old, code="cs1").text_en == (
        "Our strategy states in concrete terms which customers we serve and which experience we want to give them."
    )
    assert export_model_version(version=old) == old_export
    assert content_counts() == (1, 2, 14, 70, 56)


def test_versions_in_use_stay_untouched_when_content_changes(nineplus_v1_data, org_a):
    used = load_model_file(path=NINEPLUS_V1_PATH).version
    assessment = factories.make_assessment(organisation=org_a, model_version=used)
    before = export_model_version(version=used)
    before_row = ModelVersion.objects.values().get(pk=used.pk)
    nineplus_v1_data["levels"][1]["min_score"] = 40
    nineplus_v1_data["factors"][3]["advice"]["service"]["nl"][0] = "Een nieuw advies."
    nineplus_v1_data["factors"][3]["advice"]["service"]["en"][0] = "A new piece of advice."

    new = load_model_data(data=nineplus_v1_data).version

    assert new.number == 2
    assert export_model_version(version=used) == before
    assert ModelVersion.objects.values().get(pk=used.pk) == before_row
    assessment.refresh_from_db()
    assert assessment.model_version_id == used.pk


def test_reloading_the_same_content_after_a_change_makes_another_version(nineplus_v1_data):
    # Only the latest version is compared: going back to old content is a change too.
    load_model_file(path=NINEPLUS_V1_PATH)
    nineplus_v1_data["description"]["en"] = "Changed."
    load_model_data(data=nineplus_v1_data)

    result = load_model_file(path=NINEPLUS_V1_PATH)

    assert (result.created, result.version.number) == (True, 3)
    assert ModelVersion.objects.get(number=1).content_hash == result.version.content_hash


def test_export_equals_the_original_file():
    version = load_model_file(path=NINEPLUS_V1_PATH).version

    assert export_model_version(version=version) == read_nineplus_v1()


def test_export_then_load_round_trips_to_the_same_hash(write_model_file):
    version = load_model_file(path=NINEPLUS_V1_PATH).version
    exported = export_model_yaml(version=version)

    result = load_model_file(path=write_model_file(exported, name="exported.yaml"))

    assert result.created is False
    assert result.version.pk == version.pk
    assert yaml.safe_load(exported) == read_nineplus_v1()
    data, lines = schema.parse_yaml(exported)
    assert schema.content_hash(schema.normalise(data, lines)) == version.content_hash


def test_export_of_a_factory_version_loads_as_valid_content(model_version):
    exported = export_model_version(version=model_version)

    result = load_model_data(data=exported)

    assert result.created is True  # factory hashes are random, so this is new content
    assert export_model_version(version=result.version) == exported


# ------------------------------------------------------------------ version 1 -> version 2 of the 9+ content

# The hash version 1 was loaded with before the format gained its version 2 keys: a database that holds
# version 1 must see the history file as unchanged content.
V1_CONTENT_HASH = "51b2423119f6d1e500ce2476de477332938f99f362bfa24b09331a8d17878040"


def test_v1_content_keeps_its_hash():
    assert load_model_file(path=NINEPLUS_V1_PATH).version.content_hash == V1_CONTENT_HASH


def test_v2_loads_beside_v1_and_leaves_v1_untouched(org_a):
    v1 = load_model_file(path=NINEPLUS_V1_PATH).version
    assessment = factories.make_assessment(organisation=org_a, model_version=v1)
    v1_export = export_model_version(version=v1)
    v1_row = ModelVersion.objects.values().get(pk=v1.pk)

    v2 = load_model_file(path=NINEPLUS_V2_PATH).version

    assert (v1.number, v2.number) == (1, 2)
    assert (v1.ambition_mode, v2.ambition_mode) == ("per_statement", "per_factor")
    assert v2.model_id == v1.model_id
    assert ModelVersion.objects.values().get(pk=v1.pk) == v1_row
    assert export_model_version(version=v1) == v1_export == read_nineplus_v1()
    assert sorted(Statement.objects.filter(factor__version=v1, reverse=True).values_list("code", flat=True)) == [
        "cj4",
        "ee2",
        "ef4",
    ]
    assert Advice.objects.filter(factor__version=v1).count() == 28
    assessment.refresh_from_db()
    assert assessment.model_version_id == v1.pk
    assert MaturityModel.objects.get().latest_version() == v2


def test_reloading_either_file_afterwards_changes_nothing():
    load_model_file(path=NINEPLUS_V1_PATH)
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version

    again = load_model_file(path=NINEPLUS_V2_PATH)

    assert (again.created, again.version.pk) == (False, v2.pk)
    assert ModelVersion.objects.count() == 2


def test_an_assessment_on_v1_scores_the_same_after_v2_is_loaded(org_a):
    from assessments.scoring.score import score_assessment

    v1 = load_model_file(path=NINEPLUS_V1_PATH).version
    assessment = factories.make_assessment(organisation=org_a, model_version=v1)
    factories.make_random_responses(assessment=assessment, count=8, seed=13)
    before = score_assessment(assessment=assessment)

    load_model_file(path=NINEPLUS_V2_PATH)
    assessment.refresh_from_db()
    after = score_assessment(assessment=assessment)

    assert after == before
    assert before.index is not None


# ------------------------------------------------------------------ version 2 -> version 2.1 of the 9+ content

# The hash version 2 was loaded with while it was the current content (models_9plus/data/nineplus.yaml):
# a database that holds version 2 must see the history file as unchanged content.
V2_CONTENT_HASH = "73065b9de222bb9b2736e50547ace30fccc42664220ae6ce4bc3dd2887c4a38d"


def test_v2_content_keeps_its_hash():
    assert load_model_file(path=NINEPLUS_V2_PATH).version.content_hash == V2_CONTENT_HASH


def test_v21_loads_beside_v1_and_v2_and_leaves_both_untouched(org_a):
    v1 = load_model_file(path=NINEPLUS_V1_PATH).version
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version
    on_v2 = factories.make_assessment(organisation=org_a, model_version=v2)
    rows = list(ModelVersion.objects.order_by("number").values())

    v21 = load_model_file(path=NINEPLUS_PATH).version

    assert (v1.number, v2.number, v21.number) == (1, 2, 3)
    assert {v1.model_id, v2.model_id} == {v21.model_id}
    assert (v2.content_checks, v21.content_checks) == ("", "strict")
    assert list(ModelVersion.objects.filter(number__lt=3).order_by("number").values()) == rows
    assert export_model_version(version=v1) == read_nineplus_v1()
    assert export_model_version(version=v2) == schema.to_plain(schema.normalise(read_nineplus_v2()))
    assert Statement.objects.filter(factor__version=v2).count() == 42
    assert Statement.objects.filter(factor__version=v21).count() == 50
    on_v2.refresh_from_db()
    assert on_v2.model_version_id == v2.pk
    assert MaturityModel.objects.get().latest_version() == v21


def test_v21_export_round_trips_with_its_new_keys():
    version = load_model_file(path=NINEPLUS_PATH).version

    exported = export_model_version(version=version)

    assert exported == schema.to_plain(schema.normalise(read_nineplus()))
    strategy = exported["factors"][0]
    assert strategy["servqual_links"] == ["knowledge", "standards", "delivery"]
    measure = strategy["actions"][0]["success_measure"]["en"]
    assert measure.startswith("Within six months the customer result the sponsor")
    assert [s["code"] for f in exported["factors"] for s in f["statements"] if "one_idea" in s] == ["ee4", "sd7"]
    assert [f["code"] for f in exported["factors"] if f.get("customer_not_applicable")] == [
        "customer_steering_themes",
        "emotional_feedback",
    ]
    assert load_model_data(data=exported).created is False


def test_an_assessment_on_v2_scores_the_same_after_v21_is_loaded(org_a):
    from assessments.scoring.score import score_assessment

    load_model_file(path=NINEPLUS_V1_PATH)
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version
    assessment = factories.make_assessment(organisation=org_a, model_version=v2)
    factories.make_random_responses(assessment=assessment, count=8, seed=21)
    before = score_assessment(assessment=assessment)

    load_model_file(path=NINEPLUS_PATH)
    assessment.refresh_from_db()
    after = score_assessment(assessment=assessment)

    assert after == before
    assert before.index is not None
