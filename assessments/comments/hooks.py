"""How comment themes show up in lower domains: the quotes picked for the PDF report's factor pages."""

from assessments.comments.models import CUSTOMERS
from assessments.comments.selectors.quotes import picked_quotes
from assessments.questionnaire.models import Assessment


def report_quotes(*, assessment: Assessment, language: str) -> dict[str, tuple[str, ...]]:
    """{factor code or "customers": picked quotes}, for the domains below (the PDF, the slide deck)."""
    return {g.code: g.quotes for g in picked_quotes(assessment=assessment, language=language)}


def customer_quotes_page(*, assessment: Assessment, result: object, language: str) -> list[dict[str, object]]:
    """A page "What customers said" when the manager picked customers' answers for the report."""
    groups = [g for g in picked_quotes(assessment=assessment, language=language) if g.code == CUSTOMERS]
    if not groups:
        return []
    return [{"template": "comments/report_customer_quotes.html", "quotes": groups[0].quotes, "language": language}]
