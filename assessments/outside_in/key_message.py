"""The customer check's part of the key message (results/selectors/key_message.py): the knowledge gap."""

from assessments.outside_in.selectors import customer_check_for, outside_in_summary
from assessments.results.selectors.key_message import KnowledgeFacts


def key_message_facts(*, assessment, result, language):
    """Management's estimate (else the organisation's) beside the customers' grade, as the outside-in page shows
    them; nothing without a customer check, without a shown customers' grade or without a shown estimate."""
    check = customer_check_for(assessment=assessment)
    if check is None:
        return []
    summary = outside_in_summary(assessment=assessment, check=check)
    actual = summary.actual
    if actual is None or not actual.shown or actual.grade_mean is None:
        return []
    by_kind = {g.kind: g for g in summary.estimates if g.shown and g.grade is not None}
    estimate = by_kind.get("management") or by_kind.get("organisation")
    if estimate is None:
        return []
    return [
        KnowledgeFacts(
            who=estimate.kind,
            estimate_grade=estimate.grade,
            customers_grade=actual.grade_mean,
            estimate_share=estimate.share,
            customers_share=actual.nine_plus_share,
            customers_n=actual.n,
        )
    ]
