"""docs/architecture.md stays true: it describes every package on disk and its layers are lint-imports' layers.

The document is the source of truth for where code lives; this test is what keeps it from going stale. It
reads the two tables of the document (top level, and `assessments/` by domain) and compares them with the
directories and modules on disk and with the "Domains import only downwards" contract in pyproject.toml.
"""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
# Generated or local-only directories at the top level (see .gitignore): not part of the layout.
LOCAL_ONLY = {"staticfiles", "media", "data", "screenshots", "htmlcov", "node_modules"}
ROW = re.compile(r"^\| `(?P<name>[^`]+)` \|(?P<rest>.*)\|\s*$")


def _rows(section: str) -> list[tuple[str, list[str]]]:
    """The rows `| `name` | cell | ... |` of the table under the heading `## <section>`."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"docs/architecture.md has no section '## {section}'"
    rows = []
    for line in match.group(1).splitlines():
        found = ROW.match(line)
        if found:
            rows.append((found["name"].rstrip("/"), [cell.strip() for cell in found["rest"].split("|")]))
    return rows


def _on_disk_top_level() -> set[str]:
    return {
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name not in LOCAL_ONLY and p.name != "__pycache__"
    }


def _on_disk_assessments() -> set[str]:
    names = set()
    for p in (ROOT / "assessments").iterdir():
        if p.name.startswith((".", "__")):
            continue
        if p.is_dir() or p.suffix == ".py":
            names.add(p.name.removesuffix(".py") if p.is_file() else p.name)
    return names


def _documented_assessments() -> dict[str, str]:
    """package (or module, without .py) -> its layer cell."""
    return {name.removesuffix(".py"): cells[0] for name, cells in _rows("Inside `assessments/`, by domain")}


def _lint_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c["layers"] for c in contracts if c["type"] == "layers")


def test_every_top_level_directory_is_described_and_exists():
    documented = {name for name, _ in _rows("Top level")}
    assert documented == _on_disk_top_level()


def test_every_package_in_assessments_is_described_and_exists():
    assert set(_documented_assessments()) == _on_disk_assessments()


def test_the_import_layers_are_the_documented_layers():
    """Same packages per layer, same order, and `|` (independent) exactly where the document says so."""
    by_layer: dict[int, set[str]] = {}
    independent: set[int] = set()
    for name, cell in _documented_assessments().items():
        if cell == "-":
            continue
        number = re.fullmatch(r"(\d+)( \(independent\))?", cell)
        assert number, f"docs/architecture.md: layer of `{name}` is {cell!r}, expected a number"
        layer = int(number[1])
        by_layer.setdefault(layer, set()).add(f"assessments.{name}")
        if number[2]:
            independent.add(layer)
    by_layer[max(by_layer) + 1] = {"models_9plus"}

    configured = _lint_layers()
    assert len(configured) == len(by_layer)
    for number, line in enumerate(configured, start=1):
        separator = "|" if number in independent else ":"
        assert {part.strip() for part in line.split(separator)} == by_layer[number], f"layer {number}"


def test_no_project_file_points_outside_the_repository():
    """The first architecture sketch lived beside the checkout; a clone elsewhere has nothing there."""
    project_files = [ROOT / name for name in ("pyproject.toml", "Makefile", "README.md", "docs/CONTRIBUTING.md")]
    project_files += [*ROOT.glob("docs/*.md"), *ROOT.glob(".pre-commit-config.yaml")]
    project_files += [path for path in ROOT.glob(".ci/*") if path.is_file()]
    for path in project_files:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text, path.name
        assert "/work/shared" not in text, path.name


@pytest.mark.parametrize("section", ["Top level", "Inside `assessments/`, by domain"])
def test_the_check_fails_on_an_undescribed_package(section, monkeypatch, tmp_path):
    """Proof that the comparison can fail: a document missing one row no longer matches the disk."""
    doc = tmp_path / "architecture.md"
    first_row = _rows(section)[0][0]
    lines = DOC.read_text(encoding="utf-8").splitlines(keepends=True)
    doc.write_text("".join(line for line in lines if not line.startswith(f"| `{first_row}")), encoding="utf-8")
    monkeypatch.setitem(globals(), "DOC", doc)
    if section == "Top level":
        assert {name for name, _ in _rows(section)} != _on_disk_top_level()
    else:
        assert set(_documented_assessments()) != _on_disk_assessments()
