from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # The composition root: wire the domains' signal receivers, dependent counters and system checks.
        from assessments.questionnaire import receivers  # noqa: F401
        from assessments.results import checks  # noqa: F401
