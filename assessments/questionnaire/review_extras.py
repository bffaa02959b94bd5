"""Extra sections on the respondent's review page, contributed by domains above the questionnaire.

A domain registers `fragment(request, respondent) -> str` (safe HTML) and, when its section has fields,
`on_send(request, respondent) -> str` when the app is ready (`AssessmentsConfig.ready`), so this package
never imports it. The fragments are rendered *inside* the send form, so "Send my answers" carries every
field a respondent typed there: a fragment has no <form> of its own (a button of its own uses `formaction`),
and `on_send` stores its fields before the answers are sent and returns an error text ("" when fine).
"""

from collections.abc import Callable

from django.utils.safestring import mark_safe

ReviewExtra = Callable[..., str]
_extras: list[ReviewExtra] = []
_on_send: list[ReviewExtra] = []


def register(extra: ReviewExtra, *, on_send: ReviewExtra | None = None) -> ReviewExtra:
    if extra not in _extras:
        _extras.append(extra)
    if on_send is not None and on_send not in _on_send:
        _on_send.append(on_send)
    return extra


def fragments(request, respondent) -> list[str]:
    # The fragments are rendered by templates with autoescaping on; mark_safe keeps their markup.
    return [mark_safe(html) for extra in _extras if (html := extra(request, respondent))]  # noqa: S308


def store_on_send(request, respondent) -> list[str]:
    """Stores the review sections' fields that came with the send; the error texts of those that were refused."""
    return [error for handler in _on_send if (error := handler(request, respondent))]
