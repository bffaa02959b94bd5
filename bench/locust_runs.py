"""Running locust headless against gunicorn on 127.0.0.1 (bench/locustfile.py says what each scenario's users
do), and the respondents' sessions it starts from: each invitation opened and its survey started beforehand."""

import json
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bench.server import VENV_BIN

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def open_and_start(base_url, token):
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
        return list(pool.map(lambda token: open_and_start(base_url, token), tokens))


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
