"""The keyword rule behind theme suggestions, in full: no model, no outside service.

A comment is suggested a theme when one of the theme's keywords starts a word of the comment: the keywords
of the comment's language first, then those of the other language, since people do not always write in
the language they answered in (a Dutch sentence typed into the English questionnaire). Case and accents
do not matter ("Werkdruk" and "werkdrukte" both match "werkdruk", "enquete" matches "enquête"); a keyword
of several words matches those words in that order.
"""

import re
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lower case without accents: what keywords and comments are compared as."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(keyword: str) -> re.Pattern[str] | None:
    words = fold(keyword).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words))


def matching_keywords(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords (as written) that the text contains at the start of a word."""
    folded = fold(text)
    found = []
    for keyword in keywords:
        pattern = _pattern(keyword)
        if pattern is not None and pattern.search(folded):
            found.append(keyword)
    return found


def contains(text: str, query: str) -> bool:
    """The search box: every word of the query occurs somewhere in the text (case and accents ignored)."""
    folded = fold(text)
    return all(word in folded for word in fold(query).split())
