"""A v2-like model (factors with a customer question), an assessment with a customer check and helpers."""

import datetime

import pytest

from assessments.outside_in.models import CustomerCheck, CustomerLink, CustomerResponse
from models_9plus.models import Factor
from tests import factories


def add_customer_questions(version):
    for factor in Factor.objects.filter(version=version):
        factor.customer_question_en = f"Customers judge {factor.code}."
        factor.customer_question_nl = f"Klanten beoordelen {factor.code}."
        factor.save()
    return version


@pytest.fixture
def cx_version(db):
    return add_customer_questions(factories.make_model_version(code="cxmodel"))


@pytest.fixture
def cx_assessment(org_a, cx_version):
    team = factories.make_team(organisation=org_a, name="Desk")
    return factories.make_assessment(organisation=org_a, model_version=cx_version, teams=[team])


@pytest.fixture
def check(cx_assessment):
    return CustomerCheck.objects.create(assessment=cx_assessment, min_responses=10)


def make_link(check, label="Shop", **extra):
    return CustomerLink.objects.create(
        customer_check=check, label=label, token=f"tok-{label}-{check.pk}-abcdefghijkl", **extra
    )


def add_customer_responses(link, grades, *, recommend=None, effort=None, ease=None, factors=None, flag=""):
    CustomerResponse.objects.bulk_create(
        CustomerResponse(
            link=link,
            submitted_on=datetime.date(2026, 5, 1),
            grade=grade,
            recommend=recommend[i] if recommend else None,
            effort=effort[i] if effort else None,
            ease=ease[i] if ease else None,
            factor_answers=factors[i] if factors else {},
            flag=flag,
        )
        for i, grade in enumerate(grades)
    )


@pytest.fixture
def full_check(org_a, cx_version):
    """A customer check with 20 customers, per-factor answers, and estimates of management and staff."""
    from assessments.outside_in.models import InternalEstimate

    team = factories.make_team(organisation=org_a, name="Desk")
    boss = factories.make_role(organisation=org_a, name="Directie", is_management=True)
    front = factories.make_role(organisation=org_a, name="Balie", order=1)
    assessment = factories.make_assessment(
        organisation=org_a, model_version=cx_version, teams=[team], roles=[boss, front]
    )
    check = CustomerCheck.objects.create(assessment=assessment, min_responses=10)
    grades = [10, 9, 9, 8, 8, 8, 7, 7, 7, 7, 6, 6, 5, 8, 9, 7, 8, 3, 7, 8]  # 20: 4 x 9+ = 20 %
    agree = [{"f1": v} for v in [5, 4, 4, 3, 2, 5, 4, 3, 3, 4, 5, 1, 2, 4, 4, 3, 2, 5, 4, 4]]  # 12 of 20 agree
    # Answers from both sides of the ease question's change: the earlier 1-7 question (mean 6) and the
    # 1-5 statement (12 of 20 agree: 60%), so the pages show both figures and the method break.
    ease = [a["f1"] for a in agree]
    add_customer_responses(make_link(check), grades, recommend=[9] * 20, effort=[6] * 20, ease=ease, factors=agree)
    for role, estimate in ((boss, (9, 60)), (front, (7, 25))):
        responses = factories.make_responses(assessment=assessment, answers=[{"f1s1": 4}] * 5, team=team, role=role)
        for response in responses:
            InternalEstimate.objects.create(response=response, grade=estimate[0], share_nine_plus=estimate[1])
    return assessment
