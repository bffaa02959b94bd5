"""Bilingual content: every text field exists as <name>_en and <name>_nl."""

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("nl", "en")


def content_language(language: str | None = None) -> str:
    code = (language or get_language() or "en")[:2]
    return code if code in CONTENT_LANGUAGES else "en"


class Bilingual:
    """Mixin: obj.t("name") gives name_nl or name_en for the active language."""

    def t(self, field: str, language: str | None = None) -> str:
        lang = content_language(language)
        value = getattr(self, f"{field}_{lang}", "")
        return value or getattr(self, f"{field}_en", "")
