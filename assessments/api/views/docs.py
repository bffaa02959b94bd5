"""/api/docs/: the endpoints of the OpenAPI schema on a plain page, rendered here (no scripts from a CDN)."""

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _endpoints() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    generator = SchemaGenerator(api_version="v1")  # type: ignore[no-untyped-call]  # drf-spectacular has no hints here
    schema = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]  # (the same)
    rows: list[dict[str, Any]] = []
    for route, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                rows.append(
                    {
                        "method": method.upper(),
                        "path": route,
                        "summary": (operation.get("description") or "").split("\n")[0],
                        "tag": (operation.get("tags") or [""])[0],
                        "parameters": [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"],
                    }
                )
    return schema["info"], rows


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    info, endpoints = _endpoints()
    return render(request, "api/docs.html", {"info": info, "endpoints": endpoints})
