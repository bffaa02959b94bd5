"""Extra sections on the respondent's review page, contributed by domains above the questionnaire.

A domain registers `fragment(request, respondent) -> str` (safe HTML, its own form posting to its own
URL) when the app is ready (`AssessmentsConfig.ready`), so this package never imports it.
"""

from collections.abc import Callable

from django.utils.safestring import mark_safe

ReviewExtra = Callable[..., str]
_extras: list[ReviewExtra] = []


def register(extra: ReviewExtra) -> ReviewExtra:
    if extra not in _extras:
        _extras.append(extra)
    return extra


def fragments(request, respondent) -> list[str]:
    # The fragments are rendered by templates with autoescaping on; mark_safe keeps their markup.
    return [mark_safe(html) for extra in _extras if (html := extra(request, respondent))]  # noqa: S308
