"""Filters of the comment themes pages: a theme's name in the page's language, a scope's themes."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import template

register = template.Library()


@register.filter
def theme_name(theme: Any, language: str) -> str:
    name: str = theme.name(language)
    return name


@register.filter
def themes_of(themes: Mapping[str, Sequence[Any]], scope: str) -> Sequence[Any]:
    return themes.get(scope, ())
