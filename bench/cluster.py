"""`make bench-cluster`: several app nodes behind HAProxy, proven under load (bench/README.md, "Cluster").

Starts, from the files in deploy/ (only the addresses change): HAProxy (deploy/haproxy.cfg), NODES gunicorn
nodes (deploy/gunicorn.sh, each its own process group and port), one Celery worker (deploy/celery-worker.sh)
and one beat (deploy/celery-beat.sh), all with deploy/cxmaturity.env; PostgreSQL on 127.0.0.1:5432 (its own
database, dropped and created again) and Redis on 127.0.0.1:6379 (two databases of its own, flushed).
Then, through the proxy: respondents save back to back; a third in, one node is killed (SIGKILL on its
whole process group) and started again; two thirds in, every node is restarted in turn by
deploy/rolling_restart.py. Afterwards every acknowledged save must be in the database, no page may be a 5xx,
and each respondent submits twice at once (on two nodes): every submit must count once. Then the cross-node
checks: a session, a PDF, the sign-in rate limit and the sign-in lockout.

Usage: .venv/bin/python bench/cluster.py [--seconds 45] [--users 20] [--nodes 2]
"""

import argparse
import contextlib
import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEPLOY = ROOT / "deploy"
PG = os.environ.get("BENCH_CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_CLUSTER_DATABASE", "cxm_bench_cluster")
REDIS = os.environ.get("BENCH_CLUSTER_REDIS", "redis://127.0.0.1:6379")
REDIS_DBS = (13, 14)  # cache and rate limits; Celery's broker
SECRET = "bench-cluster-" + "s" * 60
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_env_file(path=DEPLOY / "cxmaturity.env"):
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def cluster_env(workdir):
    """deploy/cxmaturity.env with this machine's addresses (and a throwaway secret, static and beat folder)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "HTTPS", "ALLOWED_HOSTS", "SECRET_KEY")}
    env.update(read_env_file())
    env.update(
        SECRET_KEY=SECRET,
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=f"{REDIS}/{REDIS_DBS[0]}",
        CELERY_BROKER_URL=f"{REDIS}/{REDIS_DBS[1]}",
        CELERY_BEAT_SCHEDULE_FILE=str(workdir / "celerybeat-schedule"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
        VENV=str(Path(sys.executable).parent.parent),
        # Five wrong passwords lock an account (the default is 10, the same as the sign-in rate limit a
        # minute: with 10 the bench could not tell the lockout from the rate limit).
        AXES_FAILURE_LIMIT="5",
    )
    return env


def haproxy_config(text, *, bind, servers, stats_socket):
    """deploy/haproxy.cfg with other addresses: the only change the bench makes."""
    text = re.sub(r"^(\s*bind )\S+", lambda m: m.group(1) + bind, text, flags=re.M)
    text = re.sub(r"stats socket \S+", f"stats socket {stats_socket}", text)
    for name, address in servers.items():
        text = re.sub(rf"^(\s*server {name} )\S+", lambda m, a=address: m.group(1) + a, text, flags=re.M)
    return text


class Process:
    def __init__(self, name, command, env, log_dir):
        self.name, self.command, self.env = name, command, env
        self.log_path = log_dir / f"{name}.log"
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wait_healthy(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/health/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not become healthy")


def _load_rolling_restart():
    spec = importlib.util.spec_from_file_location("rolling_restart", DEPLOY / "rolling_restart.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def flush_redis(db):
    import redis

    redis.Redis.from_url(f"{REDIS}/{db}").flushdb()


class Cluster:
    def __init__(self, env, workdir, nodes):
        self.env, self.workdir = env, workdir
        self.ports = {f"node{i + 1}": _free_port() for i in range(nodes)}
        self.node_urls = {name: f"http://127.0.0.1:{port}" for name, port in self.ports.items()}
        self.proxy_port = _free_port()
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        self.socket = str(workdir / "haproxy.sock")
        self.nodes = {
            name: Process(name, ["sh", "deploy/gunicorn.sh", f"127.0.0.1:{port}"], env, workdir)
            for name, port in self.ports.items()
        }
        self.others = [
            Process("worker", ["sh", "deploy/celery-worker.sh"], env, workdir),
            Process("beat", ["sh", "deploy/celery-beat.sh"], env, workdir),
        ]
        config = haproxy_config(
            (DEPLOY / "haproxy.cfg").read_text(),
            bind=f"127.0.0.1:{self.proxy_port}",
            servers={name: f"127.0.0.1:{port}" for name, port in self.ports.items()},
            stats_socket=self.socket,
        )
        (workdir / "haproxy.cfg").write_text(config)
        self.proxy = Process("haproxy", ["haproxy", "-db", "-f", str(workdir / "haproxy.cfg")], env, workdir)

    def start(self):
        for process in [*self.nodes.values(), *self.others]:
            process.start()
        for url in self.node_urls.values():
            wait_healthy(url)
        self.proxy.start()
        wait_healthy(self.url)
        time.sleep(2.5)  # HAProxy's health checks (rise 2, every second) see every node up
        return self

    def restart_node(self, name, sig=signal.SIGTERM):
        """Stops a node (SIGTERM: gunicorn finishes its requests; SIGKILL: a crash) and starts it again."""
        self.nodes[name].kill(sig)
        self.nodes[name].start()
        wait_healthy(self.node_urls[name])

    def stop(self):
        for process in [self.proxy, *self.nodes.values(), *self.others]:
            process.kill(signal.SIGTERM)


def fault_run(cluster, *, users, seconds, tokens, steps):
    """Respondents save through the proxy; a node is SIGKILLed and comes back; then a rolling restart."""
    from bench.fault import count_lost
    from bench.locust_runs import collect, run_locust

    rolling = _load_rolling_restart()
    process, workdir = run_locust(
        scenario="fault", host=cluster.url, users=users, seconds=seconds, tokens=tokens, steps=steps
    )
    load_started = time.monotonic()
    events = {}
    time.sleep(seconds / 4)
    started = time.monotonic()
    cluster.nodes["node1"].kill(signal.SIGKILL)
    time.sleep(3)
    cluster.nodes["node1"].start()
    wait_healthy(cluster.node_urls["node1"])
    events["node1 down (s)"] = time.monotonic() - started
    time.sleep(5)
    started = time.monotonic()
    rolling.rolling_restart(cluster.socket, list(cluster.nodes), cluster.restart_node)
    events["rolling restart (s)"] = time.monotonic() - started
    # Both faults must fall inside the load, or they prove nothing.
    events["load left after the restart (s)"] = seconds - (time.monotonic() - load_started)
    backend = rolling.server_stats(cluster.socket, "BACKEND")
    events["retried"] = int(backend.get("wretr") or 0)
    events["redispatched"] = int(backend.get("wredis") or 0)
    record = collect(process, workdir)
    sessions = json.loads((workdir / "tokens.json").read_text())
    lost = count_lost(tokens, record)
    statuses = {int(k): v for k, v in record["statuses"].items()}
    return {
        "requests": sum(statuses.values()),
        "acks": len(record["acks"]),
        "lost": lost,
        "statuses": statuses,
        "server_errors": sum(v for k, v in statuses.items() if k >= 500 or k == 0),
        "events": events,
        "sessions": sessions,
    }


def double_submits(cluster, sessions):
    """Each respondent submits twice at the same moment, once on each of two nodes: each counts once."""
    from assessments.core.tokens import hash_token
    from assessments.questionnaire.models import Assessment, Response

    first = Response.objects.get(access_key_hash=hash_token(sessions[0]["token"], purpose="response"))
    before = Assessment.objects.get(pk=first.assessment_id).data_version
    urls = list(cluster.node_urls.values())[:2]
    statuses = []

    def submit(session, url, barrier):
        client = requests.Session()
        client.cookies.update(session["cookies"])
        barrier.wait()
        answer = client.post(
            f"{url}/r/submit/", data={"csrfmiddlewaretoken": session["csrf"]}, timeout=60, allow_redirects=False
        )
        statuses.append(answer.status_code)

    for session in sessions:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=submit, args=(session, url, barrier)) for url in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    hashes = [hash_token(s["token"], purpose="response") for s in sessions]
    submitted = Response.objects.filter(access_key_hash__in=hashes, submitted_at__isnull=False).count()
    after = Assessment.objects.get(pk=first.assessment_id).data_version
    return {
        "respondents": len(sessions),
        "submitted": submitted,
        "counted": after - before,
        "twice": (after - before) - submitted,
        "statuses": sorted(set(statuses)),
    }


def _sign_in(url, email, password, client=None):
    client = client or requests.Session()
    page = client.get(f"{url}/accounts/login/", timeout=30)
    csrf = CSRF_RE.search(page.text).group(1)
    answer = client.post(
        f"{url}/accounts/login/",
        data={"csrfmiddlewaretoken": csrf, "login": email, "password": password},
        headers={"Referer": f"{url}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    return client, answer


def cross_node_checks(cluster, *, assessment, manager_email, password):
    """A session, a PDF, the sign-in rate limit and the lockout, each begun on one node and checked on another."""
    one, two = list(cluster.node_urls.values())[:2]
    results = {}
    report_url = f"/a/{assessment.public_id}/report/"

    # Session: signed in on node 1, a member page on node 2.
    client, answer = _sign_in(one, manager_email, password)
    page = client.get(f"{two}{report_url}", timeout=30, allow_redirects=False)
    results["session"] = answer.status_code == 302 and page.status_code == 200
    results["session_note"] = f"sign-in on node1 {answer.status_code}, report page on node2 {page.status_code}"

    # PDF: asked on node 1, rendered by the Celery worker, polled and downloaded on node 2.
    match = CSRF_RE.search(page.text)
    csrf = match.group(1) if match else client.cookies.get("csrftoken", "")
    asked = client.post(
        f"{one}{report_url}",
        data={"csrfmiddlewaretoken": csrf, "language": "en", "kind": "pdf"},
        headers={"Referer": f"{one}{report_url}"},
        timeout=30,
        allow_redirects=False,
    )
    status, started = {}, time.monotonic()
    while time.monotonic() - started < 180:
        status = client.get(f"{two}{report_url}status/", params={"language": "en"}, timeout=30).json()
        if status.get("status") in ("done", "failed"):
            break
        time.sleep(1)
    pdf = client.get(f"{two}{status.get('download_url', '')}", timeout=60) if status.get("download_url") else None
    results["pdf"] = bool(pdf is not None and pdf.status_code == 200 and pdf.content.startswith(b"%PDF"))
    results["pdf_seconds"] = time.monotonic() - started
    results["pdf_note"] = f"asked on node1 ({asked.status_code}), {status.get('status')} on node2"

    # Rate limit: 10 sign-in posts a minute per address, counted in Redis: alternate nodes, the 11th is refused.
    flush_redis(REDIS_DBS[0])
    limited_at = None
    for i in range(1, 16):
        _, answer = _sign_in((one, two)[i % 2], f"nobody{i}@example.org", "wrong-password")
        if answer.status_code == 429:
            limited_at = i
            break
    results["rate_limit"] = limited_at
    flush_redis(REDIS_DBS[0])

    # Lockout: 5 wrong passwords for one account, alternating nodes; then the right one on node 2 is refused.
    for i in range(5):
        _sign_in((one, two)[i % 2], manager_email, "wrong-password")
    client, answer = _sign_in(two, manager_email, password)
    page = client.get(f"{one}{report_url}", timeout=30, allow_redirects=False)
    results["lockout"] = answer.status_code != 302 and page.status_code == 302
    results["lockout_note"] = f"right password on node2 after 5 wrong: {answer.status_code}"
    flush_redis(REDIS_DBS[0])
    return results


def rows_for(nodes, fault, submits, checks, seconds, users):
    from bench.results import row

    return [
        row(
            "cluster: app nodes behind HAProxy",
            nodes,
            unit="nodes",
            note="+ 1 Celery worker, 1 beat, Redis, PostgreSQL",
        ),
        row(
            f"cluster: saves through the proxy ({users} users, {seconds} s)",
            fault["requests"],
            unit="requests",
            note=f"node1 SIGKILLed, back after {fault['events']['node1 down (s)']:.1f} s; "
            f"rolling restart {fault['events']['rolling restart (s)']:.1f} s",
        ),
        row(
            "cluster: load left after the rolling restart",
            fault["events"]["load left after the restart (s)"],
            target=0,
            compare=">=",
            unit="s",
            note="both faults happened under load",
        ),
        row(
            "cluster: requests HAProxy retried / sent to another node",
            fault["events"]["retried"] + fault["events"]["redispatched"],
            unit="requests",
            note=f"retried {fault['events']['retried']}, redispatched {fault['events']['redispatched']} "
            "(retry-on conn-failure empty-response junk-response)",
        ),
        row("cluster: acknowledged saves", fault["acks"], unit="saves"),
        row("cluster: acknowledged saves lost", fault["lost"], target=0, compare="==", unit="saves"),
        row(
            "cluster: 5xx pages or dropped connections",
            fault["server_errors"],
            target=0,
            compare="==",
            unit="requests",
            note=f"statuses {fault['statuses']}"
            + (
                " (409: a save resent by HAProxy after its node stored it; the page accepts it)"
                if 409 in fault["statuses"]
                else ""
            ),
        ),
        row(
            f"cluster: submits counted twice ({submits['respondents']} respondents x 2 nodes at once)",
            submits["twice"],
            target=0,
            compare="==",
            unit="submits",
            note=f"{submits['submitted']} submitted, {submits['counted']} counted; statuses {submits['statuses']}",
        ),
        row(
            "cluster: sign-in rate limit across nodes (refused at post no.)",
            checks["rate_limit"],
            target=11,
            compare="==",
            unit="post",
            note="10 a minute per address; posts alternate node1/node2",
        ),
        row(
            "cluster: lockout across nodes",
            int(checks["lockout"]),
            target=1,
            compare="==",
            unit="yes=1",
            note=checks["lockout_note"],
        ),
        row(
            "cluster: PDF asked on node1, served by node2",
            int(checks["pdf"]),
            target=1,
            compare="==",
            unit="yes=1",
            note=checks["pdf_note"],
        ),
        row(
            "cluster: session from node1 continues on node2",
            int(checks["session"]),
            target=1,
            compare="==",
            unit="yes=1",
            note=checks["session_note"],
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_CLUSTER_SECONDS", "150")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_CLUSTER_USERS", "20")))
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--no-readme", action="store_true", help="print only; leave the READMEs alone")
    args = parser.parse_args()
    if args.nodes < 2:
        parser.error("a cluster has at least two nodes")

    os.chdir(ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="cxm-bench-cluster-"))
    env = cluster_env(workdir)
    print(f"Database {DATABASE} on {PG}, Redis {REDIS} db {REDIS_DBS}; logs in {workdir}", flush=True)
    recreate_database()
    for db in REDIS_DBS:
        flush_redis(db)
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
    import django

    django.setup()
    from django.core.management import call_command

    from bench import data
    from tests.factories import DEFAULT_PASSWORD

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    version, _ = data.model_version()
    report_assessment = data.refresh(data.build_organisation(name="Org 10", version=version, respondents=10, seed=10))
    manager = data.manager_for(report_assessment)
    _, tokens = data.build_load_assessment(version=version, invitations=args.users)
    steps = data.statement_codes_by_step(version)

    cluster = Cluster(env, workdir, args.nodes)
    try:
        print(f"Starting HAProxy, {args.nodes} gunicorn nodes, a Celery worker and beat...", flush=True)
        cluster.start()
        print(f"Load: {args.users} users x {args.seconds} s through the proxy, a node killed, a rolling restart...")
        fault = fault_run(cluster, users=args.users, seconds=args.seconds, tokens=tokens, steps=steps)
        submits = double_submits(cluster, fault["sessions"])
        print("Cross-node checks: session, PDF, rate limit, lockout...", flush=True)
        checks = cross_node_checks(
            cluster, assessment=report_assessment, manager_email=manager.email, password=DEFAULT_PASSWORD
        )
    finally:
        cluster.stop()
        from django.db import connections

        connections.close_all()
    rows = rows_for(args.nodes, fault, submits, checks, args.seconds, args.users)
    from bench.results import table

    print()
    print(table(rows))
    missing = [r["name"] for r in rows if r["met"] is False]
    print("Targets not met: " + ("; ".join(missing) if missing else "none"))
    if not args.no_readme:
        write_readmes(rows, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    return 1 if missing else 0


def _markdown(rows):
    from bench.results import _fmt

    lines = ["| measurement | value | target | met | note |", "|---|---|---|---|---|"]
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        value = "" if r["value"] is None else f"{_fmt(r['value'])} {r['unit']}".strip()
        lines.append(f"| {r['name']} | {value} | {r['target_text']} | {met} | {r['note']} |")
    return "\n".join(lines)


def write_readmes(rows, when):
    """The table between the cluster-bench markers of the README and bench/README.md, and as JSON."""
    (ROOT / "bench" / "results" / "cluster.json").write_text(json.dumps({"finished": when, "rows": rows}, indent=1))
    block = (
        "<!-- cluster-bench:start -->\n"
        f"Measured {when} on this machine ({os.cpu_count()} CPUs) by `make bench-cluster`:\n\n"
        + _markdown(rows)
        + "\n<!-- cluster-bench:end -->"
    )
    for path in (ROOT / "README.md", ROOT / "bench" / "README.md"):
        text = path.read_text()
        if "<!-- cluster-bench:start -->" in text:
            text = re.sub(
                r"<!-- cluster-bench:start -->.*?<!-- cluster-bench:end -->", lambda m: block, text, flags=re.S
            )
            path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
