"""A throwaway PostgreSQL cluster: initdb in a temp dir, a free port, removed afterwards.

The fault run restarts this cluster, so the benchmark never touches a database
anyone else uses. initdb refuses to run as root; as root we run every server
command as the `postgres` system user (created if missing) on a directory it owns.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2

SERVICE_USER = "postgres"


def _bin_dir():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4].split(".")[0]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError("initdb not found: install the PostgreSQL server package (apt-get install postgresql).")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayCluster:
    def __init__(self, *, dbname="cxm_bench"):
        self.bin = _bin_dir()
        self.dbname = dbname
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="cxm-bench-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.running = False
        self._as_root = os.geteuid() == 0
        if self._as_root:
            self._ensure_service_user()
            uid, gid = pwd.getpwnam(SERVICE_USER).pw_uid, pwd.getpwnam(SERVICE_USER).pw_gid
            os.chown(self.root, uid, gid)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.dbname}"

    def _ensure_service_user(self):
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", SERVICE_USER], check=True)

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", SERVICE_USER, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start_fresh(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        # fsync stays on (the default): the fault run must prove durability, not a RAM disk's speed.
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.root}'\n"
                "max_connections = 200\nshared_buffers = 256MB\n"
            )
        self.start()
        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE {self.dbname}")
        conn.close()
        return self

    def start(self):
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")
        self.running = True

    def stop(self, mode="fast"):
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)
            self.running = False

    def crash_restart(self, outage_seconds=3.0):
        """Kills the server like a power cut (immediate mode), waits, starts it again with crash recovery."""
        started = time.monotonic()
        self.stop(mode="immediate")
        time.sleep(outage_seconds)
        self.start()
        return time.monotonic() - started

    def destroy(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
