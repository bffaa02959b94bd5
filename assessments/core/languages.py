"""The interface languages, derived from settings.LANGUAGES so a new language is added in one place."""

from django.conf import settings
from django.utils.translation import get_language_info


def language_codes() -> tuple[str, ...]:
    """The codes of settings.LANGUAGES, in their order (Dutch first)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def native_name(code: str) -> str:
    """A language's name in that language ("Nederlands", "English"), for language pickers."""
    return str(get_language_info(code)["name_local"])


def language_names() -> dict[str, str]:
    return {code: native_name(code) for code in language_codes()}
