"""One database's run, in a process of its own (`bench/run.py --child sqlite|postgresql`): a throwaway
PostgreSQL cluster or SQLite file, Django set up on it once, every section measured (bench/sections.py), the
rows written as JSON for the parent, and the database removed whatever happens."""

import contextlib
import json
import os
import shutil
import signal
import tempfile
import time
import warnings
from pathlib import Path

from bench.sections import measure


def _fast_sqlite(sender, connection, **kwargs):
    """The throwaway bench file only (this process's connections, never the app's settings): no fsync and a
    bigger cache, so building 100,000 respondents does not wait on the disk. gunicorn keeps the app's PRAGMAs."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.execute("PRAGMA temp_store=MEMORY")


def child(args):
    database = args.child
    started = time.monotonic()
    cluster, sqlite_dir = None, None
    if database == "postgresql":
        from bench.pgcluster import ThrowawayCluster

        print("Starting a throwaway PostgreSQL cluster...", flush=True)
        cluster = ThrowawayCluster().start_fresh()
        url = cluster.url
    else:
        sqlite_dir = tempfile.mkdtemp(prefix="cxm-bench-sqlite-")
        url = f"sqlite:///{sqlite_dir}/bench.sqlite3"
        print(f"A throwaway SQLite file: {sqlite_dir}/bench.sqlite3", flush=True)
    try:
        os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="cxmaturity.settings", DEBUG="false")
        os.environ.update(LOG_LEVEL="ERROR")
        if args.quick:
            os.environ["BENCH_QUICK"] = "1"
        os.environ.pop("ALLOWED_HOSTS", None)
        import django

        django.setup()
        # The benchmark never collects static files; WhiteNoise's reminder about that is noise here.
        warnings.filterwarnings("ignore", message="No directory at")
        from django.db.backends.signals import connection_created

        connection_created.connect(_fast_sqlite)
        rows, details, model_source, version = measure(args, url, cluster)
    finally:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a second signal must not stop the clean-up
            signal.signal(number, signal.SIG_IGN)
        with contextlib.suppress(Exception):  # best effort before the database goes away
            from django.db import connections

            connections.close_all()
        if cluster is not None:
            cluster.destroy()
            print("Throwaway PostgreSQL stopped and removed.", flush=True)
        if sqlite_dir is not None:
            shutil.rmtree(sqlite_dir, ignore_errors=True)
    for r in rows:
        r["database"] = database
    meta = {
        "database": database,
        "version": version,
        "model": model_source,
        "seconds": round(time.monotonic() - started, 1),
        "details": details,
    }
    Path(args.child_out).write_text(json.dumps({"rows": rows, "meta": meta}, default=str))
    return 0
