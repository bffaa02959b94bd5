"""The customer check's part of the level rule (scoring.level): the customers' share of 9s and 10s of
many assessments at once, the same figure the customer check's page and the knowledge gap show
(selectors.actual_figures: the live answers when shown, else the latest imported period with a grade)."""

from collections import defaultdict
from collections.abc import Collection

from assessments.outside_in import figures
from assessments.outside_in.models import CustomerCheck, CustomerResponse, ImportedFigures
from assessments.outside_in.selectors import OVERALL, actual_figures


def customer_nine_plus_shares(*, assessment_ids: Collection[int]) -> dict[int, float]:
    """{assessment id: share of 9s and 10s} for the assessments whose customers gave a shown share; one
    query without customer checks, three with any number of them."""
    checks = list(CustomerCheck.objects.filter(assessment_id__in=assessment_ids))
    if not checks:
        return {}
    grades: defaultdict[int, list[int]] = defaultdict(list)
    rows = CustomerResponse.objects.filter(link__customer_check__in=checks, flag="").values_list(
        "link__customer_check_id", "grade"
    )
    for check_id, grade in rows:
        grades[check_id].append(grade)
    imported: defaultdict[int, list[ImportedFigures]] = defaultdict(list)
    for row in ImportedFigures.objects.filter(customer_check__in=checks).order_by("period", "channel"):
        imported[row.customer_check_id].append(row)
    shares: dict[int, float] = {}
    for check in checks:
        answers = figures.Answers(grades=grades[check.pk], efforts=[], recommends=[], factor_values={})
        shown = len(answers.grades) >= check.min_responses
        overall = figures.live_figures(
            key=OVERALL,
            label="",
            answers=answers,
            minimum=check.min_responses,
            shown=shown,
            reason=None if shown else "minimum",
        )
        periods = [
            figures.imported_figures(key=f"imported:{row.pk}", row=row, minimum=check.min_responses)
            for row in imported[check.pk]
        ]
        actual = actual_figures(overall=overall, imported=periods)
        if actual is not None and actual.nine_plus_share is not None:
            shares[check.assessment_id] = actual.nine_plus_share
    return shares
