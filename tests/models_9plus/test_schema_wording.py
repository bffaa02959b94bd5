"""Every problem pydantic finds in a model file is worded for the person editing it, never in pydantic's words.

Broken files are made by putting odd values (and deleting or adding keys) at random places of the two
shipped files; whatever breaks, each message names a path of the file and one of the project's rules.
"""

import copy
import random

import pytest

from models_9plus import schema
from tests.models_9plus.conftest import read_nineplus, read_nineplus_v1

ODD_VALUES = [None, "", "  ", "x", "Bad Code", 0, -1, 1.234, True, [], ["x"], {}, {"en": "a"}, {"de": "c"}, [{}]]
PYDANTIC_WORDS = ("Input should", "Field required", "Extra inputs", "validation error", "String should", "Value error")


def _paths(data, path=()):
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data[:2]) if isinstance(data, list) else ()
    for key, value in children:
        yield from _paths(value, (*path, key))


def _broken(data, rng):
    broken = copy.deepcopy(data)
    for _ in range(rng.choice([1, 2, 3])):
        *parents, key = rng.choice([p for p in _paths(broken) if p])
        target = broken
        for part in parents:
            target = target[part]
        if isinstance(target, dict) and rng.random() < 0.2:
            target.pop(key, None)
        elif isinstance(target, dict | list):
            target[key] = copy.deepcopy(rng.choice(ODD_VALUES))
    return broken


@pytest.mark.parametrize("read", [read_nineplus, read_nineplus_v1], ids=["v2", "v1"])
def test_every_problem_names_a_path_and_a_rule(read):
    rng, data = random.Random(29), read()
    found = 0
    for _ in range(400):
        errors = schema.validate(_broken(data, rng))
        found += len(errors)
        for error in errors:
            path, _sep, message = error.partition(": ")
            assert path, error
            assert message, error
            assert not any(words in message for words in PYDANTIC_WORDS), error
    assert found > 400  # the mutations really broke the files
