"""Every problem of a maturity-model file as (path, message), worded for the person editing the file.

pydantic's errors for the shape (`schema_shape`) become messages at the path of the item
(`factors[2].statements[3].text: missing 'nl'`). Rules across items (unique codes across factors,
ascending thresholds, levels that exist, every level covered by an action, as many actions in each
language) are checked on the raw data by `_across_items`, so they are reported even when an item
elsewhere is broken. Problems are sorted in the order of the file.
"""

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from models_9plus import content_checks
from models_9plus.schema_shape import (
    AMBITION_PER_FACTOR,
    AUDIENCES,
    LANGUAGES,
    AdviceLevel,
    ModelFile,
    ModelFilePerFactor,
    ServqualGap,
    Shape,
    Text,
    number,
)

CODE_RULE = "is not a valid code (lowercase letters, digits, '_' or '-', at most 50)"
# How pydantic's "not a list" and "empty list" read for each list ("Model.key" before "key").
LIST_PROBLEMS = {
    "options": ("must be a list of answer options", "needs at least one of answer options"),
    "levels": ("must be a list of levels", "needs at least one of levels"),
    "factors": ("must be a list of factors", "needs at least one of factors"),
    "statements": ("a factor needs a list of at least one statement",) * 2,
    "actions": ("must be a list of at least one action",) * 2,
    "Action.levels": ("must be a list of at least one level code",) * 2,
    "audience": ("must be a list of at least one of management, staff (leave it out for everyone)",) * 2,
    "servqual_links": ("must be a list of at least one of knowledge, standards, delivery, communication",) * 2,
    "en": ("must be a list of at least one action",) * 2,
    "nl": ("must be a list of at least one action",) * 2,
}


Problem = tuple[str, str]  # (path, message)


def _names(items: Iterable[object]) -> str:
    return ", ".join(str(item) for item in items)


def _is_code(value: object) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", value))


def problems_in(data: Any) -> list[Problem]:
    """Every problem of a parsed model file, in the order of the file (empty when it is valid)."""
    if not isinstance(data, dict):
        required = sorted(name for name, field in ModelFile.model_fields.items() if field.is_required())
        return [("(file)", f"the file must be a mapping with the keys {_names(required)}")]
    shape = ModelFilePerFactor if data.get("ambition") == AMBITION_PER_FACTOR else ModelFile
    problems: list[Problem] = []
    try:
        shape.model_validate(data)
    except ValidationError as exc:
        problems += [_worded(shape, error) for error in exc.errors()]
    problems += _across_items(data, per_factor=shape is ModelFilePerFactor)
    # What is under a key reported as an unknown level is not looked at further.
    unknown = {path for path, message in problems if message.startswith("unknown level")}
    problems = [
        (path, message)
        for path, message in problems
        if not (path in unknown and not message.startswith("unknown level"))
        and not path.startswith(tuple(f"{u}." for u in unknown))
    ]
    if not problems:  # the content checks assume a file whose shape is valid
        problems = content_checks.problems(data)
    order = _document_order(data)
    return sorted(problems, key=lambda problem: _position(order, problem[0]))


def _path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def _shape_at(annotation: Any, loc: Iterable[int | str]) -> Any:
    """The type that describes the value at `loc` (a shape class, list[...], dict[...] or a plain type)."""
    for part in loc:
        annotation = _unwrapped(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            annotation = field.annotation if field else None
        else:  # a list item or a dict value
            annotation = (get_args(annotation) or (None,))[-1]
    return _unwrapped(annotation)


def _unwrapped(annotation: Any) -> Any:
    """X for `X | None` and for Annotated[X, ...]."""
    while get_origin(annotation) in (Union, UnionType, Annotated):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    return annotation


def _worded(shape: type[Shape], error: Any) -> Problem:  # noqa: C901 (one branch per kind of error, each with its wording)
    loc, kind, value, ctx = tuple(error["loc"]), error["type"], error.get("input"), error.get("ctx") or {}
    path, key = _path(loc), loc[-1] if loc else ""
    parent = _shape_at(shape, loc[:-1])
    bilingual = isinstance(parent, type) and issubclass(parent, Text)
    if kind == "missing":
        return (_path(loc[:-1]) or "(file)", f"missing {key!r}")
    if kind == "extra_forbidden" and bilingual:
        return (path, f"unknown language {key!r}; use {_names(LANGUAGES)}")
    if kind == "extra_forbidden" and isinstance(parent, type) and issubclass(parent, Shape):
        allowed = sorted(set(parent.model_fields) - parent.unlisted)
        return (path, f"unknown key {key!r}; allowed here: {_names(allowed)}")
    if kind in ("model_type", "dict_type"):
        own = _shape_at(shape, loc)
        if isinstance(own, type) and issubclass(own, Text) and own is not AdviceLevel:
            return (path, "must give the text per language, e.g. {en: ..., nl: ...}")
        return (path, "must be a mapping (key: value pairs)")
    if kind in ("list_type", "too_short"):
        fallback = ("must be a list", "needs at least one item")
        words = LIST_PROBLEMS.get(f"{getattr(parent, '__name__', '')}.{key}") or LIST_PROBLEMS.get(str(key), fallback)
        return (path, words[kind == "too_short"])
    if key in ("code", "id"):
        return (path, f"{value!r} {CODE_RULE}")
    if kind == "string_type":  # an advice action (a list item) or a text in one language
        return (path, "must be text" if isinstance(key, int) else "must be text (put it in quotes)")
    if kind == "string_too_short":
        return (path, "empty text")
    if kind == "string_too_long":
        return (path, f"too long ({len(value.strip())} characters, at most {ctx['max_length']})")
    if kind == "literal_error":  # ctx["expected"] reads "'a', 'b' or 'c'"
        choices = _names(re.findall(r"'([^']*)'", ctx["expected"]))
        return (path, f"{value!r} is not allowed here; use one of {choices}")
    if kind in ("int_type", "greater_than_equal"):
        return (path, f"{value!r} is not a whole number of 1 or more")
    if kind == "bool_type":
        return (path, f"{value!r} must be true or false")
    return (path, ctx.get("rule") or error["msg"])


# --------------------------------------------------------------------------- rules across items


def _items(parent: Any, key: str, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, item) of each mapping in parent[key] when that is a list."""
    items = parent.get(key) if isinstance(parent, dict) else None
    if isinstance(items, list):
        yield from ((f"{path}[{i}]", item) for i, item in enumerate(items) if isinstance(item, dict))


class _Seen:
    """Where each value was first seen, to report a second one."""

    def __init__(self, what: str) -> None:
        self.what, self.first = what, dict[Any, str]()

    def check(self, value: Any, path: str) -> list[Problem]:
        try:
            if value in self.first:
                return [(path, f"duplicate {self.what} {value!r} (also at {self.first[value]})")]
            self.first[value] = path
        except TypeError:  # not hashable: the shape reports it
            pass
        return []


def _level_codes(data: dict[str, Any]) -> list[str]:
    codes = [level.get("code") for _path, level in _items(data, "levels", "levels")]
    return list(dict.fromkeys(code for code in codes if isinstance(code, str) and _is_code(code)))


def _across_items(data: dict[str, Any], *, per_factor: bool) -> list[Problem]:
    problems = _scale_values(data) + _thresholds(data)
    level_codes = _level_codes(data)
    levels, factors = _Seen("level code"), _Seen("factor code")
    statements, actions = _Seen("statement code"), _Seen("action id")
    for path, level in _items(data, "levels", "levels"):
        problems += levels.check(level.get("code"), f"{path}.code") if _is_code(level.get("code")) else []
    for path, factor in _items(data, "factors", "factors"):
        problems += factors.check(factor.get("code"), f"{path}.code") if _is_code(factor.get("code")) else []
        links = get_args(ServqualGap)
        problems += _unique_in(
            factor.get("servqual_links"), f"{path}.servqual_links", "SERVQUAL link", links, unknown=False
        )
        for spath, statement in _items(factor, "statements", f"{path}.statements"):
            code = statement.get("code")
            problems += statements.check(code, f"{spath}.code") if _is_code(code) else []
            problems += _unique_in(statement.get("audience"), f"{spath}.audience", "audience", AUDIENCES, unknown=False)
        covered: set[str] = set()
        for apath, action in _items(factor, "actions", f"{path}.actions"):
            problems += actions.check(action.get("id"), f"{apath}.id") if _is_code(action.get("id")) else []
            problems += _unique_in(action.get("levels"), f"{apath}.levels", "level", level_codes, unknown=True)
            covered.update(code for code in level_codes if code in _list(action.get("levels")))
        if isinstance(factor.get("actions"), list) and factor["actions"]:
            problems += [
                (f"{path}.actions", f"no action fits level {code!r}: every level needs at least one action")
                for code in level_codes
                if code not in covered
            ]
        if not per_factor and "ambition" in factor:
            problems.append((f"{path}.ambition", "only used when the model's ambition is per_factor"))
        for key, missing in (("level_texts", "missing the text for level"), ("advice", "missing advice for level")):
            if isinstance(factor.get(key), dict) and not (key == "advice" and per_factor):
                problems += _per_level(factor[key], f"{path}.{key}", level_codes, missing)
        if not per_factor and isinstance(factor.get("advice"), dict):
            problems += _advice_counts(factor["advice"], f"{path}.advice", level_codes)
    return problems


def _advice_counts(advice: dict[Any, Any], path: str, level_codes: list[str]) -> list[Problem]:
    """Each level's advice has as many actions in each language (the translations of each other)."""
    problems = []
    for code in level_codes:
        level = _mapping(advice.get(code))
        counts = {lang: len(_list(level.get(lang))) for lang in LANGUAGES}
        if all(counts.values()) and len(set(counts.values())) > 1:
            detail = " but ".join(f"{lang!r} has {count}" for lang, count in counts.items())
            problems.append((f"{path}.{code}", f"the languages must have the same number of actions: {detail}"))
    return problems


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _unique_in(items: Any, path: str, what: str, allowed: Iterable[str], *, unknown: bool) -> list[Problem]:
    """A list that names each of `allowed` at most once (and, when `unknown`, reports any other value)."""
    problems, seen, choices = [], _Seen(what), list(allowed)
    for m, item in enumerate(_list(items)):
        if item in choices:
            problems += seen.check(item, f"{path}[{m}]")
        elif unknown:
            problems.append((f"{path}[{m}]", f"unknown level {item!r}; levels are {_names(choices)}"))
    return problems


def _per_level(mapping: dict[Any, Any], path: str, level_codes: list[str], missing: str) -> list[Problem]:
    unknown = [
        (f"{path}.{code}", f"unknown level {code!r}; levels are {_names(level_codes)}")
        for code in mapping
        if code not in level_codes
    ]
    return unknown + [(path, f"{missing} {code!r}") for code in level_codes if code not in mapping]


def _scale_values(data: dict[str, Any]) -> list[Problem]:
    options = data["scale"].get("options") if isinstance(data.get("scale"), dict) else None
    if not isinstance(options, list):
        return []
    problems = [("scale.options", "needs at least two answer options")] if len(options) == 1 else []
    values, seen = [], _Seen("scale value")
    for path, option in _items(data["scale"], "options", "scale.options"):
        value = option.get("value")
        if not isinstance(value, bool) and isinstance(value, int) and value >= 1:
            problems += seen.check(value, f"{path}.value")
            values.append(value)
    if values and len(set(values)) == len(values) and sorted(values) != list(range(1, len(values) + 1)):
        found = ", ".join(str(v) for v in values)
        problems.append(("scale.options", f"values must be consecutive whole numbers starting at 1 (found {found})"))
    return problems


def _thresholds(data: dict[str, Any]) -> list[Problem]:
    """The first level starts at 0 and each next one higher (levels whose min_score is no number are skipped)."""
    problems: list[Problem] = []
    previous: Decimal | None = None
    for path, level in _items(data, "levels", "levels"):
        try:
            score = number(level["min_score"])
        except (KeyError, PydanticCustomError):
            continue
        raw = level["min_score"]
        if path == "levels[0]" and score != 0:
            problems.append((f"{path}.min_score", f"the first level must start at 0, not {raw}"))
        if previous is not None and score <= previous:
            rule = f"thresholds must be strictly ascending: {raw} is not above {previous:f}"
            problems.append((f"{path}.min_score", rule))
        previous = score
    return problems


def _document_order(data: Any, path: str = "", order: dict[str, int] | None = None) -> dict[str, int]:
    """Each path of the parsed file -> its place in the file, so problems read from top to bottom."""
    order = {} if order is None else order
    order.setdefault(path, len(order))
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        child = f"{path}[{key}]" if isinstance(data, list) else f"{path}.{key}" if path else str(key)
        _document_order(value, child, order)
    return order


def _split(path: str) -> list[int | str]:
    return [int(index) if index else key for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)]


def _position(order: dict[str, int], path: str) -> int:
    """The place of the path, or of its nearest ancestor that is in the file (a missing key's parent)."""
    parts = _split(path)
    while parts and _path(parts) not in order:
        parts.pop()
    return order.get(_path(parts), -1)
