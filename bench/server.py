"""gunicorn serving the app with the production settings on 127.0.0.1 (load runs and the first visit)."""

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SECRET = "bench-" + "k" * 60


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "HTTPS", "ALLOWED_HOSTS", "SECRET_KEY")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        CXM_BENCH_BASELINE="1",
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="false",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


_STATIC = {}


def _collected_static(env, log):
    """Production settings serve the collected, hashed and compressed static files (as a deployment does after
    `collectstatic`), here from a throwaway folder: collected once per process (about a minute on a busy
    2-core machine), shared by every gunicorn the bench starts, removed when the process exits."""
    if "root" not in _STATIC:
        root = tempfile.mkdtemp(prefix="cxm-bench-static-")
        atexit.register(shutil.rmtree, root, True)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env={**env, "STATIC_ROOT": root},
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _STATIC["root"] = root
    return _STATIC["root"]


class Gunicorn:
    def __init__(self, database_url, workers, threads):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (open for the server's whole life)
            prefix="cxm-bench-gunicorn-", suffix=".log", delete=False
        )
        self.static_root = _collected_static(server_env(database_url), self.log)
        env = {**server_env(database_url), "STATIC_ROOT": self.static_root}
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "cxmaturity.wsgi:application",
                "--config",
                "python:cxmaturity.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/health/", timeout=2) as answer:  # noqa: S310 (local)
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
