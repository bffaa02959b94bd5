from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # The composition root: wire the domains' signal receivers, dependent counters and system checks.
        from assessments.benchmarks import presentation as benchmark_presentation
        from assessments.questionnaire import receivers  # noqa: F401
        from assessments.results import (
            checks,  # noqa: F401
            contributions,
        )

        contributions.register_radar_overlay(benchmark_presentation.radar_overlay)
        contributions.register_pdf_page(benchmark_presentation.pdf_page)
