"""Which free-text comments a factor page quotes: the most distinct few, never one comment twice.

Comments only reach this module when the organisation passed the comment threshold (the scoring result
holds none otherwise). Rules:
- duplicates go: two comments are the same when they match after lower-casing and dropping punctuation
  and extra spaces ("Great team!" and "great team");
- of the rest, up to MAX_QUOTES are picked one by one, each time the comment least like those already
  picked (word overlap, Jaccard distance); the first pick is the comment least like all the others.
  Ties go to the longer comment, then the alphabetically first, so the pick is stable;
- the picked quotes are shown in alphabetical order, like every list of comments, so their order says
  nothing about who wrote them or when.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUOTES = 4

_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    normalised = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(normalised))


def _words(text: str) -> frozenset[str]:
    return frozenset(_key(text).split())


def _distance(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return 1 - len(a & b) / len(union) if union else 0.0


@dataclass(frozen=True)
class Quotes:
    shown: tuple[str, ...]  # alphabetical
    total: int  # distinct comments on the factor


def distinct(comments) -> list[str]:
    """The comments without duplicates (see `_key`), the first spelling of each kept."""
    seen: dict[str, str] = {}
    for comment in comments:
        text = comment.strip()
        key = _key(text)
        if key and key not in seen:
            seen[key] = text
    return list(seen.values())


def pick_quotes(comments, limit: int = MAX_QUOTES) -> Quotes:
    pool = distinct(comments)
    words = {text: _words(text) for text in pool}

    def order(text, score):
        return (-score, -len(text), text)

    picked: list[str] = []
    while pool and len(picked) < limit:
        if picked:
            scores = {t: min(_distance(words[t], words[p]) for p in picked) for t in pool}
        else:
            others = len(pool) - 1 or 1
            scores = {t: sum(_distance(words[t], words[o]) for o in pool if o != t) / others for t in pool}
        best = min(pool, key=lambda t: order(t, scores[t]))
        picked.append(best)
        pool.remove(best)
    return Quotes(shown=tuple(sorted(picked, key=str.casefold)), total=len(picked) + len(pool))
