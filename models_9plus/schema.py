"""The model file format: parse, validate and normalise a maturity-model file.

Plain Python on purpose: the rules are few, and a hand-written check can say
exactly where and what is wrong (`factors[2].statements[3].text: missing 'nl'`),
which matters more to the person editing the file than a generic schema error.
Validation collects every problem, so one run shows all of them.

`normalise()` returns the canonical form of a valid file (defaults filled in,
texts stripped, numbers as Decimal). The content hash and the export are both
built from that form, which is why export -> load gives the same hash.
SCHEMA.md beside the data files documents the format for humans.
"""

import hashlib
import json
import re
from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from models_9plus import content_checks
from models_9plus.i18n import CONTENT_LANGUAGES

LANGUAGES = ("en", "nl")  # the order used in exports
assert set(LANGUAGES) == set(CONTENT_LANGUAGES)

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CODE_MAX = 50

TOP_KEYS = {"code", "name", "description", "attribution", "scale", "levels", "factors", "ambition", "content_checks"}
TOP_OPTIONAL = {"ambition", "content_checks"}
SCALE_KEYS = {"options", "dont_know"}
OPTION_KEYS = {"value", "label", "description"}
LEVEL_KEYS = {"code", "name", "description", "min_score"}
FACTOR_KEYS = {"code", "name", "description", "statements", "advice"}
# Keys a factor has in a per-factor-ambition (version 2 style) model; optional in a per-statement model.
FACTOR_V2_KEYS = {"ambition", "level_texts", "customer_question", "actions"}
# Keys added with version 2.1 of the 9+ content; optional in every model, checked by content_checks.
FACTOR_V21_KEYS = {"servqual_links", "customer_not_applicable"}
STATEMENT_KEYS = {"code", "text", "weight", "reverse", "tag", "servqual_gap", "audience", "one_idea"}
STATEMENT_V2_KEYS = {"tag", "servqual_gap"}
ACTION_KEYS = {"id", "title", "how_to", "success_measure", "audience", "effort", "levels", "source"}

# Where the ambition (target) question is asked. per_statement is the original (v1) format and the default.
AMBITION_PER_STATEMENT = "per_statement"
AMBITION_PER_FACTOR = "per_factor"
AMBITION_MODES = (AMBITION_PER_STATEMENT, AMBITION_PER_FACTOR)

# Closed lists; SCHEMA.md explains each value.
STATEMENT_TAGS = ("basis", "nine_plus")
SERVQUAL_GAPS = ("knowledge", "standards", "delivery", "communication")
STATEMENT_AUDIENCES = ("management", "staff")
ACTION_AUDIENCES = ("cx_lead", "management", "teams")
ACTION_EFFORTS = ("days", "weeks", "months")
ACTION_SOURCES = (
    "seeds_tips",
    "sponsor_energy",
    "cx_excellence_principles",
    "cx_ex_blueprint",
    "servqual",
    "nine_plus_model",
)

# Limits of the database columns, so a long text fails here with a path instead of in the database.
MAX_LENGTH = {
    "name": 200,
    "scale.dont_know": 100,
    "option.label": 100,
    "option.description": 300,
    "level.name": 100,
    "factor.name": 200,
    "action.title": 200,
}
WEIGHT_MAX = Decimal("99.99")
TWO_PLACES = Decimal("0.01")

# A parsed file is whatever the YAML held until _Validator has checked it, so it stays dynamic.
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
    return _Validator(lines or {}).run(data)


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
    return canonical


def content_hash(canonical: Canonical) -> str:
    """sha256 of the canonical form: equal content gives an equal hash, whatever the file's layout."""
    payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
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


class _Validator:
    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        line = self.lines.get(path)
        self.errors.append(f"{path}: {message}" + (f" (line {line})" if line else ""))

    def run(self, data: RawData) -> list[str]:
        if not isinstance(data, dict):
            self.error("(file)", "the file must be a mapping with the keys " + _names(sorted(TOP_KEYS - TOP_OPTIONAL)))
            return self.errors
        if "statements" in data:
            self.error("statements", "statements must belong to a factor: put them under factors[n].statements")
        self.keys(data, "", TOP_KEYS, known_extra={"statements"}, optional=TOP_OPTIONAL)
        self.code(data, "code", "code")
        per_factor = False
        if "ambition" in data and self.choice(data["ambition"], "ambition", AMBITION_MODES):
            per_factor = data["ambition"] == AMBITION_PER_FACTOR
        for key in ("name", "description", "attribution"):
            self.text(data, key, key, max_length=MAX_LENGTH["name"] if key == "name" else None)
        if "scale" in data:
            self.scale(data["scale"])
        level_codes = self.levels(data["levels"]) if "levels" in data else []
        checks = data.get("content_checks")
        if "content_checks" in data and self.choice(checks, "content_checks", content_checks.MODES) and not per_factor:
            self.error("content_checks", "the content checks need a per_factor model (ambition: per_factor)")
        if "factors" in data:
            self.factors(data["factors"], level_codes, per_factor)
        if not self.errors:  # the rules across the content assume a file whose shape is valid
            for path, message in content_checks.problems(data):
                self.error(path, message)
        return self.errors

    # -- building blocks

    def keys(
        self,
        mapping: dict[Any, Any],
        path: str,
        allowed: set[str],
        known_extra: Collection[str] = (),
        optional: Collection[str] = (),
    ) -> None:
        prefix = f"{path}." if path else ""
        for key in mapping:
            if key not in allowed and key not in known_extra:
                self.error(f"{prefix}{key}", f"unknown key {key!r}; allowed here: {_names(sorted(allowed))}")
        for key in sorted(allowed - set(optional)):
            if key not in mapping:
                self.error(path or "(file)", f"missing {key!r}")

    def mapping(self, value: RawData, path: str) -> bool:
        if not isinstance(value, dict):
            self.error(path, "must be a mapping (key: value pairs)")
            return False
        return True

    def sequence(self, value: RawData, path: str, what: str) -> bool:
        if not isinstance(value, list):
            self.error(path, f"must be a list of {what}")
            return False
        if not value:
            self.error(path, f"needs at least one of {what}")
            return False
        return True

    def code(self, parent: dict[Any, Any], key: str, path: str) -> str | None:
        value = parent.get(key)
        if key not in parent:
            return None  # reported as a missing key
        if not isinstance(value, str) or not SLUG.match(value) or len(value) > CODE_MAX:
            self.error(path, f"{value!r} is not a valid code (lowercase letters, digits, '_' or '-', at most 50)")
            return None
        return value

    def text(
        self, parent: dict[Any, Any], key: str, path: str, *, max_length: int | None = None, optional: bool = False
    ) -> None:
        if key not in parent:
            return  # reported as a missing key (or allowed to be absent)
        value = parent[key]
        if value is None and optional:
            return
        if not isinstance(value, dict):
            self.error(path, "must give the text per language, e.g. {en: ..., nl: ...}")
            return
        for lang in value:
            if lang not in LANGUAGES:
                self.error(f"{path}.{lang}", f"unknown language {lang!r}; use {_names(LANGUAGES)}")
        for lang in LANGUAGES:
            if lang not in value:
                self.error(path, f"missing {lang!r}")
            elif not isinstance(value[lang], str):
                self.error(f"{path}.{lang}", "must be text (put it in quotes)")
            elif not value[lang].strip():
                self.error(f"{path}.{lang}", "empty text")
            elif max_length and len(value[lang].strip()) > max_length:
                self.error(f"{path}.{lang}", f"too long ({len(value[lang].strip())} characters, at most {max_length})")

    def number(self, value: RawData, path: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.error(path, f"{value!r} is not a number")
            return None
        number = Decimal(str(value))
        if not number.is_finite():
            self.error(path, f"{value!r} is not a finite number")
            return None
        try:
            exact = number == number.quantize(TWO_PLACES)
        except InvalidOperation:  # too many digits to have two decimals
            exact = False
        if not exact:
            self.error(path, f"{value} is too large or has more than two decimals")
            return None
        return number

    def choice(self, value: RawData, path: str, allowed: Collection[str]) -> bool:
        if not isinstance(value, str) or value not in allowed:
            self.error(path, f"{value!r} is not allowed here; use one of {_names(allowed)}")
            return False
        return True

    def unique(self, value: RawData, seen: dict[Any, str], path: str, what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.error(path, f"duplicate {what} {value!r} (also at {seen[value]})")
        else:
            seen[value] = path

    # -- sections

    def scale(self, scale: RawData) -> None:
        if not self.mapping(scale, "scale"):
            return
        self.keys(scale, "scale", SCALE_KEYS)
        self.text(scale, "dont_know", "scale.dont_know", max_length=MAX_LENGTH["scale.dont_know"])
        options = scale.get("options")
        if "options" not in scale or not self.sequence(options, "scale.options", "answer options"):
            return
        seen: dict[Any, str] = {}
        values: list[int] = []
        for i, option in enumerate(options):
            path = f"scale.options[{i}]"
            if not self.mapping(option, path):
                continue
            self.keys(option, path, OPTION_KEYS, optional={"description"})
            self.text(option, "label", f"{path}.label", max_length=MAX_LENGTH["option.label"])
            self.text(
                option, "description", f"{path}.description", max_length=MAX_LENGTH["option.description"], optional=True
            )
            value = option.get("value")
            if "value" not in option:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.error(f"{path}.value", f"{value!r} is not a whole number of 1 or more")
                continue
            self.unique(value, seen, f"{path}.value", "scale value")
            values.append(value)
        if len(options) == 1:
            self.error("scale.options", "needs at least two answer options")
        if values and len(set(values)) == len(values) and sorted(values) != list(range(1, len(values) + 1)):
            found = ", ".join(str(v) for v in values)
            self.error("scale.options", f"values must be consecutive whole numbers starting at 1 (found {found})")

    def levels(self, levels: RawData) -> list[str]:
        if not self.sequence(levels, "levels", "levels"):
            return []
        seen: dict[Any, str] = {}
        previous: Decimal | None = None
        for i, level in enumerate(levels):
            path = f"levels[{i}]"
            if not self.mapping(level, path):
                continue
            self.keys(level, path, LEVEL_KEYS)
            self.unique(self.code(level, "code", f"{path}.code"), seen, f"{path}.code", "level code")
            self.text(level, "name", f"{path}.name", max_length=MAX_LENGTH["level.name"])
            self.text(level, "description", f"{path}.description")
            if "min_score" not in level:
                continue
            score = self.number(level["min_score"], f"{path}.min_score")
            if score is None:
                continue
            if not Decimal(0) <= score <= Decimal(100):
                self.error(f"{path}.min_score", f"{level['min_score']} is outside 0-100")
            if i == 0 and score != 0:
                self.error(f"{path}.min_score", f"the first level must start at 0, not {level['min_score']}")
            if previous is not None and score <= previous:
                self.error(
                    f"{path}.min_score",
                    f"thresholds must be strictly ascending: {level['min_score']} is not above {previous:f}",
                )
            previous = score
        return list(seen)

    def factors(self, factors: RawData, level_codes: list[str], per_factor: bool) -> None:
        if not self.sequence(factors, "factors", "factors"):
            return
        factor_codes: dict[Any, str] = {}
        statement_codes: dict[Any, str] = {}
        action_ids: dict[Any, str] = {}
        for i, factor in enumerate(factors):
            path = f"factors[{i}]"
            if not self.mapping(factor, path):
                continue
            if per_factor:
                # Version 2 style: the action library replaces the advice mapping (advice is derived from it).
                if "advice" in factor:
                    self.error(
                        f"{path}.advice",
                        "not used when ambition is per_factor: advice is derived from the actions list",
                    )
                self.keys(
                    factor, path, FACTOR_KEYS | FACTOR_V2_KEYS | FACTOR_V21_KEYS, optional={"advice"} | FACTOR_V21_KEYS
                )
            else:
                self.keys(
                    factor,
                    path,
                    FACTOR_KEYS | FACTOR_V2_KEYS | FACTOR_V21_KEYS,
                    optional=FACTOR_V2_KEYS | FACTOR_V21_KEYS,
                )
            self.unique(self.code(factor, "code", f"{path}.code"), factor_codes, f"{path}.code", "factor code")
            self.text(factor, "name", f"{path}.name", max_length=MAX_LENGTH["factor.name"])
            self.text(factor, "description", f"{path}.description")
            if "ambition" in factor and not per_factor:
                self.error(f"{path}.ambition", "only used when the model's ambition is per_factor")
            self.text(factor, "ambition", f"{path}.ambition")
            self.text(factor, "customer_question", f"{path}.customer_question")
            self.factor_v21(factor, path)
            if "statements" in factor:
                self.statements(factor["statements"], f"{path}.statements", statement_codes, per_factor)
            if "advice" in factor and not per_factor:
                self.advice(factor["advice"], f"{path}.advice", level_codes)
            if "level_texts" in factor:
                self.level_texts(factor["level_texts"], f"{path}.level_texts", level_codes)
            if "actions" in factor:
                self.actions(factor["actions"], f"{path}.actions", level_codes, action_ids)

    def statements(self, statements: RawData, path: str, seen: dict[Any, str], per_factor: bool) -> None:  # noqa: C901 (a validator: one branch per rule, each with its own message)
        if not isinstance(statements, list) or not statements:
            self.error(path, "a factor needs a list of at least one statement")
            return
        for j, statement in enumerate(statements):
            spath = f"{path}[{j}]"
            if not self.mapping(statement, spath):
                continue
            optional = {"weight", "reverse", "audience", "one_idea"} | (set() if per_factor else STATEMENT_V2_KEYS)
            self.keys(statement, spath, STATEMENT_KEYS, optional=optional)
            self.unique(self.code(statement, "code", f"{spath}.code"), seen, f"{spath}.code", "statement code")
            self.text(statement, "text", f"{spath}.text")
            if "weight" in statement:
                weight = self.number(statement["weight"], f"{spath}.weight")
                if weight is not None and not Decimal(0) < weight <= WEIGHT_MAX:
                    self.error(f"{spath}.weight", f"{statement['weight']} must be more than 0 and at most {WEIGHT_MAX}")
            if "reverse" in statement:
                if not isinstance(statement["reverse"], bool):
                    self.error(f"{spath}.reverse", f"{statement['reverse']!r} must be true or false")
                elif statement["reverse"] and per_factor:
                    self.error(
                        f"{spath}.reverse",
                        "reverse-scored statements are not allowed when ambition is per_factor: "
                        "phrase the statement as the good practice",
                    )
            if "tag" in statement:
                self.choice(statement["tag"], f"{spath}.tag", STATEMENT_TAGS)
            if "servqual_gap" in statement:
                self.choice(statement["servqual_gap"], f"{spath}.servqual_gap", SERVQUAL_GAPS)
            if "audience" in statement:
                self.audience(statement["audience"], f"{spath}.audience")
            if "one_idea" in statement:
                self.one_idea(statement["one_idea"], f"{spath}.one_idea")

    def audience(self, audience: RawData, path: str) -> None:
        if not isinstance(audience, list) or not audience:
            kinds = _names(STATEMENT_AUDIENCES)
            self.error(path, f"must be a list of at least one of {kinds} (leave it out for everyone)")
            return
        seen: dict[Any, str] = {}
        for k, kind in enumerate(audience):
            if self.choice(kind, f"{path}[{k}]", STATEMENT_AUDIENCES):
                self.unique(kind, seen, f"{path}[{k}]", "audience")

    def factor_v21(self, factor: dict[Any, Any], path: str) -> None:
        flag = factor.get("customer_not_applicable")
        if "customer_not_applicable" in factor and not isinstance(flag, bool):
            self.error(f"{path}.customer_not_applicable", f"{flag!r} must be true or false")
        if "servqual_links" in factor:
            self.servqual_links(factor["servqual_links"], f"{path}.servqual_links")

    def one_idea(self, reason: RawData, path: str) -> None:
        if not isinstance(reason, str) or not reason.strip():
            self.error(path, "must be a text: why the 'and' in the statement joins one practice")

    def servqual_links(self, links: RawData, path: str) -> None:
        if not isinstance(links, list) or not links:
            self.error(path, f"must be a list of at least one of {_names(SERVQUAL_GAPS)}")
            return
        seen: dict[Any, str] = {}
        for k, link in enumerate(links):
            if self.choice(link, f"{path}[{k}]", SERVQUAL_GAPS):
                self.unique(link, seen, f"{path}[{k}]", "SERVQUAL link")

    def level_texts(self, texts: RawData, path: str, level_codes: list[str]) -> None:
        if not self.mapping(texts, path):
            return
        for code in texts:
            if code not in level_codes:
                self.error(f"{path}.{code}", f"unknown level {code!r}; levels are {_names(level_codes)}")
            else:
                self.text(texts, code, f"{path}.{code}")
        for code in level_codes:
            if code not in texts:
                self.error(path, f"missing the text for level {code!r}")

    def actions(self, actions: RawData, path: str, level_codes: list[str], seen: dict[Any, str]) -> None:  # noqa: C901 (a validator: one branch per rule, each with its own message)
        if not isinstance(actions, list) or not actions:
            self.error(path, "must be a list of at least one action")
            return
        covered: set[str] = set()
        for k, action in enumerate(actions):
            apath = f"{path}[{k}]"
            if not self.mapping(action, apath):
                continue
            self.keys(action, apath, ACTION_KEYS, optional={"success_measure"})
            self.unique(self.code(action, "id", f"{apath}.id"), seen, f"{apath}.id", "action id")
            self.text(action, "title", f"{apath}.title", max_length=MAX_LENGTH["action.title"])
            self.text(action, "how_to", f"{apath}.how_to")
            self.text(action, "success_measure", f"{apath}.success_measure")
            if "audience" in action:
                self.choice(action["audience"], f"{apath}.audience", ACTION_AUDIENCES)
            if "effort" in action:
                self.choice(action["effort"], f"{apath}.effort", ACTION_EFFORTS)
            if "source" in action:
                self.choice(action["source"], f"{apath}.source", ACTION_SOURCES)
            if "levels" not in action:
                continue
            levels = action["levels"]
            if not isinstance(levels, list) or not levels:
                self.error(f"{apath}.levels", "must be a list of at least one level code")
                continue
            level_seen: dict[Any, str] = {}
            for m, code in enumerate(levels):
                lpath = f"{apath}.levels[{m}]"
                if code not in level_codes:
                    self.error(lpath, f"unknown level {code!r}; levels are {_names(level_codes)}")
                    continue
                self.unique(code, level_seen, lpath, "level")
                covered.add(code)
        for code in level_codes:
            if code not in covered:
                self.error(path, f"no action fits level {code!r}: every level needs at least one action")

    def advice(self, advice: RawData, path: str, level_codes: list[str]) -> None:  # noqa: C901 (a validator: one branch per rule, each with its own message)
        if not self.mapping(advice, path):
            return
        for code, actions in advice.items():
            apath = f"{path}.{code}"
            if code not in level_codes:
                self.error(apath, f"unknown level {code!r}; levels are {_names(level_codes)}")
                continue
            if not self.mapping(actions, apath):
                continue
            for lang in actions:
                if lang not in LANGUAGES:
                    self.error(f"{apath}.{lang}", f"unknown language {lang!r}; use {_names(LANGUAGES)}")
            counts: dict[str, int] = {}
            for lang in LANGUAGES:
                if lang not in actions:
                    self.error(apath, f"missing {lang!r}")
                    continue
                items = actions[lang]
                if not isinstance(items, list) or not items:
                    self.error(f"{apath}.{lang}", "must be a list of at least one action")
                    continue
                for k, item in enumerate(items):
                    if not isinstance(item, str) or not item.strip():
                        self.error(f"{apath}.{lang}[{k}]", "empty text" if isinstance(item, str) else "must be text")
                counts[lang] = len(items)
            if len(counts) == len(LANGUAGES) and len(set(counts.values())) > 1:
                detail = " but ".join(f"{lang!r} has {counts[lang]}" for lang in LANGUAGES)
                self.error(apath, f"the languages must have the same number of actions: {detail}")
        for code in level_codes:
            if code not in advice:
                self.error(path, f"missing advice for level {code!r}")


def _names(items: Iterable[object]) -> str:
    return ", ".join(str(item) for item in items)
