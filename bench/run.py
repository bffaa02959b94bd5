"""`make bench`: builds synthetic organisations on throwaway databases and measures, on SQLite (the embedded
default) and then, when `initdb` is installed, on a throwaway PostgreSQL cluster.

Usage: .venv/bin/python bench/run.py [--quick] [--runs 3] [--only scoring,exports] [--database sqlite]
                                     [--load-seconds 30] [--fault-seconds 30] [--users 50]
Prints one table (a database column, min and median of the runs) and writes bench/results/latest.json; a full
run (no --quick, --only or --database) also writes the table into README.md and bench/README.md.
Each database runs in a process of its own (this file with --child), so Django is set up once per database.
See bench/README.md.
"""

import argparse
import contextlib
import importlib
import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from django.urls import NoReverseMatch  # noqa: E402 (after the path set-up; needs no settings)

from bench.results import failed, not_built  # noqa: E402

PARTS = ("scoring", "dashboard", "exports", "pdf", "growth", "clients", "large", "load", "fault", "burst")
HTTP_PARTS = ("load", "fault", "burst")
DATABASES = ("sqlite", "postgresql")
# The scale sections other modules measure, each with its own data: rows(*, repeats, version).
SCALE = {"growth": "bench.growth", "clients": "bench.clients", "large": "bench.large_org"}
SIZES = {"10": 10, "1,000": 1000, "10,000": 10000}
QUICK_SIZES = {"10": 10, "100": 100, "1,000": 1000}
# Full run, then --quick: runs per figure, seconds of each load run and of each fault run, users.
DEFAULTS = {"runs": (3, 1), "load_seconds": (30, 5), "fault_seconds": (30, 12), "users": (50, 10)}
ENV = {"runs": "BENCH_RUNS", "load_seconds": "BENCH_LOAD_SECONDS", "fault_seconds": "BENCH_FAULT_SECONDS"}
ENV["users"] = "BENCH_USERS"


def _parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 run, short load: to try the bench")
    parser.add_argument("--runs", type=int, help="runs per figure (min and median reported); 3, quick 1")
    parser.add_argument("--load-seconds", type=int, help="each baseline and saves run; 30, quick 5")
    parser.add_argument("--fault-seconds", type=int, help="each run with a PostgreSQL crash; 30, quick 12")
    parser.add_argument("--users", type=int, help="concurrent locust users; 50, quick 10")
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "4")))
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--database", help="sqlite, postgresql or both (default: each one available)")
    parser.add_argument("--child", choices=DATABASES, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name, (full, quick) in DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else int(os.environ.get(ENV[name], str(full))))
    named = [p for p in (args.only or "").split(",") if p]
    unknown = set(named) - set(PARTS)
    if unknown:
        parser.error(f"unknown --only part(s): {', '.join(sorted(unknown))}")
    args.named = set(named)
    args.parts = [p for p in PARTS if not named or p in named]
    databases = [d for d in (args.database or "").split(",") if d]
    if set(databases) - set(DATABASES):
        parser.error("--database takes sqlite, postgresql or sqlite,postgresql")
    args.databases = databases
    return args


def _stop_on_signals():
    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


# --- the parent: one child per database, one table ------------------------------------------------------------


def postgresql_missing():
    """Why the PostgreSQL run cannot happen here (None when it can)."""
    try:
        from bench.pgcluster import _bin_dir

        _bin_dir()
    except Exception as exc:
        return str(exc)
    return None


def is_full(args):
    return not (args.quick or args.named or args.databases)


def _child_command(args, database, out):
    command = [sys.executable, str(Path(__file__).resolve()), "--child", database, "--child-out", str(out)]
    for name in ("runs", "load_seconds", "fault_seconds", "users", "workers", "threads"):
        command += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    if args.quick:
        command.append("--quick")
    if args.named:
        command += ["--only", ",".join(args.parts)]
    return command


def _run_child(args, database, workdir):
    out = Path(workdir) / f"{database}.json"
    process = subprocess.Popen(_child_command(args, database, out), cwd=ROOT)
    try:
        code = process.wait()
    except KeyboardInterrupt as exc:
        # Ctrl+C reached the child too (same terminal); a SIGTERM or SIGHUP to us is passed on. Either way the
        # child removes its database before it exits.
        if exc.args:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        process.wait()
        raise
    if out.exists():
        return json.loads(out.read_text())
    crash = failed(f"bench run on {database}", RuntimeError(f"the run stopped with exit code {code}"))
    return {"rows": [{**crash, "database": database}], "meta": {"database": database, "version": ""}}


def parent(args):
    from bench import results

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    databases, skipped = list(args.databases), {}
    if not databases:
        databases = ["sqlite"]
        missing = postgresql_missing()
        if missing:
            skipped["postgresql"] = missing
            print(f"PostgreSQL run skipped: {missing}", flush=True)
        else:
            databases.append("postgresql")
    rows, children = [], {}
    workdir = tempfile.mkdtemp(prefix="cxm-bench-")
    try:
        for database in databases:
            print(f"\n=== {results.DATABASE_NAMES[database]} ===", flush=True)
            child = _run_child(args, database, workdir)
            rows.extend(child["rows"])
            children[database] = child["meta"]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    full = is_full(args)
    meta = {
        "finished_at_text": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": results.machine(),
        "full_run": full,
        "quick": args.quick,
        "parts": args.parts,
        "runs_per_figure": args.runs,
        "load": {
            "users": args.users,
            "seconds": args.load_seconds,
            "workers": args.workers,
            "threads": args.threads,
            "fault_seconds": args.fault_seconds,
        },
        "databases": children,
        "skipped_databases": skipped,
        "total_seconds": round(time.monotonic() - started, 1),
        # Other work on the machine skews every time; the ratio rows are the least affected.
        "load_average_1min": {"start": round(load_before, 2), "end": round(os.getloadavg()[0], 2)},
    }
    # Only a full run speaks for the whole table: a partial one leaves latest.json and the READMEs alone.
    path = results.write(rows, meta, name="latest.json" if full else "partial.json")
    print()
    print(results.table(rows))
    print()
    print(
        f"Each figure: min and median of {args.runs} run(s); a ratio is taken per run (figure and baseline back "
        f"to back). Total {meta['total_seconds']:.0f} s. Written to {path.relative_to(ROOT)}."
    )
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {load_before:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (above {os.cpu_count()} means other work skewed the timings)."
    )
    if full:
        changed = results.update_readmes(rows, meta)
        print("Tables written into: " + (", ".join(str(p.relative_to(ROOT)) for p in changed) or "nothing"))
    else:
        print("Partial run (--quick, --only or --database): README.md and bench/README.md left alone.")
    missing = [f"[{r.get('database', '')}] {r['name']}" for r in rows if r["met"] is False]
    print("Targets not met: " + ("; ".join(missing) if missing else "none"))
    return 0


# --- a child: every section on one database ---------------------------------------------------------------------


class Section:
    """Runs one measurement; code not built yet becomes "n/a" rows, failures become NOT MET rows."""

    def __init__(self, rows, part, names):
        self.rows, self.part, self.names = rows, part, names

    def __call__(self, fn, *args, **kwargs):
        started = time.monotonic()
        try:
            produced = fn(*args, **kwargs)
        except (ImportError, NoReverseMatch) as exc:  # the feature is not in this checkout yet
            self.rows.extend({**not_built(name), "section": self.part} for name in self.names)
            print(f"  {self.part}: n/a ({exc})", flush=True)
            return None
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            traceback.print_exc()
            self.rows.append({**failed(self.names[0], exc), "section": self.part})
            return None
        extra = None
        if isinstance(produced, tuple):
            produced, extra = produced
        self.rows.extend({**r, "section": r.get("section", self.part)} for r in produced)
        print(f"  {self.part}: {len(produced)} rows in {time.monotonic() - started:.1f} s", flush=True)
        return extra


def _fast_sqlite(sender, connection, **kwargs):
    """The throwaway bench file only (this process's connections, never the app's settings): no fsync and a
    bigger cache, so building 100,000 respondents does not wait on the disk. gunicorn keeps the app's PRAGMAs."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.execute("PRAGMA temp_store=MEMORY")


def _database_version(connection):
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


class Tokens:
    """Fresh invitation links handed out in order: a started response cannot start again at version 0."""

    def __init__(self, tokens):
        self.tokens, self.next = list(tokens), 0

    def take(self, count):
        taken = self.tokens[self.next : self.next + count]
        if len(taken) < count:
            raise RuntimeError("the load assessment has too few invitations")
        self.next += count
        return taken


# The embedded default serves one organisation of a few thousand people; the 100,000-person sizes are what a
# PostgreSQL deployment carries, and building them into SQLite alone takes longer than the rest of its run.
SQLITE_SCALE = {"growth": {"sizes": (1_000, 10_000)}, "large": None}


def _scale_sections(args, rows, version, *, vendor="postgresql"):
    for part, module_name in SCALE.items():
        if part not in args.parts:
            continue
        fn = importlib.import_module(module_name).rows
        kwargs = {"repeats": args.runs, "version": version}
        if vendor == "sqlite" and part in SQLITE_SCALE and not args.quick:
            if SQLITE_SCALE[part] is None:
                reason = "PostgreSQL only: the 100,000-person organisation is measured on PostgreSQL"
                rows.append({**not_built(f"{part}: skipped on SQLite", reason), "section": part})
                continue
            kwargs.update(SQLITE_SCALE[part])
        if "quick" in inspect.signature(fn).parameters:
            kwargs["quick"] = args.quick
        elif args.quick and part not in args.named:
            # Their sizes (100,000 respondents, 1,000 organisations) are the point: not for a quick try.
            rows.append({**not_built(f"{part}: skipped", "--quick; name it in --only to run it"), "section": part})
            continue
        print(f"{part}: {module_name}.rows(repeats={args.runs})...", flush=True)
        Section(rows, part, [f"{part}: rows"])(fn, **kwargs)


def _http_sections(args, rows, *, url, cluster, tokens, steps, vendor):
    from bench import load, scenarios
    from bench.server import Gunicorn

    details = {}
    if vendor != "postgresql" and "fault" in args.parts:
        reason = "PostgreSQL only: SQLite is a file, there is no database server to crash"
        rows.append({**not_built("fault: acknowledged saves missing afterwards", reason), "section": "fault"})
    if not {"load", "burst"} & set(args.parts) and vendor != "postgresql":
        return details
    print(f"Starting gunicorn ({args.workers} workers x {args.threads} threads, production settings)...", flush=True)
    server = Gunicorn(url, workers=args.workers, threads=args.threads)
    try:
        if "load" in args.parts:
            print(
                f"Load: {args.runs} x ({args.users} users x {args.load_seconds} s baseline, then saves), "
                f"then {args.runs} paced runs...",
                flush=True,
            )
            details["load"] = Section(rows, "load", ["respondent saves: requests/s"])(
                load.load_rows,
                server=server,
                users=args.users,
                seconds=args.load_seconds,
                tokens=[tokens.take(args.users) for _ in range(args.runs)],
                paced_tokens=[tokens.take(args.users) for _ in range(args.runs)],
                steps=steps,
            )
            Section(rows, "load", ["respondent saves: queries a save"])(
                scenarios.save_queries, tokens.take(1)[0], steps
            )
        if "fault" in args.parts and vendor == "postgresql":
            print(
                f"Fault: {args.runs} x {args.users} users x {args.fault_seconds} s, PostgreSQL crash-restarted",
                flush=True,
            )
            details["fault"] = Section(rows, "fault", ["fault: acknowledged saves missing afterwards"])(
                load.fault_rows,
                server=server,
                cluster=cluster,
                users=args.users,
                seconds=args.fault_seconds,
                tokens=[tokens.take(args.users) for _ in range(args.runs)],
                steps=steps,
            )
        if "burst" in args.parts:
            print(f"Burst: {args.runs} x parallel saves and double submits on one response...", flush=True)
            Section(rows, "burst", ["burst: duplicate or lost answers"])(
                load.burst_rows, server=server, tokens=tokens.take(args.runs), steps=steps
            )
    finally:
        server.stop()
    return details


def _measure(args, url, cluster):  # noqa: C901 (one branch per section)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from bench import data, scenarios

    version, model_source = data.model_version()
    rows, details = [], {}
    sizes = QUICK_SIZES if args.quick else SIZES
    parts = set(args.parts)
    assessments, managers = {}, {}
    if parts & {"scoring", "dashboard", "exports", "pdf"}:
        print(f"Building synthetic organisations ({', '.join(sizes)} respondents)...", flush=True)
        for label, n in sizes.items():
            t = time.monotonic()
            assessments[label] = data.refresh(
                data.build_organisation(name=f"Org {label}", version=version, respondents=n, seed=n)
            )
            managers[label] = data.manager_for(assessments[label])
            print(f"  {label} respondents in {time.monotonic() - t:.1f} s", flush=True)
    small, middle, big = list(sizes)
    print("Measuring...", flush=True)
    if "scoring" in parts:
        Section(rows, "scoring", ["scoring: seconds"])(scenarios.scoring, assessments, args.runs)
    if "dashboard" in parts:
        Section(rows, "dashboard", ["dashboard: seconds"])(scenarios.dashboard, assessments, managers, args.runs)
        Section(rows, "dashboard", ["dashboard first visit: scripts (gzipped)"])(
            scenarios.dashboard_scripts, assessments[small], managers[small]
        )
        from bench.first_visit import first_visit

        print("Dashboard first visit in Chromium (gunicorn, production settings, cold cache)...", flush=True)
        Section(rows, "dashboard", ["dashboard first visit: charts drawn (s)"])(
            first_visit, database_url=url, assessment=assessments[middle], manager=managers[middle], runs=args.runs
        )
    if "exports" in parts:
        Section(rows, "exports", ["export answers: seconds"])(
            scenarios.exports, {k: assessments[k] for k in (middle, big)}, args.runs
        )
    if "pdf" in parts:
        print(f"PDF report of {big} respondents...", flush=True)
        Section(rows, "pdf", ["PDF report cold (first render): seconds"])(
            scenarios.pdf,
            assessments[big],
            args.runs,
            # --quick: one warm render and no kept-warm trade rows (they wait out a 20 s idle shutdown).
            warm_renders=1 if args.quick else 3,
            trade=not args.quick,
        )
    _scale_sections(args, rows, version, vendor=connection.vendor)
    if parts & set(HTTP_PARTS):
        runs = args.runs
        wanted = 2 * runs * args.users + (runs * args.users if "fault" in parts else 0) + runs + 1
        _load_assessment, tokens = data.build_load_assessment(version=version, invitations=wanted + 5)
        details = _http_sections(
            args,
            rows,
            url=url,
            cluster=cluster,
            tokens=Tokens(tokens),
            steps=data.statement_codes_by_step(version),
            vendor=connection.vendor,
        )
    return rows, details, model_source, _database_version(connection)


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
        rows, details, model_source, version = _measure(args, url, cluster)
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


def main(argv=None):
    args = _parse(argv)
    _stop_on_signals()
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted: cleaned up.", file=sys.stderr)
        sys.exit(130)
