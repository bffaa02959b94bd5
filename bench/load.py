"""Load runs against gunicorn with the production settings on 127.0.0.1: the one-insert baseline, respondent
saves back to back, then paced saves (`bench/run.py --only load`)."""

import os

from django.db import connection

from bench.locust_runs import collect, run_locust, summarise
from bench.results import summary
from bench.urls import BASELINE_TABLE


def prepare_baseline_table():
    if connection.vendor == "sqlite":
        columns = (
            "id integer PRIMARY KEY AUTOINCREMENT, payload text NOT NULL, "
            "created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP"
        )
    else:
        columns = "id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now()"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {BASELINE_TABLE} ({columns})")


def _run(scenario, *, server, users, seconds, tokens=(), steps=None):
    process, workdir = run_locust(
        scenario=scenario, host=server.url, users=users, seconds=seconds, tokens=tokens, steps=steps
    )
    return summarise(collect(process, workdir))


def load_rows(*, server, users, seconds, tokens, paced_tokens, steps):
    """`len(tokens)` runs, each the one-insert baseline and then the respondent saves (users with fresh, started
    invitations: tokens[i]), back to back; the ratio is taken per run. Then as many paced runs."""
    prepare_baseline_table()
    pace = float(os.environ.get("BENCH_PACE", "1.0"))
    baselines, saves = [], []
    for run_tokens in tokens:
        baselines.append(_run("baseline", server=server, users=users, seconds=seconds))
        saves.append(_run("saves", server=server, users=users, seconds=seconds, tokens=run_tokens, steps=steps))
    paced_seconds = max(10, seconds // 2)
    paced = [
        _run("paced", server=server, users=users, seconds=paced_seconds, tokens=run_tokens, steps=steps)
        for run_tokens in paced_tokens
    ]
    label = f"{users} users, {seconds} s"

    def each(runs, key):
        return [r[key] for r in runs]

    def errors(runs):
        return [r["errors"] + r["setup_failures"] for r in runs]

    def statuses(runs):
        total = {}
        for r in runs:
            for status, count in r["statuses"].items():
                total[status] = total.get(status, 0) + count
        return f"statuses {dict(sorted(total.items()))}"

    ratios = [s["rps"] / b["rps"] if b["rps"] else 0.0 for s, b in zip(saves, baselines, strict=True)]
    return [
        summary(
            f"baseline (1 insert) {label}: requests/s",
            each(baselines, "rps"),
            unit="req/s",
            # SQLite has one write lock: concurrent writers queue on it (busy timeout 20 s) rather than fail.
            note="writers queue on SQLite's one write lock" if connection.vendor == "sqlite" else "",
        ),
        summary("baseline: p95 latency", each(baselines, "p95"), unit="ms"),
        summary("baseline: errors", errors(baselines), target=0, compare="==", unit="requests", every=True),
        summary(f"respondent saves {label}: requests/s", each(saves, "rps"), unit="req/s"),
        summary(
            "respondent saves / baseline (throughput)", ratios, target=0.5, compare=">=", unit="x", note="per run pair"
        ),
        summary("respondent saves: p50 latency", each(saves, "p50"), unit="ms"),
        summary(
            "respondent saves: p95 latency", each(saves, "p95"), unit="ms", note="closed loop: about users / throughput"
        ),
        summary("respondent saves: p99 latency", each(saves, "p99"), unit="ms"),
        summary(
            "respondent saves: errors",
            errors(saves),
            target=0,
            compare="==",
            unit="requests",
            every=True,
            note=statuses(saves),
        ),
        summary(
            f"paced saves ({users} users, ~{pace:g} s pause, {paced_seconds} s): requests/s",
            each(paced, "rps"),
            unit="req/s",
        ),
        summary("paced saves: p50 latency", each(paced, "p50"), unit="ms"),
        summary("paced saves: p95 latency", each(paced, "p95"), target=120, unit="ms"),
        summary("paced saves: p99 latency", each(paced, "p99"), unit="ms"),
        summary(
            "paced saves: errors",
            errors(paced),
            target=0,
            compare="==",
            unit="requests",
            every=True,
            note=statuses(paced),
        ),
    ], {"baseline": baselines, "saves": saves, "paced": paced}
