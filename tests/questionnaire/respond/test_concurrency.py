"""Real concurrency on PostgreSQL: row locks make parallel saves and submits safe."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from assessments.questionnaire.models import Answer, Response
from assessments.questionnaire.services import responses as service
from tests.questionnaire.respond.builders import make_survey

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def run_together(*functions):
    """Runs the functions in threads released at the same moment; returns their results in order."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # reported, never swallowed: the test asserts on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def browser_for(survey):
    """A device that opened the link and is past the start page."""
    client = Client()
    client.get(survey.link)
    client.post("/r/start/")
    return client


def save(client, version, fields, step=1):
    return client.post(
        "/r/save/",
        data=json.dumps({"step": step, "version": version, "fields": fields}),
        content_type="application/json",
    )


@pytest.fixture
def survey(org_a, model_version):
    return make_survey(organisation=org_a, model_version=model_version)


def test_two_devices_saving_the_same_version_at_once(survey):
    for round_number in range(5):
        first, second = browser_for(survey), browser_for(survey)
        version = Response.objects.get().version

        results = run_together(
            lambda first=first, v=version: save(first, v, {"c-f1s1": "1", "c-f1s2": "1"}),
            lambda second=second, v=version: save(second, v, {"c-f1s1": "5", "c-f1s3": "5"}),
        )

        statuses = sorted(r.status_code for r in results)
        assert statuses == [200, 409], round_number
        winner = next(r for r in results if r.status_code == 200)
        loser = next(r for r in results if r.status_code == 409)
        assert loser.json()["version"] == winner.json()["version"] == version + 1
        # The winner's answers are stored completely, the loser's not at all (it will merge and retry).
        stored = dict(Answer.objects.values_list("statement__code", "current"))
        assert stored["f1s1"] in (1, 5)
        assert ("f1s2" in stored) == (stored["f1s1"] == 1)
        assert ("f1s3" in stored) == (stored["f1s1"] == 5)
        assert Answer.objects.filter(statement__code="f1s1").count() == 1
        Answer.objects.all().delete()


def test_many_parallel_saves_of_different_statements_lose_nothing(survey):
    browser_for(survey)
    response = Response.objects.get()
    statements = {s.code: s.pk for s in survey.statements(factor_order=1)}

    def saver(code):
        # Each "tab" retries on conflict with the newest version, as respond.js does.
        for _attempt in range(50):
            current = Response.objects.get(pk=response.pk).version
            try:
                return service.save_answers(
                    response=response,
                    step=1,
                    answers={statements[code]: {"current": 3}},
                    comments={},
                    base_version=current,
                )
            except service.VersionConflict:
                continue
        raise AssertionError("never saved")

    results = run_together(*[lambda code=code: saver(code) for code in statements])

    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(Answer.objects.values_list("statement__code", flat=True)) == sorted(statements)
    assert Response.objects.get().version == len(statements)


def test_save_racing_submit(survey):
    for _round in range(5):
        Response.objects.all().delete()
        survey.invitation.completed_on = None
        survey.invitation.save()
        tab_a, tab_b = browser_for(survey), browser_for(survey)
        save(tab_a, 0, {"c-f1s1": "2"})

        results = run_together(
            lambda tab_a=tab_a: tab_a.post("/r/submit/"),
            lambda tab_b=tab_b: save(tab_b, 1, {"c-f1s2": "4"}),
        )

        submit_result, save_result = results
        assert submit_result.status_code == 302
        assert save_result.status_code in (200, 409)
        stored = dict(Answer.objects.values_list("statement__code", "current"))
        if save_result.status_code == 200:
            assert stored == {"f1s1": 2, "f1s2": 4}  # saved before the submit: part of the response
        else:
            assert save_result.json()["submitted"] is True
            assert stored == {"f1s1": 2}
        assert Response.objects.get().submitted_at is not None


def test_double_submit_at_once_submits_once(survey):
    first, second = browser_for(survey), browser_for(survey)
    save(first, 0, {"c-f1s1": "2", "c-f1s2": "3"})

    results = run_together(lambda: first.post("/r/submit/"), lambda: second.post("/r/submit/"))

    assert [r.status_code for r in results] == [302, 302]
    assert Response.objects.filter(submitted_at__isnull=False).count() == 1
    assert Answer.objects.count() == 2
    survey.assessment.refresh_from_db()
    assert survey.assessment.data_version == 1


def test_two_tabs_pressing_start_at_once_make_one_response(survey):
    first, second = Client(), Client()
    first.get(survey.link)
    second.get(survey.link)

    results = run_together(lambda: first.post("/r/start/"), lambda: second.post("/r/start/"))

    assert [r.status_code for r in results] == [302, 302]
    assert Response.objects.count() == 1
