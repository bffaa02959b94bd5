"""The customer check's part of the key message (results/selectors/key_message.py): the knowledge gap."""

from assessments.outside_in.selectors import customer_check_for, outside_in_summary
from assessments.results.selectors.key_message import KnowledgeFacts


def key_message_facts(*, assessment, result, language):
    """Management's estimate (else the organisation's) beside the customers' grade, as the outside-in page shows
    them; nothing without a customer check, and None for every figure that is not shown."""
    check = customer_check_for(assessment=assessment)
    if check is None:
        return []
    summary = outside_in_summary(assessment=assessment, check=check)
    actual = summary.actual if summary.actual is not None and summary.actual.shown else None
    by_kind = {g.kind: g for g in summary.estimates if g.shown and g.grade is not None}
    estimate = by_kind.get("management") or by_kind.get("organisation")
    return [
        KnowledgeFacts(
            who=estimate.kind if estimate else "",
            estimate_grade=estimate.grade if estimate else None,
            customers_grade=actual.grade_mean if actual else None,
            estimate_share=estimate.share if estimate else None,
            customers_share=actual.nine_plus_share if actual else None,
            customers_n=actual.n if actual else 0,
        )
    ]
