"""deploy/: the files `make bench-cluster` starts are valid, the README quotes them, the bench alters only addresses."""

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
README = (ROOT / "README.md").read_text()


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _readme_section() -> str:
    start = README.index("## Running on several machines")
    return README[start : README.index("\n## ", start + 3)]


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="HAProxy is not installed (make system-deps)")
def test_haproxy_config_is_valid():
    result = subprocess.run(
        ["haproxy", "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_start_scripts_are_valid_shell():
    for script in ("gunicorn.sh", "celery-worker.sh", "celery-beat.sh"):
        result = subprocess.run(["sh", "-n", str(DEPLOY / script)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{script}: {result.stderr}"
    assert "-c python:cxmaturity.gunicorn_conf" in (DEPLOY / "gunicorn.sh").read_text()


def test_readme_quotes_the_deploy_files():
    section = _readme_section()
    config = (DEPLOY / "haproxy.cfg").read_text()
    blocks = re.findall(r"```haproxy\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    for block in blocks:
        assert block in config
    for name in (
        "cxmaturity.env",
        "gunicorn.sh",
        "celery-worker.sh",
        "celery-beat.sh",
        "haproxy.cfg",
        "rolling_restart.py",
    ):
        assert f"deploy/{name}" in section
        assert (DEPLOY / name).exists()
    assert "<!-- cluster-bench:start -->" in section


def test_the_bench_changes_only_the_addresses():
    cluster = _load(ROOT / "bench" / "cluster.py", "bench_cluster")
    original = (DEPLOY / "haproxy.cfg").read_text()
    changed = cluster.haproxy_config(
        original,
        bind="127.0.0.1:9999",
        servers={"node1": "127.0.0.1:9001", "node2": "127.0.0.1:9002"},
        stats_socket="/tmp/x.sock",
    )
    differing = [(a, b) for a, b in zip(original.splitlines(), changed.splitlines(), strict=True) if a != b]
    assert [b.strip() for _, b in differing] == [
        "stats socket /tmp/x.sock mode 600 level admin",
        "bind 127.0.0.1:9999",
        "server node1 127.0.0.1:9001",
        "server node2 127.0.0.1:9002",
    ]
    env = cluster.read_env_file()
    # The bench overrides only addresses, the secret and throwaway folders (and the documented lockout limit).
    assert {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY"} <= set(env)
    assert env["BEHIND_PROXY"] == "true"
    assert env["TRUSTED_PROXY_COUNT"] == "1"


def test_rolling_restart_drains_restarts_and_enables_one_node_at_a_time(monkeypatch):
    rolling = _load(DEPLOY / "rolling_restart.py", "rolling_restart")
    log: list[str] = []
    state = {"node1": "UP", "node2": "UP"}

    def command(socket_path: str, line: str) -> str:
        if line == "show stat":
            header = "# pxname,svname,qcur,scur,status,check_status\n"
            return header + "".join(f"nodes,{name},0,0,{status},L7OK\n" for name, status in state.items())
        log.append(line)
        name, _, new = line.removeprefix("set server nodes/").partition(" state ")
        state[name] = "DRAIN" if new == "drain" else "UP"
        return ""

    monkeypatch.setattr(rolling, "command", command)
    rolling.rolling_restart("/unused.sock", ["node1", "node2"], lambda server: log.append(f"restart {server}"))
    assert log == [
        "set server nodes/node1 state drain",
        "restart node1",
        "set server nodes/node1 state ready",
        "set server nodes/node2 state drain",
        "restart node2",
        "set server nodes/node2 state ready",
    ]
