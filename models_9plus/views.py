"""The public "about the model" page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from models_9plus.selectors import latest_version_with_content, level_bands

ABOUT_MODEL_CODE = "nineplus"


def about_model(request: HttpRequest) -> HttpResponse:
    version = latest_version_with_content(code=ABOUT_MODEL_CODE, level_texts=True)
    context: dict[str, Any] = {"version": version, "bands": [], "statement_count": 0, "has_reverse": False}
    if version is not None:
        context["bands"] = level_bands(version=version)
        statements = [s for factor in version.factors.all() for s in factor.statements.all()]
        context["statement_count"] = len(statements)
        # Version 2 has no reverse-scored statements: the legend only appears when there are some.
        context["has_reverse"] = any(s.reverse for s in statements)
    return render(request, "models_9plus/about.html", context)
