"""The quotes a manager picked for the report ("in report"): the one selector the PDF and the slide deck read.

Only quotes that may still be read count: a pick whose comment fell below the comment threshold (say,
after a response was excluded) is left out, like every hidden figure.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext

from assessments.comments.models import CUSTOMERS, PickedQuote
from assessments.comments.selectors.board import factor_scopes
from assessments.comments.selectors.visibility import visibility
from assessments.questionnaire.models import Assessment


@dataclass(frozen=True)
class QuoteGroup:
    code: str  # a factor code, or CUSTOMERS
    title: str  # the factor's name (or "Customers") in the language asked for
    quotes: tuple[str, ...]  # alphabetical, so the order reveals nothing


def picked_quotes(*, assessment: Assessment, language: str) -> tuple[QuoteGroup, ...]:
    """The picked quotes per factor in model order, then the customers'; empty when none are picked."""
    picks = list(
        PickedQuote.objects.filter(assessment=assessment).values_list(
            "comment__factor__code",
            "comment__text",
            "comment__response__submitted_at",
            "comment__response__excluded_at",
            "customer_response__open_answer",
            "customer_response__flag",
        )
    )
    if not picks:
        return ()
    seen = visibility(assessment=assessment)
    by_scope: defaultdict[str, list[str]] = defaultdict(list)
    for code, text, submitted, excluded, customer_text, flag in picks:
        if code is not None and seen.visible and submitted is not None and excluded is None and text.strip():
            by_scope[code].append(text.strip())
        elif customer_text is not None and seen.customers_visible and not flag and customer_text.strip():
            by_scope[CUSTOMERS].append(customer_text.strip())
    with translation.override(language):
        scopes = [(s.code, s.name) for s in factor_scopes(assessment=assessment, language=language)]
        scopes.append((CUSTOMERS, gettext("Customers")))
    return tuple(
        QuoteGroup(code=code, title=title, quotes=tuple(sorted(set(by_scope[code]), key=str.casefold)))
        for code, title in scopes
        if by_scope.get(code)
    )
