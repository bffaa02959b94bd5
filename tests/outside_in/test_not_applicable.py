"""Customer questions only some customers can answer: "Not applicable", stored apart and left out of % agree;
and the questions say the organisation's name where the model says "this organisation"."""

import pytest

from assessments.outside_in.display import with_organisation
from assessments.outside_in.models import NOT_APPLICABLE, CustomerResponse
from assessments.outside_in.selectors import outside_in_summary
from models_9plus.models import Factor
from tests.outside_in.conftest import add_customer_responses, make_link
from tests.outside_in.test_customer_page import _post

pytestmark = pytest.mark.django_db


def _allow_not_applicable(version, code="f1"):
    Factor.objects.filter(version=version, code=code).update(customer_not_applicable=True)


def test_not_applicable_is_offered_only_where_the_model_allows_it(client, check, cx_version):
    _allow_not_applicable(cx_version)
    link = make_link(check)
    html = client.get(f"/c/{link.token}/?lang=nl").content.decode()
    assert html.count(f'value="{NOT_APPLICABLE}"') == 1
    assert 'name="factor_f1" value="na"' in html
    assert "Niet van toepassing" in html
    english = client.get(f"/c/{link.token}/?lang=en").content.decode()
    assert "Not applicable to me" in english


def test_not_applicable_answer_is_stored_as_such(client, check, cx_version):
    _allow_not_applicable(cx_version)
    link = make_link(check)
    response = _post(client, link, factor_f1=NOT_APPLICABLE, factor_f2="5")
    assert response.status_code == 302
    assert CustomerResponse.objects.get().factor_answers == {"f1": "na", "f2": 5}


def test_not_applicable_is_refused_server_side_where_the_model_does_not_allow_it(client, check, cx_version):
    _allow_not_applicable(cx_version)
    link = make_link(check)
    response = _post(client, link, factor_f2=NOT_APPLICABLE)
    assert response.status_code == 400
    assert CustomerResponse.objects.count() == 0


def test_not_applicable_is_left_out_of_the_denominator(check, cx_assessment):
    link = make_link(check)
    # 10 answered on the scale (6 agree) and 5 not applicable: 60 % agree of 10, not 40 % of 15.
    answers = [{"f1": v} for v in (5, 4, 4, 5, 4, 5, 3, 2, 1, 3)] + [{"f1": NOT_APPLICABLE}] * 5
    add_customer_responses(link, [8] * 15, factors=answers)
    view = outside_in_summary(assessment=cx_assessment, check=check).overall.factor("f1")
    assert (view.n, view.agree_share) == (10, pytest.approx(60.0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What this organisation promises, it delivers.", "What Acme Care promises, it delivers."),
        ("Wat deze organisatie belooft, maakt zij ook waar.", "Wat Acme Care belooft, maakt zij ook waar."),
        ("This organisation listens.", "Acme Care listens."),
        ("Deze organisatie luistert.", "Acme Care luistert."),
        ("The staff were kind.", "The staff were kind."),
    ],
)
def test_with_organisation(text, expected):
    assert with_organisation(text, "Acme Care") == expected


def test_the_form_and_the_page_say_the_organisations_name(client, check, cx_version, cx_assessment):
    Factor.objects.filter(version=cx_version, code="f1").update(
        customer_question_en="What this organisation promises, it delivers.",
        customer_question_nl="Wat deze organisatie belooft, maakt zij ook waar.",
    )
    link = make_link(check)
    assert "Wat Acme Care belooft, maakt zij ook waar." in client.get(f"/c/{link.token}/?lang=nl").content.decode()
    assert "What Acme Care promises, it delivers." in client.get(f"/c/{link.token}/?lang=en").content.decode()
    add_customer_responses(link, [8] * 10, factors=[{"f1": 4}] * 10)
    rows = outside_in_summary(assessment=cx_assessment, check=check).factors
    assert (rows[0].question("en"), rows[0].question("nl")) == (
        "What Acme Care promises, it delivers.",
        "Wat Acme Care belooft, maakt zij ook waar.",
    )


def test_answers_export_says_not_applicable(client_for, manager_a, check, cx_assessment):
    import csv
    import io

    add_customer_responses(make_link(check), [8] * 10, factors=[{"f1": NOT_APPLICABLE}] * 5 + [{"f1": 4}] * 5)
    content = client_for(manager_a).get(f"/a/{cx_assessment.public_id}/outside-in/export/answers.csv")
    rows = list(csv.reader(io.StringIO(content.content.decode("utf-8-sig"))))
    column = rows[0].index("f1")
    assert sorted(row[column] for row in rows[1:]) == ["4"] * 5 + ["not applicable"] * 5
