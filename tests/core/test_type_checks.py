"""The static checks in `make lint` really fail: mypy on a type error, lint-imports on an upward import.

Each check runs on a tiny throw-away file or package, so these stay fast and never depend on the
state of the real code.
"""

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRICT_PACKAGES = [
    "assessments.core.*",
    "assessments.organisations.*",
    "assessments.privacy.*",
    "assessments.scoring.*",
    "assessments.questionnaire.*",
    "assessments.benchmarks.*",
    "assessments.api.*",
    "models_9plus.*",
]


def _run(args, cwd):
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=240, check=False)


def test_mypy_with_the_project_config_fails_on_a_type_error(tmp_path):
    pytest.importorskip("mypy.api")
    (tmp_path / "typed_ok.py").write_text("def double(n: int) -> int:\n    return n * 2\n")
    (tmp_path / "typed_bad.py").write_text("def label(n: int) -> str:\n    return n  # not a str\n")
    result = _run(
        [
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(tmp_path / "typed_ok.py"),
            str(tmp_path / "typed_bad.py"),
        ],
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert "typed_bad.py:2: error: Incompatible return value type" in errors[0]
    assert errors[0].endswith("[return-value]")


def test_the_domain_packages_are_checked_strictly():
    overrides = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]["overrides"]
    strict = [o for o in overrides if o.get("disallow_untyped_defs")]
    assert len(strict) == 1
    assert set(STRICT_PACKAGES) <= set(strict[0]["module"])
    for flag in ("disallow_untyped_calls", "disallow_any_generics", "warn_return_any", "no_implicit_reexport"):
        assert strict[0][flag] is True, flag


IMPORTLINTER_CONFIG = """
[tool.importlinter]
root_package = "layered"

[[tool.importlinter.contracts]]
name = "Imports only run down"
type = "layers"
layers = ["layered.high", "layered.low"]
"""


@pytest.mark.parametrize(("importer", "imported", "exit_code"), [("high", "low", 0), ("low", "high", 1)])
def test_lint_imports_fails_on_an_upward_import(tmp_path, importer, imported, exit_code):
    pytest.importorskip("importlinter")
    package = tmp_path / "layered"
    package.mkdir()
    for name in ("__init__", "high", "low"):
        (package / f"{name}.py").write_text("")
    (package / f"{importer}.py").write_text(f"from layered import {imported}  # noqa: F401\n")
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent(IMPORTLINTER_CONFIG))
    check = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    result = _run(["-c", check], cwd=tmp_path)
    assert result.returncode == exit_code, result.stdout + result.stderr
    assert ("BROKEN" in result.stdout) is (exit_code == 1)


# Made strict one by one (issue 29 item 4): the upper domains and the app's top-level modules stay strict.
STRICT_UPPER = [
    "assessments.outside_in.*",
    "assessments.actions.*",
    "assessments.results.*",
    "assessments.templatetags.*",
    "assessments.apps",
    "assessments.urls",
    "assessments.models",
    "assessments.scheduling",
    "assessments.management.*",
    "assessments.demo.*",
]


def test_the_upper_domains_are_strict_and_no_strict_package_is_excused():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    strict = next(o for o in config["overrides"] if o.get("disallow_untyped_defs"))["module"]
    assert set(STRICT_UPPER) <= set(strict)
    # untyped_calls_exclude only excuses calls into domains still being typed: once strict, a domain leaves it.
    excused = config.get("untyped_calls_exclude", [])
    assert [(m, e) for m in strict for e in excused if m.removesuffix(".*") == e] == []
