"""load_maturity_model and export_maturity_model: output, errors and exit status."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from models_9plus.models import MaturityModel, ModelVersion
from tests.models_9plus.conftest import NINEPLUS_PATH, NINEPLUS_V1_PATH, NINEPLUS_V2_PATH, read_nineplus_v1

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_load_prints_the_loaded_version_then_unchanged():
    first, _ = run("load_maturity_model", str(NINEPLUS_V1_PATH))
    second, _ = run("load_maturity_model", str(NINEPLUS_V1_PATH))

    assert first == "Loaded nineplus version 1\n"
    assert second == "nineplus version 1 unchanged (same content already loaded)\n"
    assert ModelVersion.objects.count() == 1


def test_seed_file_loads_on_a_fresh_database_and_on_one_holding_v1_and_v2():
    # `make seed` and `make run` load models_9plus/data/nineplus.yaml (the version 2.1 content).
    fresh, _ = run("load_maturity_model", str(NINEPLUS_PATH))
    assert fresh == "Loaded nineplus version 2.1\n"  # the file's own name, not "1" on a fresh database
    assert ModelVersion.objects.get().version_name == "2.1"
    ModelVersion.objects.all().delete()
    MaturityModel.objects.all().delete()

    run("load_maturity_model", str(NINEPLUS_V1_PATH))
    run("load_maturity_model", str(NINEPLUS_V2_PATH))
    upgraded, _ = run("load_maturity_model", str(NINEPLUS_PATH))
    again, _ = run("load_maturity_model", str(NINEPLUS_PATH))

    assert upgraded == "Loaded nineplus version 2.1\n"
    assert again == "nineplus version 2.1 unchanged (same content already loaded)\n"
    assert [
        (v.number, v.version_name, v.ambition_mode, v.content_checks) for v in ModelVersion.objects.order_by("number")
    ] == [
        (1, "1", "per_statement", ""),
        (2, "2", "per_factor", ""),
        (3, "2.1", "per_factor", "strict"),
    ]


def test_a_version_loaded_before_files_named_it_gets_the_name_and_nothing_else_changes(tmp_path):
    data = yaml.safe_load(NINEPLUS_PATH.read_text(encoding="utf-8"))
    del data["version"]
    run("load_maturity_model", str(_dump(data, tmp_path / "unnamed.yaml")))
    before = ModelVersion.objects.get()
    assert before.version_name == "1"

    out, _ = run("load_maturity_model", str(NINEPLUS_PATH))

    assert out == "nineplus version 2.1 unchanged (same content already loaded)\n"
    after = ModelVersion.objects.get()
    assert (after.pk, after.content_hash, after.version_name) == (before.pk, before.content_hash, "2.1")


def test_the_version_name_is_exported_and_reloads_unchanged(tmp_path):
    run("load_maturity_model", str(NINEPLUS_PATH))
    target = tmp_path / "export.yaml"
    run("export_maturity_model", "nineplus", "--output", str(target))
    exported = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert list(exported)[:2] == ["code", "version"]
    assert exported["version"] == "2.1"
    out, _ = run("load_maturity_model", str(target))
    assert out == "nineplus version 2.1 unchanged (same content already loaded)\n"


@pytest.mark.parametrize("bad", [2.1, "v2.1", "2.1 beta", ""])
def test_a_version_name_must_be_quoted_digits_and_dots(tmp_path, bad):
    data = yaml.safe_load(NINEPLUS_PATH.read_text(encoding="utf-8"))
    data["version"] = bad
    with pytest.raises(CommandError, match="version"):
        run("load_maturity_model", str(_dump(data, tmp_path / "bad.yaml")))


def test_load_of_a_broken_file_lists_every_problem(nineplus_v1_data, write_model_file):
    del nineplus_v1_data["factors"][0]["name"]["nl"]
    nineplus_v1_data["levels"][0]["min_score"] = 5
    path = write_model_file(nineplus_v1_data)

    with pytest.raises(CommandError) as caught:
        run("load_maturity_model", str(path))

    message = str(caught.value)
    assert message.startswith(f"{path} was not loaded; 2 problems found:\n")
    assert "  - levels[0].min_score: the first level must start at 0, not 5 (line " in message
    assert "  - factors[0].name: missing 'nl' (line " in message
    assert MaturityModel.objects.count() == 0


def test_load_of_a_missing_path_is_a_clear_error(tmp_path):
    missing = tmp_path / "missing.yaml"

    with pytest.raises(CommandError) as caught:
        run("load_maturity_model", str(missing))

    assert str(caught.value) == f"{missing} was not loaded; 1 problem found:\n  - (file): {missing} does not exist"


def test_broken_file_exits_non_zero_with_errors_on_stderr(write_model_file, tmp_path):
    path = write_model_file("code: nineplus\nname: {en: x, nl: y}\nstatements: []\n")

    # The file is rejected before the database is touched, so an empty data folder is enough.
    completed = subprocess.run(
        [sys.executable, "manage.py", "load_maturity_model", str(path)],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "CXM_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 1
    assert completed.stdout == ""
    assert f"CommandError: {path} was not loaded; 6 problems found:" in completed.stderr
    assert "  - statements: statements must belong to a factor: put them under factors[n].statements (line 3)" in (
        completed.stderr
    )
    assert "  - (file): missing 'levels'" in completed.stderr


def test_export_writes_yaml_to_stdout():
    run("load_maturity_model", str(NINEPLUS_V1_PATH))

    out, _ = run("export_maturity_model", "nineplus")

    assert out.startswith("# Exported by cxmaturity")
    assert yaml.safe_load(out) == read_nineplus_v1()


def test_export_of_a_chosen_version_to_a_file(nineplus_v1_data, tmp_path):
    run("load_maturity_model", str(NINEPLUS_V1_PATH))
    nineplus_v1_data["name"]["en"] = "9+ model, second edition"
    run("load_maturity_model", str(_dump(nineplus_v1_data, tmp_path / "v2.yaml")))
    target = tmp_path / "v1.yaml"

    out, err = run("export_maturity_model", "nineplus", "--version", "1", "--output", str(target))

    assert out == ""
    assert err == f"Exported nineplus version 1 to {target}\n"
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == read_nineplus_v1()
    latest, _ = run("export_maturity_model", "nineplus")
    assert yaml.safe_load(latest)["name"]["en"] == "9+ model, second edition"


def test_export_then_load_creates_nothing_new(tmp_path):
    run("load_maturity_model", str(NINEPLUS_V1_PATH))
    target = tmp_path / "export.yaml"
    run("export_maturity_model", "nineplus", "--output", str(target))

    out, _ = run("load_maturity_model", str(target))

    assert out == "nineplus version 1 unchanged (same content already loaded)\n"
    assert ModelVersion.objects.count() == 1


def test_export_of_unknown_code_or_version_fails():
    run("load_maturity_model", str(NINEPLUS_V1_PATH))

    with pytest.raises(CommandError) as unknown_code:
        run("export_maturity_model", "sevenplus")
    with pytest.raises(CommandError) as unknown_version:
        run("export_maturity_model", "nineplus", "--version", "4")

    assert str(unknown_code.value) == "No maturity model with code 'sevenplus' is loaded."
    assert str(unknown_version.value) == "nineplus has no version 4 (available: 1)."


def _dump(data, path):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
