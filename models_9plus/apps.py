from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Models9PlusConfig(AppConfig):
    name = "models_9plus"
    verbose_name = _("Maturity models")
