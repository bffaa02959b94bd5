"""Burst runs: parallel saves of the same page version and double submits on one response, over HTTP against
gunicorn; nothing duplicated, nothing lost, one submit counted."""

import threading

import requests

from bench.locust_runs import open_and_start
from bench.pages import page_fields
from bench.results import summary


def burst_rows(*, server, tokens, steps, parallel=20):
    """`len(tokens)` runs of parallel saves and double submits, each on its own response: every run must
    accept one save, duplicate or lose nothing, count one submit and refuse a save after it."""
    runs = [_burst_run(server=server, token=token, steps=steps, parallel=parallel) for token in tokens]

    def each(key):
        return [r[key] for r in runs]

    return [
        summary(
            f"burst: {parallel} parallel saves, same version: accepted",
            each("winners"),
            target=1,
            compare="==",
            unit="saves",
            every=True,
            note=f"others answered {sorted({s for r in runs for s in r['others']})}",
        ),
        summary("burst: duplicate or lost answers", each("broken"), target=0, compare="==", unit="answers", every=True),
        summary(
            f"burst: {parallel} parallel submits counted",
            each("submits"),
            target=1,
            compare="==",
            unit="submits",
            every=True,
            note=f"statuses {sorted({s for r in runs for s in r['submit_statuses']})}",
        ),
        summary(
            "burst: save after submit changed nothing",
            each("late_ok"),
            target=1,
            compare="==",
            unit="yes=1",
            every=True,
        ),
    ]


def _burst_run(*, server, token, steps, parallel):
    """Double submits and parallel saves on one response: no duplicate and no lost answer."""
    from assessments.core.tokens import hash_token
    from assessments.questionnaire.models import Answer, Assessment, FactorAmbition, Response

    prepared = open_and_start(server.url, token)
    csrf = prepared["csrf"]
    session = requests.Session()
    session.cookies.update(prepared["cookies"])
    headers = {"X-CSRFToken": csrf, "Accept": "application/json"}
    step = 1
    codes = steps[step]["codes"]
    results = [None] * parallel
    barrier = threading.Barrier(parallel)

    def save(i):
        fields = page_fields(steps[step], None, current=1 + (i % 5), ambition=5)
        barrier.wait()
        answer = session.post(
            f"{server.url}/r/save/", json={"step": step, "version": 0, "fields": fields}, headers=headers, timeout=60
        )
        results[i] = (answer.status_code, fields)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    response = Response.objects.get(access_key_hash=hash_token(token, purpose="response"))
    winners = [fields for status, fields in results if status == 200]
    answers = list(Answer.objects.filter(response=response).values_list("statement__code", "current", "ambition"))
    stored = {f"c-{c}": str(cur) for c, cur, _ in answers}
    if steps[step]["factor_ambition"]:
        stored |= {
            f"fa-{code}": str(value)
            for code, value in FactorAmbition.objects.filter(response=response).values_list("factor__code", "value")
        }
    else:
        stored |= {f"a-{c}": str(amb) for c, _, amb in answers}
    duplicates = len(answers) - len({c for c, _, _ in answers})
    lost = 0 if len(winners) == 1 and stored == winners[0] else 1
    others = sorted({status for status, _ in results if status != 200})

    before = Assessment.objects.get(pk=response.assessment_id).data_version
    submit_statuses = [None] * parallel
    barrier = threading.Barrier(parallel)

    def submit(i):
        barrier.wait()
        answer = session.post(
            f"{server.url}/r/submit/", data={"csrfmiddlewaretoken": csrf}, timeout=60, allow_redirects=False
        )
        submit_statuses[i] = answer.status_code

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = Assessment.objects.get(pk=response.assessment_id).data_version
    response.refresh_from_db()
    late = session.post(
        f"{server.url}/r/save/",
        json={"step": step, "version": response.version, "fields": {f"c-{codes[0]}": "1"}},
        headers=headers,
        timeout=30,
    )
    unchanged = dict(Answer.objects.filter(response=response).values_list("statement__code", "current"))
    return {
        "winners": len(winners),
        "others": others,
        "broken": duplicates + lost,
        "submits": after - before,
        "submit_statuses": sorted({s for s in submit_statuses if s is not None}),
        "late_ok": int(late.status_code == 409 and unchanged[codes[0]] == int(stored[f"c-{codes[0]}"])),
    }
