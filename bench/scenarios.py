"""In-process measurements: scoring, the dashboard, exports and the PDF report.

Each function returns a list of result rows (results.summary: the min and median of the runs; a time beside
its baseline is measured back to back with it and the ratio taken per run). Code that other parts of the
project have not built yet raises ImportError; run.py turns that into an "n/a" row.
"""

import statistics
import time

from django.test import Client
from django.urls import reverse

from bench.measure import consume_export, memory_now, pairs, python_peak_mb, query_count, rss_now, rss_peak, timings
from bench.results import row, summary


def scoring(assessments, runs):
    """Cold scoring (the full computation, never the cached result: what the first page after a submit costs)
    against one plain GROUP BY over the same answers, back to back at each size (issue 26: <= 2x, constant
    queries)."""
    from assessments.scoring import score_assessment as served
    from assessments.scoring.score import score_assessment

    rows, counts = [], {}
    for label, assessment in assessments.items():
        full, base, ratios = pairs(
            lambda a=assessment: score_assessment(assessment=a), lambda a=assessment: plain_group_by(a), runs=runs
        )
        counts[label] = query_count(lambda a=assessment: score_assessment(assessment=a))
        rows.append(summary(f"scoring {label}: full computation (s)", full, unit="s"))
        rows.append(summary(f"scoring {label}: one GROUP BY over its answers, baseline (s)", base, unit="s"))
        target = None if label == "10" else 2.0  # 10 respondents: a few milliseconds, all overhead
        rows.append(summary(f"scoring {label}: full / GROUP BY", ratios, target=target, compare="<=", unit="x"))
    smallest = next(iter(counts.values()), None)
    for label, count in counts.items():
        rows.append(row(f"scoring {label}: queries", count, target=smallest, unit="queries", compare="=="))
    biggest = list(assessments.values())[-1]
    served(assessment=biggest)
    seconds, _ = timings(lambda: served(assessment=biggest), runs=runs)
    rows.append(summary(f"scoring {list(assessments)[-1]} served from the result cache (s)", seconds, unit="s"))
    return rows


def plain_group_by(assessment):
    """The baseline of scoring: one plain GROUP BY over all the assessment's answers."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.statement_id, COUNT(*), AVG(a.current) FROM assessments_answer a "
            "JOIN assessments_response r ON r.id = a.response_id "
            "WHERE r.assessment_id = %s GROUP BY a.statement_id",
            [assessment.pk],
        )
        return cursor.fetchall()


def dashboard_scripts(assessment, manager):
    """What a first visit downloads: the dashboard's scripts, gzipped as the server sends them."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    client = Client()
    client.force_login(manager)
    html = client.get(reverse("assessment_dashboard", kwargs={"assessment": assessment.public_id})).content.decode()
    total = 0
    for src in re.findall(r'<script[^>]+src="/static/([^"?]+)', html):
        path = finders.find(src) or finders.find(re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", src))
        if path:
            with open(path, "rb") as handle:
                total += len(gzip.compress(handle.read(), compresslevel=9))
    return [row("dashboard first visit: scripts (gzipped)", total / 1e6, target=0.6, unit="MB")]


def dashboard(assessments, managers, runs):
    reverse("assessment_dashboard", kwargs={"assessment": "00000000-0000-0000-0000-000000000000"})
    rows = []
    for label, assessment in assessments.items():
        client = Client()
        client.force_login(managers[label])
        url = reverse("assessment_dashboard", kwargs={"assessment": assessment.public_id})

        def get(client=client, url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"dashboard answered {response.status_code}")
            return response

        seconds, _ = timings(get, runs=runs, warmup=2)
        queries = query_count(get)
        target = 0.2 if label == "10,000" else None
        rows.append(summary(f"dashboard {label} (warm): seconds", seconds, target=target, unit="s"))
        rows.append(row(f"dashboard {label} (warm): queries", queries, unit="queries"))
    return rows


def _export(assessment, fmt):
    from assessments.results import exports as exporters

    return exporters.export(assessment=assessment, kind="answers", fmt=fmt, language="en")[2]


def exports(assessments, runs):
    """The raw answers as Excel against the same answers as CSV, back to back at each size (issue 26: <= 2x at
    1,000 and 10,000), and each export's peak memory (Python's at the smaller size, the process's growth at the
    larger, where tracemalloc would slow it down threefold)."""
    from assessments.scoring import score_assessment

    rows = []
    for index, (label, assessment) in enumerate(assessments.items()):
        # Exports label rows from the (cached) scoring result: computed here first, so each run measures
        # the export and not a cold scoring, in both formats alike.
        score_assessment(assessment=assessment)
        xlsx_seconds, csv_seconds, ratios = pairs(
            lambda a=assessment: consume_export(_export(a, "xlsx")),
            lambda a=assessment: consume_export(_export(a, "csv")),
            runs=runs,
        )
        rows.append(summary(f"export answers {label} csv, baseline (s)", csv_seconds, unit="s"))
        rows.append(summary(f"export answers {label} xlsx (s)", xlsx_seconds, unit="s"))
        rows.append(summary(f"export answers {label}: xlsx / csv", ratios, target=2.0, compare="<=", unit="x"))
        for fmt in ("csv", "xlsx"):
            if index == 0:
                peak, kind = python_peak_mb(lambda a=assessment, f=fmt: consume_export(_export(a, f))), "MB (Python)"
            else:
                before = rss_now()
                with rss_peak() as sampled:
                    consume_export(_export(assessment, fmt))
                peak, kind = sampled["mb"] - before, "MB (RSS growth)"
            rows.append(row(f"export answers {label} {fmt}: peak memory", peak, unit=kind))
    return rows


# Today's warm / cold ratio (README run of 2026-11-22: 1.16 s / 4.07 s): a warm render must not get slower
# relative to the cold one while the memory comes down.
PDF_WARM_COLD_BEFORE = 0.29
# Kept-warm trade: the browser closes after this much idle time (longer than a render on a busy machine,
# shorter than the usual minute so the bench need not wait that long).
PDF_KEPT_IDLE_SECONDS = 20


def pdf(assessment, runs, warm_renders=3, trade=True):
    """As a worker runs it (keep_warm): per run, a cold render (caches emptied: scoring, starting Chromium,
    drawing) and then warm ones (same data, charts from the cache); the ratio is taken per run. The trade rows
    keep Chromium open between reports of changed data (no chart cache) to show what warmth costs and buys."""
    from django.core.cache import cache
    from django.test.utils import override_settings

    from assessments.results.services.chart_export import is_warm, keep_warm, stop_warm
    from assessments.results.services.report_document import build_report_pdf

    def render():
        return build_report_pdf(assessment=assessment, language="en")

    colds, warms, ratios, peaks, afters, document = [], [], [], [], [], b""
    for _ in range(runs):
        cache.clear()  # scoring results and drawn charts: the next render is a cold one
        with rss_peak(proportional=True) as peak:
            keep_warm()
            try:
                started = time.perf_counter()
                document = render()
                colds.append(time.perf_counter() - started)
                warm = statistics.median(timings(render, runs=warm_renders)[0])
            finally:
                stop_warm()
        warms.append(warm)
        ratios.append(warm / colds[-1])
        peaks.append(peak["mb"])
        afters.append(memory_now(proportional=True))
    rows = [
        summary("PDF report cold (first render): seconds", colds, target=6.0, unit="s"),
        summary(f"PDF report warm (next {warm_renders}): seconds", warms, target=1.5, unit="s"),
        summary("PDF report: warm / cold", ratios, target=PDF_WARM_COLD_BEFORE, unit="x", note="per run"),
        summary(
            "PDF report: peak memory incl. Chromium",
            peaks,
            target=350,
            unit="MB PSS",
            note="this process + Chromium, cold and warm",
        ),
        summary("PDF report: memory after the renders", afters, unit="MB PSS", note="Chromium closed"),
        row("PDF report: size", len(document) / 1024, unit="KB"),
    ]
    if not trade:
        return rows
    with override_settings(CXM_CHART_CACHE_SECONDS=0):  # every render draws, as after each submit
        redraw_fresh, _ = timings(render, runs=runs)
        kept = override_settings(CXM_CHART_BROWSER_IDLE_SECONDS=PDF_KEPT_IDLE_SECONDS)
        with kept, rss_peak(proportional=True) as kept_peak:
            keep_warm()
            try:
                render()  # starts the browser
                redraw_kept, _ = timings(render, runs=runs)
                idle_open = memory_now(proportional=True)
                time.sleep(PDF_KEPT_IDLE_SECONDS + 1.5)
                closed_after_idle = not is_warm()
                after_idle = memory_now(proportional=True)
            finally:
                stop_warm()

    return rows + [
        summary("PDF redraw (changed data), fresh Chromium: seconds", redraw_fresh, unit="s"),
        summary("PDF redraw (changed data), Chromium kept warm: seconds", redraw_kept, unit="s"),
        row("PDF redraw, Chromium kept warm: peak memory", kept_peak["mb"], unit="MB PSS"),
        row("PDF redraw, Chromium kept warm: memory while it idles", idle_open, unit="MB PSS"),
        row(
            f"PDF redraw, Chromium kept warm: memory after {PDF_KEPT_IDLE_SECONDS} s idle",
            after_idle,
            unit="MB PSS",
            note="browser closed" if closed_after_idle else "browser still open",
        ),
    ]


def save_queries(token, steps):
    """The queries of one background save (`POST /r/save/`), counted in this process like a second save
    of a respondent who opened the link and started: the figure issue 17 targets (<= 3)."""
    import json
    import random

    from bench.pages import page_fields

    client = Client()
    client.get(reverse("respond_invitation", kwargs={"token": token}))
    client.post(reverse("respond_start"))
    client.get(reverse("respond_step", kwargs={"step": 1}))
    url = reverse("respond_save")
    rng = random.Random(17)

    def save(version):
        body = {"step": 1, "version": version, "fields": page_fields(steps[1], rng)}
        response = client.post(url, json.dumps(body), content_type="application/json")
        if response.status_code != 200:
            raise RuntimeError(f"the save answered {response.status_code}: {response.content[:200]!r}")
        return response.json()["version"]

    version = save(0)  # the first save of a process also reads the model's content into memory
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        save(version)
    queries = len(captured.captured_queries)
    control = sum(q["sql"].split()[0].upper() in ("BEGIN", "COMMIT") for q in captured.captured_queries)
    # SQLite runs inside the process (no round trips); Django logs its BEGIN IMMEDIATE and COMMIT as queries.
    note = f"incl. {control} BEGIN/COMMIT" if control else ""
    return [row("respondent saves: queries a save", queries, target=3, compare="<=", unit="queries", note=note)]
