"""Demo customer check for the closed spring scan (idempotent): two customer links with enough responses,
internal estimates for most respondents (a rosy knowledge gap) and one imported period."""

import datetime
import random
from collections.abc import Iterable

from assessments.outside_in.models import CustomerCheck, CustomerLink, CustomerResponse, ImportedFigures
from assessments.outside_in.models import InternalEstimate as Estimate
from assessments.questionnaire.models import Assessment

SEED = 2027
# Grade weights 1..10: most customers give a 7 or 8, about a quarter a 9 or 10.
GRADE_WEIGHTS = [1, 1, 2, 3, 5, 10, 24, 28, 17, 9]
LINKS = {"Telefoon": 46, "Website": 38}
OPEN_ANSWERS = [
    "Sneller terugbellen als dat beloofd is.",
    "Ik moest mijn verhaal twee keer vertellen.",
    "Vriendelijke medewerkers, maar de website is onduidelijk.",
    "Zo doorgaan!",
]


def _recommend(grade: int, rng: random.Random) -> int:
    return max(0, min(10, grade + rng.choice([-2, -1, 0, 0, 1])))


def _responses(link: CustomerLink, count: int, factor_codes: Iterable[str], rng: random.Random) -> None:
    rows: list[CustomerResponse] = []
    for _ in range(count):
        grade = rng.choices(range(1, 11), weights=GRADE_WEIGHTS)[0]
        factors = {code: max(1, min(5, round(grade / 2) + rng.choice([-1, 0, 0, 1]))) for code in factor_codes}
        rows.append(
            CustomerResponse(
                link=link,
                language="nl" if rng.random() < 0.85 else "en",
                submitted_on=datetime.date(2026, 4, rng.randint(1, 28)),
                grade=grade,
                ease=max(1, min(5, round(grade / 2) + rng.choice([-1, 0, 0, 1]))),
                recommend=_recommend(grade, rng),
                factor_answers={k: v for k, v in factors.items() if rng.random() < 0.9},
                open_answer=rng.choice(OPEN_ANSWERS) if rng.random() < 0.2 else "",
            )
        )
    CustomerResponse.objects.bulk_create(rows)


def _estimates(assessment: Assessment, rng: random.Random) -> None:
    """Most respondents guess higher than customers give: management more so."""
    responses = assessment.responses.filter(submitted_at__isnull=False).select_related("role")
    rows: list[Estimate] = []
    for response in responses:
        if rng.random() > 0.75:
            continue
        rosy = 0.8 if response.role is not None and response.role.is_management else 0.3
        grade = max(1, min(10, round(7.4 + rosy + rng.gauss(0, 0.7))))
        share = max(0, min(100, round(35 + 25 * rosy + rng.gauss(0, 10))))
        rows.append(Estimate(response=response, grade=grade, share_nine_plus=share))
    Estimate.objects.bulk_create(rows)


def seed_customer_check(*, assessment: Assessment) -> CustomerCheck:
    existing = CustomerCheck.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not security)
    check = CustomerCheck.objects.create(assessment=assessment, min_responses=30)
    codes = list(assessment.model_version.factors.exclude(customer_question_en="").values_list("code", flat=True))
    for label, count in LINKS.items():
        link = CustomerLink.objects.create(
            customer_check=check, label=label, token=f"demo-{label.lower()}-{rng.getrandbits(64):x}"
        )
        _responses(link, count, codes, rng)
    _estimates(assessment, rng)
    ImportedFigures.objects.create(
        customer_check=check,
        period="2025-Q4",
        channel="Klantpanel",
        responses=212,
        grade_counts=[2, 3, 5, 9, 14, 27, 56, 58, 26, 12],
        nps=-8,
        csat=71,
        ces=4.9,
    )
    return check
