"""The public "about the model" page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from models_9plus.selectors import latest_version_with_content, level_bands

ABOUT_MODEL_CODE = "nineplus"


def about_model(request: HttpRequest) -> HttpResponse:
    version = latest_version_with_content(code=ABOUT_MODEL_CODE)
    context: dict[str, Any] = {"version": version, "bands": [], "statement_count": 0}
    if version is not None:
        context["bands"] = level_bands(version=version)
        context["statement_count"] = sum(len(factor.statements.all()) for factor in version.factors.all())
    return render(request, "models_9plus/about.html", context)
