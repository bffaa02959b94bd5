"""`make bench`: builds synthetic organisations on a throwaway PostgreSQL and measures.

Usage: .venv/bin/python bench/run.py [--load-seconds 60] [--users 50] [--runs 5] [--skip-load]
Prints one table and writes bench/results/latest.json. See bench/README.md.
"""

import argparse
import os
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from django.urls import NoReverseMatch  # noqa: E402 (after the path set-up; needs no settings)

PARTS = ("scoring", "dashboard", "exports", "pdf", "load", "fault", "burst")


def _parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load-seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "60")))
    parser.add_argument("--fault-seconds", type=int, default=int(os.environ.get("BENCH_FAULT_SECONDS", "30")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", "50")))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "4")))
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    return parser.parse_args()


def _stop_on_signals():
    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


class Section:
    """Runs one measurement; code not built yet becomes "n/a" rows, failures become NOT MET rows."""

    def __init__(self, rows, names):
        self.rows, self.names = rows, names

    def __call__(self, fn, *args, **kwargs):
        started = time.monotonic()
        try:
            produced = fn(*args, **kwargs)
        except (ImportError, NoReverseMatch) as exc:  # the feature is not in this checkout yet
            from bench.results import not_built

            self.rows.extend(not_built(name) for name in self.names)
            print(f"  {self.names[0]}: n/a ({exc})", flush=True)
            return None
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            traceback.print_exc()
            self.rows.append(
                {
                    "name": self.names[0],
                    "value": None,
                    "unit": "",
                    "target": None,
                    "target_text": "",
                    "met": False,
                    "note": f"failed: {type(exc).__name__}: {str(exc)[:80]}",
                }
            )
            return None
        extra = None
        if isinstance(produced, tuple):
            produced, extra = produced
        self.rows.extend(produced)
        print(f"  {self.names[0].split(':')[0]}: done in {time.monotonic() - started:.1f} s", flush=True)
        return extra


def main():  # noqa: C901 (the bench's command line: one branch per option)
    args = _parse()
    parts = set(args.only.split(","))
    _stop_on_signals()
    from bench.pgcluster import ThrowawayCluster

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    print("Starting a throwaway PostgreSQL cluster...", flush=True)
    cluster = ThrowawayCluster().start_fresh()
    server = None
    try:
        os.environ.update(
            DATABASE_URL=cluster.url, DJANGO_SETTINGS_MODULE="cxmaturity.settings", DEBUG="false", LOG_LEVEL="ERROR"
        )
        os.environ.pop("ALLOWED_HOSTS", None)
        import django

        django.setup()
        # The benchmark never collects static files; WhiteNoise's reminder about that is noise here.
        warnings.filterwarnings("ignore", message="No directory at")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from bench import data, load, scenarios
        from bench.results import table, update_readme, write
        from bench.server import Gunicorn

        print("Building synthetic organisations (10, 1,000 and 10,000 respondents)...", flush=True)
        version, model_source = data.model_version()
        sizes = {"10": 10, "1,000": 1000, "10,000": 10000}
        assessments, managers = {}, {}
        for label, n in sizes.items():
            t = time.monotonic()
            assessments[label] = data.refresh(
                data.build_organisation(name=f"Org {label}", version=version, respondents=n, seed=n)
            )
            managers[label] = data.manager_for(assessments[label])
            print(f"  {label} respondents in {time.monotonic() - t:.1f} s", flush=True)
        load_assessment, tokens = data.build_load_assessment(version=version, invitations=3 * args.users + 5)
        steps = data.statement_codes_by_step(version)

        rows = []
        print("Measuring...", flush=True)
        if "scoring" in parts:
            Section(rows, ["scoring: seconds"])(scenarios.scoring, assessments, args.runs)
        if "dashboard" in parts:
            Section(rows, ["dashboard: seconds"])(scenarios.dashboard, assessments, managers, args.runs)
            Section(rows, ["dashboard first visit: scripts (gzipped)"])(
                scenarios.dashboard_scripts, assessments["10"], managers["10"]
            )
            from bench.first_visit import first_visit

            print("Dashboard first visit in Chromium (gunicorn, production settings, cold cache)...", flush=True)
            Section(rows, ["dashboard first visit: charts drawn (s)"])(
                first_visit,
                database_url=cluster.url,
                assessment=assessments["1,000"],
                manager=managers["1,000"],
                runs=args.runs,
            )
        if "exports" in parts:
            Section(rows, ["export answers: seconds"])(
                scenarios.exports, {k: assessments[k] for k in ("1,000", "10,000")}, args.runs
            )
        if "pdf" in parts:
            Section(
                rows,
                [
                    "PDF report 10,000 cold (first): seconds",
                    "PDF report 10,000 warm (next 5): seconds",
                    "PDF report: warm / cold",
                    "PDF report: peak memory incl. Chromium",
                ],
            )(scenarios.pdf, assessments["10,000"])
        details = {}
        if parts & {"load", "fault", "burst"}:
            print(
                f"Starting gunicorn ({args.workers} workers x {args.threads} threads, production settings)...",
                flush=True,
            )
            server = Gunicorn(cluster.url, workers=args.workers, threads=args.threads)
        if "load" in parts:
            print(f"Load: {args.users} users x {args.load_seconds} s, baseline then respondent saves...", flush=True)
            details["load"] = Section(rows, ["respondent saves: requests/s"])(
                load.load_rows,
                server=server,
                users=args.users,
                seconds=args.load_seconds,
                tokens=tokens[: args.users],
                paced_tokens=tokens[args.users : 2 * args.users],
                steps=steps,
            )
        if "load" in parts:
            Section(rows, ["respondent saves: queries a save"])(
                scenarios.save_queries, tokens[3 * args.users + 1], steps
            )
        if "fault" in parts:
            print(f"Fault: {args.users} users x {args.fault_seconds} s with a PostgreSQL crash-restart...", flush=True)
            details["fault"] = Section(rows, ["fault: acknowledged saves missing afterwards"])(
                load.fault_rows,
                server=server,
                cluster=cluster,
                users=args.users,
                seconds=args.fault_seconds,
                tokens=tokens[2 * args.users : 3 * args.users],
                steps=steps,
            )
        if "burst" in parts:
            print("Burst: parallel saves and double submits on one response...", flush=True)
            Section(rows, ["burst: duplicate or lost answers"])(
                load.burst_rows, server=server, token=tokens[3 * args.users], steps=steps
            )
        meta = {
            "model": model_source,
            "runs_per_figure": args.runs,
            "load": {
                "users": args.users,
                "seconds": args.load_seconds,
                "workers": args.workers,
                "threads": args.threads,
                "fault_seconds": args.fault_seconds,
            },
            "details": details,
            "total_seconds": round(time.monotonic() - started, 1),
            # Other work on the machine skews every figure; the ratio rows are the least affected.
            "load_average_1min": {"start": round(load_before, 2), "end": round(os.getloadavg()[0], 2)},
        }
        path = write(rows, meta)
        # Only a full run speaks for the whole table; a partial one (--only) leaves the README alone.
        if parts == set(PARTS):
            update_readme(rows, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
        print()
        print(table(rows))
        print()
        missing = [r["name"] for r in rows if r["met"] is False]
        print(
            f"Model: {model_source}. Each figure is the median of {args.runs} runs. "
            f"Total {meta['total_seconds']:.0f} s. Written to {path.relative_to(ROOT)}."
        )
        print(
            f"Machine: {os.cpu_count()} CPUs, load average {load_before:.1f} at the start and "
            f"{os.getloadavg()[0]:.1f} at the end (above {os.cpu_count()} means other work skewed the timings)."
        )
        print("Targets not met: " + ("; ".join(missing) if missing else "none"))
    finally:
        if server is not None:
            server.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 (best effort before the cluster goes away)
            pass
        cluster.destroy()
        print("Throwaway PostgreSQL stopped and removed.", flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("\nInterrupted: cleaned up.", file=sys.stderr)
        sys.exit(130)
