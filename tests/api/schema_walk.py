"""The OpenAPI document as test data: every operation with its path filled in from real ids."""

import re

from drf_spectacular.generators import SchemaGenerator

_PARAM = re.compile(r"\{(\w+)\}")


def schema():
    return SchemaGenerator(api_version="v1").get_schema(request=None, public=True)


def operations(document=None):
    """(method, path template, operation) for every operation of the schema."""
    document = document or schema()
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def resource_of(path):
    """The resource a path's {id} addresses: /api/v1/teams/{id}/ -> "teams"."""
    return path.removeprefix("/api/v1/").split("/")[0]


def fill(path, ids):
    """The path with {id} (the resource's own id) and {assessment_id} filled from `ids`."""

    def replace(match):
        name = match.group(1)
        key = "assessments" if name == "assessment_id" else resource_of(path)
        return str(ids[key])

    return _PARAM.sub(replace, path)
