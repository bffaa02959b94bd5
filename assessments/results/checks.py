"""System checks that tell the administrator what the server is missing."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Warning, register

from assessments.results.services.chart_export import chromium_problem


@register()
def chromium_for_reports(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    # A warning, not an error: everything except the PDF report works without Chromium.
    problem = chromium_problem()
    if problem is None:
        return []
    return [
        Warning(
            problem,
            hint=(
                "Run `apt-get install chromium-headless-shell`, or point the CHROMIUM_PATH environment variable at "
                "Chromium."
            ),
            id="cxmaturity.W001",
        )
    ]
