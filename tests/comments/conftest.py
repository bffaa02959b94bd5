import pytest

from assessments.outside_in.models import CustomerCheck, CustomerLink, CustomerResponse
from tests import factories


def answers(model_version, n):
    codes = [f"f{i}s{j}" for i in range(1, 4) for j in range(1, 5)]
    return [dict.fromkeys(codes, 3) for _ in range(n)]


@pytest.fixture
def teams(org_a):
    return [factories.make_team(organisation=org_a, name=name) for name in ("Alpha", "Beta", "Gamma")]


@pytest.fixture
def scan(org_a, model_version, teams):
    """Alpha 9 and Beta 8 respondents, Gamma 2 (threshold 5 for scores, so 7 for comments)."""
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=teams)
    alpha, beta, gamma = teams
    factories.make_responses(
        assessment=assessment,
        answers=answers(model_version, 9),
        team=alpha,
        language="nl",
        comments=[{"f1": "De werkdrukte is veel te hoog."}, {"f1": "Meer opleiding graag"}, {"f2": "Alpha f2"}],
    )
    factories.make_responses(
        assessment=assessment,
        answers=answers(model_version, 8),
        team=beta,
        language="en",
        comments=[{"f1": "The workload is too high."}, {"f1": "We never discuss the NPS."}],
    )
    factories.make_responses(
        assessment=assessment,
        answers=answers(model_version, 2),
        team=gamma,
        language="nl",
        comments=[{"f1": "Gamma zegt: de enquete is te lang."}],
    )
    return assessment


def add_customers(assessment, texts, *, extra=0, flag=""):
    check, _ = CustomerCheck.objects.get_or_create(assessment=assessment)
    link, _ = CustomerLink.objects.get_or_create(customer_check=check, label="Shop", defaults={"token": "t" * 20})
    import datetime

    rows = [*texts, *[""] * extra]
    return CustomerResponse.objects.bulk_create(
        [
            CustomerResponse(
                link=link, language="nl", submitted_on=datetime.date(2026, 1, 1), grade=7, open_answer=t, flag=flag
            )
            for t in rows
        ]
    )
