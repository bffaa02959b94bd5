from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # The composition root: wire the domains' signal receivers, dependent counters and system checks.
        from assessments.actions import hooks
        from assessments.organisations import home
        from assessments.questionnaire import receivers  # noqa: F401
        from assessments.results import (
            checks,  # noqa: F401
            report_pages,
        )

        home.register(hooks.landing_section)
        report_pages.register(hooks.report_pages)
        self._wire_outside_in()

    def _wire_outside_in(self):
        from assessments.outside_in.presenters import pdf_section
        from assessments.outside_in.views.estimate import review_fragment
        from assessments.questionnaire import review_extras
        from assessments.results import report_sections

        review_extras.register(review_fragment)
        report_sections.register(pdf_section)
