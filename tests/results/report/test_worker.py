"""The report task through a real Celery worker and the Redis at 127.0.0.1:6379.

The test database of pytest-django lives in memory (SQLite) and cannot be seen by another process, so
this test works on its own SQLite file that every process shares: it migrates the file, creates the
data and requests the report in a subprocess (the task goes to Redis after commit), starts
`celery -A cxmaturity worker --pool=solo` on a private queue, and reads the result from the file.
That takes half a minute of CPU, so it runs in `make test-thorough` (and CI); `make test` runs its fast twin.
"""

import contextlib
import logging
import os
import secrets
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest
from celery.signals import worker_process_init, worker_process_shutdown

from assessments.results import tasks
from assessments.results.services import chart_export

REPO = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/7"
CELERY = Path(sys.executable).parent / "celery"

SETUP = """
import django
django.setup()
from assessments.results.services.reports import request_report
from tests import factories
from tests.results.report.builders import build_scenario
scenario = build_scenario(model_version=factories.make_model_version(code="workermodel", factors=3))
report = request_report(assessment=scenario.assessment, language="nl")
print(report.pk)
"""


def _redis_reachable():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False


def _report_row(db, report_id):
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute(
            "SELECT status, error, length(content), substr(content, 1, 5) FROM assessments_report WHERE id = ?",
            (report_id,),
        ).fetchone()


def test_a_worker_process_keeps_one_chart_browser_warm_until_it_shuts_down(caplog, settings):
    # The fast twin of the real-worker test below (which runs in `make test-thorough`): the same Celery
    # signals a worker process sends, and a real chart drawn in between. The queueing and the render by
    # report id are covered in test_executor.py and test_generation.py. With an idle period configured
    # the browser stays between drawings (the default 0 closes it after each report: test_chart_export).
    settings.CXM_CHART_BROWSER_IDLE_SECONDS = 600
    assert tasks.render_report_task.name == "assessments.render_report"  # the module a worker loads, signals and all
    chart_export.stop_warm()  # a fresh worker process starts without a browser
    with caplog.at_level(logging.INFO, logger="assessments.results.services.chart_export"):
        worker_process_init.send(sender=None)
        first = chart_export.figure_to_svg(figure=go.Figure(go.Bar(y=[1, 2])), width=200, height=150)
        assert chart_export.is_warm()
        second = chart_export.figure_to_svg(figure=go.Figure(go.Bar(y=[2, 1])), width=200, height=150)
    assert first.startswith("<svg")
    assert second.startswith("<svg")
    assert caplog.messages.count("Chart export: Chromium started and kept warm") == 1
    worker_process_shutdown.send(sender=None)
    assert not chart_export.is_warm()


@pytest.mark.thorough
@pytest.mark.celery_worker
@pytest.mark.skipif(
    not _redis_reachable(), reason="Redis at 127.0.0.1:6379 is not reachable; start it to run this test"
)
def test_a_real_worker_renders_the_report_with_a_warm_browser(tmp_path):
    queue = f"cxm-test-reports-{secrets.token_hex(4)}"
    db = tmp_path / "shared.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "cxmaturity.settings",
        "PYTHONPATH": str(REPO),
        "AXES_ENABLED": "false",
    }
    run = {"cwd": REPO, "env": env, "capture_output": True, "text": True, "timeout": 120}
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], **run)
    assert migrated.returncode == 0, migrated.stderr
    setup = subprocess.run([sys.executable, "-c", SETUP], **run)
    assert setup.returncode == 0, setup.stderr
    report_id = int(setup.stdout.strip().splitlines()[-1])
    # Without a worker the report waits: the task went to Redis, not inline.
    assert _report_row(db, report_id)[0] == "pending"

    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = subprocess.Popen(
            [str(CELERY), "-A", "cxmaturity", "worker", "--pool=solo", "-Q", queue, "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            row = _report_row(db, report_id)
            while row[0] in ("pending", "running") and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.5)
                row = _report_row(db, report_id)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
            import redis

            with contextlib.suppress(redis.RedisError):
                redis.Redis.from_url(REDIS_URL).delete(queue)
    log_text = log_path.read_text()
    status, error, size, head = row
    assert status == "done", f"{status}: {error}\n{log_text[-3000:]}"
    assert head == b"%PDF-"
    assert size > 10_000
    assert "Chart export: Chromium started and kept warm" in log_text
