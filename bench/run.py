"""`make bench`: builds synthetic organisations on throwaway databases and measures, on SQLite (the embedded
default) and then, when `initdb` is installed, on a throwaway PostgreSQL cluster.

Usage: .venv/bin/python bench/run.py [--quick] [--runs 3] [--only scoring,exports] [--database sqlite]
                                     [--load-seconds 30] [--fault-seconds 30] [--users 50]
Prints one table (a database column, min and median of the runs) and writes bench/results/latest.json; a full
run (no --quick, --only or --database) also writes the table into README.md and bench/README.md.
Each database runs in a process of its own (this file with --child: bench/database_run.py, its sections in
bench/sections.py), so Django is set up once per database.
See bench/README.md.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from bench.database_run import child  # noqa: E402 (after the path set-up; needs no settings)
from bench.results import failed  # noqa: E402

PARTS = ("scoring", "dashboard", "exports", "pdf", "growth", "clients", "large", "load", "fault", "burst")
DATABASES = ("sqlite", "postgresql")
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
