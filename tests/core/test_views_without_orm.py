"""Views (HTML and API) run no ORM queries: they ask the domains' selectors (reads) and services (writes).

lint-imports cannot forbid part of an outside package (`django.db.models`) nor see a model manager used
through a model a view imports for its type, so this test reads each view module's syntax tree instead.
What it flags in `assessments/*/views*` and `assessments/api/views/`:
- importing `django.db.models` (outside an `if TYPE_CHECKING:` block),
- a model manager (`.objects`) or a queryset-building call (`.filter(...)`, `.select_related(...)`, ...),
- `.get(...)` with keyword arguments, `.count()` / `.all()` without arguments (a dict's `get` takes none, a
  list's `count` takes one), `get_object_or_404` and `get_list_or_404`.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUERY_ATTRIBUTES = {
    "objects",
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "select_related",
    "prefetch_related",
    "order_by",
    "values_list",
    "distinct",
    "first",
    "last",
    "exists",
    "none",
    "only",
    "defer",
    "extra",
    "raw",
    "in_bulk",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules() -> list[Path]:
    package = ROOT / "assessments"
    found = set(package.glob("*/views.py")) | set(package.glob("*/views/*.py")) | set(package.glob("*/*/views.py"))
    return sorted(found)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks (imports there never run)."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            inside.update(id(child) for statement in node.body for child in ast.walk(statement))
    return inside


def orm_uses(source: str) -> list[str]:
    """Every ORM use in a module's source, as "line: what"."""
    tree = ast.parse(source)
    typing_only = _type_checking_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom | ast.Import) and id(node) not in typing_only:
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found += [f"{node.lineno}: import {m}" for m in modules if m.startswith("django.db.models")]
        elif isinstance(node, ast.Attribute) and node.attr in QUERY_ATTRIBUTES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, args, keywords = node.func.attr, node.args, node.keywords
            if (name == "get" and keywords and not args) or (name in {"count", "all"} and not args and not keywords):
                found.append(f"{node.lineno}: .{name}()")
        elif isinstance(node, ast.Name) and node.id in SHORTCUTS:
            found.append(f"{node.lineno}: {node.id}")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def test_the_view_modules_are_found():
    names = {str(p.relative_to(ROOT)) for p in view_modules()}
    assert {"assessments/api/views/base.py", "assessments/privacy/views.py"} <= names
    assert "assessments/core/views.py" in names
    assert "assessments/journeys/measures/views.py" in names  # a domain's sub-package


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_run_no_queries(path):
    assert orm_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from django.db.models import Count\n", ["1: import django.db.models"]),
        ("x = Team.objects.get(pk=1)\n", ["1: .get()", "1: .objects"]),
        ("x = org.teams.filter(name='a').exists()\n", ["1: .exists", "1: .filter"]),
        ("n = link.responses.count()\n", ["1: .count()"]),
        ("t = list(assessment.roles.all())\n", ["1: .all()"]),
        ("t = get_object_or_404(Team, pk=1)\n", ["1: get_object_or_404"]),
        ("if TYPE_CHECKING:\n    from django.db.models import QuerySet\n", []),
        ("v = data.get('x')\nn = rows.count(3)\nd.update(a=1)\n", []),
    ],
)
def test_the_check_sees_a_query(source, expected):
    """Proof that the check can fail (and leaves a dict's get and a list's count alone)."""
    assert sorted(orm_uses(source)) == sorted(expected)
