"""Template access to bilingual model content in the active language.

{% load model_i18n %}
{{ factor|t:"name" }}          -> factor.name_nl or factor.name_en
{% for a in advice|actions %}  -> advice.actions_nl or actions_en
{{ statement.weight|trim_number }} -> "1.5"
"""

from decimal import Decimal

from django import template
from django.utils import formats

from models_9plus.i18n import Bilingual
from models_9plus.models import Advice

register = template.Library()


@register.filter
def t(obj: Bilingual, field: str) -> str:
    return obj.t(field)


@register.filter
def actions(advice: Advice) -> list[str]:
    return advice.actions()


@register.filter
def trim_number(value: Decimal | float | str) -> str:
    """1.50 -> "1.5", 2.00 -> "2", localised ("1,5" in Dutch): weights and thresholds without noise."""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text))
