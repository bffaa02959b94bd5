"""The model file format: parse, validate and normalise a maturity-model file.

The file's shape is described with pydantic in `schema_shape`; `schema_problems` words every problem
for the person editing the file, at the path of the item and, from a file, with its line
(`factors[2].statements[3].text: missing 'nl' (line 40)`), in the order of the file. Validation
collects every problem, so one run shows all of them.

`normalise()` returns the canonical form of a valid file (defaults filled in,
texts stripped, numbers as Decimal). The content hash and the export are both
built from that form, which is why export -> load gives the same hash.
SCHEMA.md beside the data files documents the format for humans.
"""

import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, get_args

import yaml

from models_9plus import schema_shape as shape
from models_9plus.i18n import CONTENT_LANGUAGES
from models_9plus.schema_problems import problems_in
from models_9plus.schema_shape import AMBITION_PER_FACTOR as AMBITION_PER_FACTOR
from models_9plus.schema_shape import AMBITION_PER_STATEMENT as AMBITION_PER_STATEMENT
from models_9plus.schema_shape import LANGUAGES as LANGUAGES
from models_9plus.schema_shape import TWO_PLACES

# The closed lists, named as SCHEMA.md names them; their source is the shape in schema_shape.
STATEMENT_TAGS = get_args(shape.Tag)
SERVQUAL_GAPS = get_args(shape.ServqualGap)
STATEMENT_AUDIENCES = get_args(shape.StatementAudience)
ACTION_AUDIENCES = get_args(shape.ActionAudience)
ACTION_EFFORTS = get_args(shape.ActionEffort)
ACTION_SOURCES = get_args(shape.ActionSource)
AMBITION_MODES = get_args(shape.AmbitionMode)
assert set(LANGUAGES) == set(CONTENT_LANGUAGES)

# A parsed file is whatever the YAML held until it is validated, so it stays dynamic.
RawData = Any
# The canonical form: nested dicts/lists of text, Decimals and bools, keyed as in SCHEMA.md.
Canonical = dict[str, Any]
Lines = dict[str, int]
Text = dict[str, str]


class ModelFileError(Exception):
    """A model file that cannot be loaded; `errors` lists every problem found."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# --------------------------------------------------------------------------- parsing


def parse_yaml(text: str) -> tuple[RawData, Lines]:
    """YAML (or JSON) text -> (data, lines), where lines maps a path to its line number.

    Also rejects duplicate keys in a mapping, which plain YAML loading would
    silently resolve by keeping the last one.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ModelFileError(["(file): the file is empty"])
        lines: Lines = {}
        duplicates: list[str] = []
        _index_nodes(node, "", lines, duplicates)
        if duplicates:
            raise ModelFileError(duplicates)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ModelFileError([f"(file): invalid YAML at {where}: {problem}"]) from None
    finally:
        loader.dispose()
    return data, lines


def _index_nodes(node: yaml.Node, path: str, lines: Lines, duplicates: list[str]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = f"{path}.{key}" if path else str(key)
            if key in seen:
                duplicates.append(f"{child}: duplicate key {key!r} (line {key_node.start_mark.line + 1})")
            seen.add(key)
            lines.setdefault(child, key_node.start_mark.line + 1)  # the key's line, where a reader looks
            _index_nodes(value_node, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_nodes(item, f"{path}[{i}]", lines, duplicates)


# --------------------------------------------------------------------------- validation


def validate(data: RawData, lines: Lines | None = None) -> list[str]:
    """Every problem in `data` as "path: message" strings (empty list when valid)."""
    lines = lines or {}
    return [
        f"{path}: {message}" + (f" (line {lines[path]})" if path in lines else "")
        for path, message in problems_in(data)
    ]


def normalise(data: RawData, lines: Lines | None = None) -> Canonical:
    """The canonical form of a valid file; raises ModelFileError listing every problem."""
    errors = validate(data, lines)
    if errors:
        raise ModelFileError(errors)
    level_codes = [level["code"] for level in data["levels"]]
    per_factor = data.get("ambition", AMBITION_PER_STATEMENT) == AMBITION_PER_FACTOR
    canonical: Canonical = {
        "code": data["code"],
        "name": _text(data["name"]),
        "description": _text(data["description"]),
        "attribution": _text(data["attribution"]),
        "scale": {
            "options": [_option(option) for option in data["scale"]["options"]],
            "dont_know": _text(data["scale"]["dont_know"]),
        },
        "levels": [
            {
                "code": level["code"],
                "name": _text(level["name"]),
                "description": _text(level["description"]),
                "min_score": _decimal(level["min_score"]),
            }
            for level in data["levels"]
        ],
        "factors": [_factor(factor, level_codes, per_factor) for factor in data["factors"]],
    }
    # The per-statement default is left out, so v1 files keep the hash they were loaded with.
    if per_factor:
        canonical["ambition"] = AMBITION_PER_FACTOR
    if data.get("content_checks") is not None:  # left out when absent, so v1 and v2 keep their hashes
        canonical["content_checks"] = data["content_checks"]
    if data.get("version") is not None:
        canonical["version"] = data["version"]
    return canonical


def content_hash(canonical: Canonical) -> str:
    """sha256 of the canonical form: equal content gives an equal hash, whatever the file's layout. The
    version label is a name, not content: naming a loaded version changes no hash (services._load)."""
    content = {key: value for key, value in canonical.items() if key != "version"}
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def to_plain(canonical: Any) -> Any:
    """The canonical form with numbers as int/float, ready to dump as YAML or JSON."""
    if isinstance(canonical, dict):
        return {key: to_plain(value) for key, value in canonical.items()}
    if isinstance(canonical, list):
        return [to_plain(value) for value in canonical]
    if isinstance(canonical, Decimal):
        return int(canonical) if canonical == canonical.to_integral_value() else float(canonical)
    return canonical


def dump_yaml(canonical: Canonical) -> str:
    header = "# Exported by cxmaturity (export_maturity_model). Format: models_9plus/data/SCHEMA.md\n"
    body = yaml.safe_dump(to_plain(canonical), allow_unicode=True, sort_keys=False, width=120)
    return header + body


def _text(value: RawData) -> Text:
    return {lang: value[lang].strip() for lang in LANGUAGES}


def _decimal(value: RawData) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES)


def _option(option: RawData) -> dict[str, Any]:
    result: dict[str, Any] = {"value": option["value"], "label": _text(option["label"])}
    if option.get("description") is not None:
        result["description"] = _text(option["description"])
    return result


def _factor(factor: RawData, level_codes: list[str], per_factor: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "code": factor["code"],
        "name": _text(factor["name"]),
        "description": _text(factor["description"]),
        "statements": [_statement(statement, per_factor) for statement in factor["statements"]],
    }
    if not per_factor:
        # Advice in the order of the levels, so the hash does not depend on the file's key order.
        result["advice"] = {
            code: {lang: [action.strip() for action in factor["advice"][code][lang]] for lang in LANGUAGES}
            for code in level_codes
        }
    # The version 2 keys only appear when present, so v1 files keep the hash they were loaded with.
    for key in ("ambition", "customer_question"):
        if factor.get(key) is not None:
            result[key] = _text(factor[key])
    if factor.get("level_texts") is not None:
        result["level_texts"] = {code: _text(factor["level_texts"][code]) for code in level_codes}
    if factor.get("actions") is not None:
        result["actions"] = [_action(action, level_codes) for action in factor["actions"]]
    # The version 2.1 keys only appear when they say something, so older files keep their hashes.
    if factor.get("servqual_links"):
        result["servqual_links"] = [gap for gap in SERVQUAL_GAPS if gap in factor["servqual_links"]]
    if factor.get("customer_not_applicable"):
        result["customer_not_applicable"] = True
    return result


def _statement(statement: RawData, per_factor: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "code": statement["code"],
        "text": _text(statement["text"]),
        "weight": _decimal(statement.get("weight", 1)),
    }
    if not per_factor:  # a per-factor model has no reverse-scored statements, so the key is left out
        result["reverse"] = statement.get("reverse", False)
    for key in ("tag", "servqual_gap"):
        if statement.get(key) is not None:
            result[key] = statement[key]
    if statement.get("audience") is not None:
        result["audience"] = [kind for kind in STATEMENT_AUDIENCES if kind in statement["audience"]]
    if statement.get("one_idea") is not None:
        result["one_idea"] = statement["one_idea"].strip()
    return result


def derive_advice(actions: list[dict[str, Any]], level_codes: list[str]) -> dict[str, dict[str, list[str]]]:
    """Advice per level for a model with an action library: the titles of the actions that fit each level."""
    return {
        code: {lang: [action["title"][lang] for action in actions if code in action["levels"]] for lang in LANGUAGES}
        for code in level_codes
    }


def _action(action: RawData, level_codes: list[str]) -> dict[str, Any]:
    result = {
        "id": action["id"],
        "title": _text(action["title"]),
        "how_to": _text(action["how_to"]),
        "audience": action["audience"],
        "effort": action["effort"],
        # In the order of the levels, so the hash does not depend on the order in the file.
        "levels": [code for code in level_codes if code in action["levels"]],
        "source": action["source"],
    }
    if action.get("success_measure") is not None:
        result["success_measure"] = _text(action["success_measure"])
    return result
