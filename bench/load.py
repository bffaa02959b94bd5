"""Load, fault and burst runs against gunicorn with the production settings on 127.0.0.1."""

import json
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from django.db import connection

from bench.pages import page_fields
from bench.results import summary
from bench.server import VENV_BIN
from bench.urls import BASELINE_TABLE

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _open_and_start(base_url, token):
    """What a respondent does before the first save: open the link, press start."""
    session = requests.Session()
    session.get(f"{base_url}/r/{token}/", timeout=60)
    page = session.get(f"{base_url}/r/start/", timeout=60)
    match = CSRF_RE.search(page.text)
    if page.status_code != 200 or not match:
        raise RuntimeError(f"the start page answered {page.status_code}")
    session.post(f"{base_url}/r/start/", data={"csrfmiddlewaretoken": match.group(1)}, timeout=60)
    return {"token": token, "csrf": match.group(1), "version": 0, "cookies": session.cookies.get_dict()}


def prepare_sessions(base_url, tokens):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda token: _open_and_start(base_url, token), tokens))


def run_locust(*, scenario, host, users, seconds, tokens=(), steps=None):
    """Runs locust headless in a subprocess; returns what the users recorded (see locustfile)."""
    workdir = Path(tempfile.mkdtemp(prefix="cxm-bench-locust-"))
    sessions = prepare_sessions(host, tokens) if tokens else []
    (workdir / "tokens.json").write_text(json.dumps(sessions))
    (workdir / "steps.json").write_text(json.dumps(steps or {}))
    env = {
        **os.environ,
        "BENCH_SCENARIO": scenario,
        "BENCH_TOKENS": str(workdir / "tokens.json"),
        "BENCH_STEPS": str(workdir / "steps.json"),
        "BENCH_OUT": str(workdir / "out.json"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(Path(__file__).parent / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--host",
        host,
        "--only-summary",
        "--stop-timeout",
        "5",
        "--loglevel",
        "ERROR",
    ]
    process = subprocess.Popen(
        command, env=env, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, workdir


def collect(process, workdir):
    output, _ = process.communicate(timeout=600)
    out = workdir / "out.json"
    if not out.exists():
        raise RuntimeError("locust wrote no results:\n" + output.decode(errors="replace")[-3000:])
    return json.loads(out.read_text())


def summarise(record):
    latencies = sorted(record["latencies_ms"])
    count = len(latencies)
    span = max((record["last"] or 0) - (record["first"] or 0), 1e-9)
    statuses = {int(k): v for k, v in record["statuses"].items()}
    errors = sum(v for k, v in statuses.items() if k != 200)

    def pct(p):
        if not latencies:
            return None
        return latencies[min(count - 1, int(round(p / 100 * count + 0.5)) - 1)]

    return {
        "requests": count,
        "rps": count / span,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "errors": errors,
        "statuses": statuses,
        "setup_failures": record.get("setup_failures", 0),
    }


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

    prepared = _open_and_start(server.url, token)
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


def median(values):
    return statistics.median(values) if values else None
