"""Respondent pages run a fixed number of queries, however many statements a factor has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.questionnaire.respond.builders import make_survey

pytestmark = pytest.mark.django_db


def queries_for(client, org, statements, paths):
    version = factories.make_model_version(code=f"m{statements}", factors=3, statements=statements)
    survey = make_survey(organisation=org, model_version=version)
    client.get(survey.link)
    client.post("/r/start/")
    client.post("/r/step/1/", {"version": 0, **{f"c-f1s{i}": "3" for i in range(1, statements + 1)}})
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts[path] = len(captured)
    return counts


@pytest.mark.parametrize("path", ["/r/start/", "/r/step/1/", "/r/review/"])
def test_query_count_does_not_grow_with_statements(org_a, org_b, client, path):
    from django.test import Client

    few = queries_for(client, org_a, 1, [path])[path]
    many = queries_for(Client(), org_b, 12, [path])[path]

    assert few == many


def test_step_page_query_count(org_a, client, django_assert_num_queries):
    version = factories.make_model_version(code="counted", factors=3, statements=6)
    survey = make_survey(organisation=org_a, model_version=version)
    client.get(survey.link)
    client.post("/r/start/")

    # session, invitation, response, factors, statements, scale options, roles, answers, comment,
    # the factor's level texts and the levels
    with django_assert_num_queries(11):
        assert client.get("/r/step/2/").status_code == 200


# The background save's query count (2 on PostgreSQL) is in test_save_cookie.py: it is counted outside a
# test transaction, as in production.
