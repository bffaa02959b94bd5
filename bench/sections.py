"""The sections of one database's run, in the bench's order: the in-process measurements (scoring, dashboard,
exports, PDF) on synthetic organisations of three sizes, the scale modules (growth, clients, large), then the
runs over HTTP (load, fault, burst) against gunicorn. Each section's rows come back to bench/database_run.py."""

import importlib
import inspect
import time
import traceback

from django.urls import NoReverseMatch

from bench.results import failed, not_built

HTTP_PARTS = ("load", "fault", "burst")
# The scale sections other modules measure, each with its own data: rows(*, repeats, version).
SCALE = {"growth": "bench.growth", "clients": "bench.clients", "large": "bench.large_org"}
SIZES = {"10": 10, "1,000": 1000, "10,000": 10000}
QUICK_SIZES = {"10": 10, "100": 100, "1,000": 1000}
# The embedded default serves one organisation of a few thousand people; the 100,000-person sizes are what a
# PostgreSQL deployment carries, and building them into SQLite alone takes longer than the rest of its run.
SQLITE_SCALE = {"growth": {"sizes": (1_000, 10_000)}, "large": None}


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


def _database_version(connection):
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


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
    from bench import burst, fault, load, scenarios
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
                fault.fault_rows,
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
                burst.burst_rows, server=server, tokens=tokens.take(args.runs), steps=steps
            )
    finally:
        server.stop()
    return details


def measure(args, url, cluster):  # noqa: C901 (one branch per section)
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
