"""The content checks a model file can ask for with `content_checks: strict` (version 2.1 of the 9+ model).

The file's shape (schema_shape.py, worded by schema_problems.py) says what a file may contain; these rules
say what a consultant would refuse to sign: a statement that asks two things at once, a 9+ layer that rests
on one statement, a SERVQUAL link a factor claims but no statement measures, an action nobody could tell
had worked. They run on a file whose shape is already valid, and only when the file asks for them, so
versions 1 and 2 (which predate the rules) keep loading unchanged. SCHEMA.md ("Content checks") documents
them for the file's author.

Each problem names the item (its place in the file and its code or id) and the rule it breaks; the
loader adds the line, and the load command names the file.
"""

import re
from collections.abc import Iterator
from typing import Any

STRICT = "strict"
MODES = (STRICT,)
MIN_NINE_PLUS = 2

# "and" joining two practices is the classic double-barrelled question. A word list cannot tell "correct,
# complete and on time" (one idea) from "checks and reports" (two), so it flags every "and"/"en" and the
# author acknowledges the innocent ones with `one_idea: <why>`; the reason stays in the file for reviewers.
JOINING_WORDS = {"en": re.compile(r"\band\b", re.IGNORECASE), "nl": re.compile(r"\b(en|én)\b", re.IGNORECASE)}

RULE_ONE_PRACTICE = "one practice per statement"
RULE_NINE_PLUS = f"at least {MIN_NINE_PLUS} 9+ statements per factor"
RULE_LINKS_CLAIMED = "every factor names its SERVQUAL links"
RULE_LINK_CARRIED = "every SERVQUAL link a factor claims is carried by a statement"
RULE_SUCCESS_MEASURE = "every action proposes a success measure"

Problem = tuple[str, str]  # (path, message)


def problems(data: dict[str, Any]) -> list[Problem]:
    """Every rule the file breaks, in the order of the file (empty when it does not ask for the checks)."""
    if data.get("content_checks") != STRICT:
        return []
    found: list[Problem] = []
    for i, factor in enumerate(data["factors"]):
        found.extend(_factor_problems(factor, f"factors[{i}]"))
    return found


def joining_word(text: dict[str, str]) -> tuple[str, str] | None:
    """(language, word) of the first "and"/"en" in a text per language, or None."""
    for lang, pattern in JOINING_WORDS.items():
        match = pattern.search(text.get(lang, ""))
        if match:
            return lang, match.group(0)
    return None


def _factor_problems(factor: dict[str, Any], path: str) -> Iterator[Problem]:
    code = factor["code"]
    statements = factor["statements"]
    for j, statement in enumerate(statements):
        yield from _statement_problems(statement, f"{path}.statements[{j}]")
    nine_plus = sum(1 for statement in statements if statement.get("tag") == "nine_plus")
    if nine_plus < MIN_NINE_PLUS:
        yield (
            f"{path}.statements",
            f"factor {code} breaks the rule '{RULE_NINE_PLUS}': it has {nine_plus}, so one 'don't know' "
            "leaves a respondent's 9+ score resting on one statement or none",
        )
    carried = {statement.get("servqual_gap") for statement in statements}
    if "servqual_links" not in factor:
        yield (path, f"factor {code} breaks the rule '{RULE_LINKS_CLAIMED}': add servqual_links")
    for k, link in enumerate(factor.get("servqual_links", [])):
        if link not in carried:
            yield (
                f"{path}.servqual_links[{k}]",
                f"factor {code} breaks the rule '{RULE_LINK_CARRIED}': no statement has servqual_gap {link}",
            )
    for k, action in enumerate(factor["actions"]):
        if "success_measure" not in action:
            yield (
                f"{path}.actions[{k}]",
                f"action {action['id']} breaks the rule '{RULE_SUCCESS_MEASURE}': add success_measure, "
                "an outcome for customers or operations",
            )


def _statement_problems(statement: dict[str, Any], path: str) -> Iterator[Problem]:
    code = statement["code"]
    joined = joining_word(statement["text"])
    acknowledged = bool(str(statement.get("one_idea") or "").strip())
    if joined and not acknowledged:
        lang, word = joined
        yield (
            f"{path}.text.{lang}",
            f"statement {code} breaks the rule '{RULE_ONE_PRACTICE}': {word!r} may join two practices; "
            "split the statement, or say in one_idea why it asks one thing",
        )
    elif acknowledged and not joined:
        yield (
            f"{path}.one_idea",
            f"statement {code}: one_idea acknowledges an 'and'/'en' the text does not have; remove it",
        )
