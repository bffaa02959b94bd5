"""Fault runs (PostgreSQL only): a load run during which the database server is crash-restarted; every
acknowledged save must still be stored afterwards, and no save may get a 500 page."""

import time

from django.db import connection

from bench.locust_runs import collect, run_locust
from bench.results import summary


def _fault_run(*, server, cluster, users, seconds, tokens, steps):
    process, workdir = run_locust(
        scenario="fault", host=server.url, users=users, seconds=seconds, tokens=tokens, steps=steps
    )
    time.sleep(max(seconds / 3, 8))
    outage = cluster.crash_restart(outage_seconds=3.0)
    record = collect(process, workdir)
    connection.close()  # our own connection died with the server
    statuses = {int(k): v for k, v in record["statuses"].items()}
    return {
        "acks": len(record["acks"]),
        "lost": count_lost(tokens, record),
        "outage": outage,
        "statuses": statuses,
        "refused": statuses.get(503, 0),
        "server_errors": sum(v for k, v in statuses.items() if k >= 500 and k != 503)
        + record["server_errors_with_trace"],
    }


def fault_rows(*, server, cluster, users, seconds, tokens, steps):
    """`len(tokens)` runs, each crash-restarting PostgreSQL a third into a load run: every acknowledged save
    must be stored, and no save may get a 500 page."""
    runs = [
        _fault_run(server=server, cluster=cluster, users=users, seconds=seconds, tokens=run_tokens, steps=steps)
        for run_tokens in tokens
    ]
    outages = ", ".join(f"{r['outage']:.1f}" for r in runs)
    return [
        summary(
            "fault: saves acknowledged during the run",
            [r["acks"] for r in runs],
            unit="saves",
            note=f"PostgreSQL down {outages} s (crash + recovery)",
        ),
        summary(
            "fault: acknowledged saves missing afterwards",
            [r["lost"] for r in runs],
            target=0,
            compare="==",
            unit="saves",
            every=True,
        ),
        summary(
            "fault: saves refused with 503 during the outage",
            [r["refused"] for r in runs],
            unit="requests",
            note="retried by the client until stored",
        ),
        summary(
            "fault: 500 pages / stack traces",
            [r["server_errors"] for r in runs],
            target=0,
            compare="==",
            unit="requests",
            every=True,
            note=f"statuses {[r['statuses'] for r in runs]}",
        ),
    ], runs


def count_lost(tokens, record):
    """Acknowledged saves (locustfile's fault scenario) whose answers are not in the database now."""
    from assessments.core.tokens import hash_token
    from assessments.questionnaire.models import Answer, FactorAmbition, Response

    acks, attempts = record["acks"], record["attempts"]
    by_key = {}
    for attempt in attempts:
        by_key.setdefault((attempt["token"], attempt["step"]), []).append(attempt)
    last_ack = {}
    for ack in acks:
        key = (ack["token"], ack["step"])
        if key not in last_ack or ack["seq"] > last_ack[key]["seq"]:
            last_ack[key] = ack
    responses = {
        r.access_key_hash: r
        for r in Response.objects.filter(access_key_hash__in=[hash_token(t, purpose="response") for t in tokens])
    }
    stored = {}
    for response_id, code, current, ambition in Answer.objects.filter(response__in=responses.values()).values_list(
        "response_id", "statement__code", "current", "ambition"
    ):
        stored[(response_id, f"c-{code}")] = "" if current is None else str(current)
        stored[(response_id, f"a-{code}")] = "" if ambition is None else str(ambition)
    for response_id, code, value in FactorAmbition.objects.filter(response__in=responses.values()).values_list(
        "response_id", "factor__code", "value"
    ):
        stored[(response_id, f"fa-{code}")] = "" if value is None else str(value)
    lost = 0
    max_version = {}
    for ack in acks:
        max_version[ack["token"]] = max(max_version.get(ack["token"], 0), ack["version"])
    for (token, step), ack in last_ack.items():
        response = responses.get(hash_token(token, purpose="response"))
        if response is None:
            lost += 1
            continue
        values = {name: stored.get((response.pk, name)) for name in ack["fields"]}
        later = [a["fields"] for a in by_key.get((token, step), []) if a["seq"] > ack["seq"]]
        if values != ack["fields"] and not any(values == fields for fields in later):
            lost += 1
        if response.version < max_version[token]:
            lost += 1
    return lost
