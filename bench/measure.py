"""Measuring helpers: medians of repeated runs, query counts, Python and process memory."""

import contextlib
import statistics
import threading
import time
import tracemalloc
from contextlib import contextmanager

import psutil
from django.db import connection
from django.test.utils import CaptureQueriesContext


class NotBuilt(Exception):
    """The feature being measured does not exist yet in this checkout."""


def timings(fn, *, runs, warmup=0):
    """([seconds of each run], last result) of `runs` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    durations, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        durations.append(time.perf_counter() - started)
    return durations, result


def timed(fn, *, runs, warmup=0):
    """(median seconds, last result) of `runs` calls after `warmup` untimed ones."""
    durations, result = timings(fn, runs=runs, warmup=warmup)
    return statistics.median(durations), result


def pairs(figure, baseline, *, runs, warmup=1):
    """The figure and its baseline back to back, `runs` times (after `warmup` untimed pairs), so other work
    on the machine weighs on both alike: ([figure seconds], [baseline seconds], [figure / baseline])."""
    for _ in range(warmup):
        baseline()
        figure()
    measured, base = [], []
    for _ in range(runs):
        base.append(timings(baseline, runs=1)[0][0])
        measured.append(timings(figure, runs=1)[0][0])
    return measured, base, [m / b for m, b in zip(measured, base, strict=True)]


def consume_export(content):
    """Reads an export as its response would send it (bytes at once, a CSV stream chunk by chunk, an Excel
    workbook's temporary file in FileResponse's blocks, then closed); its length (characters of CSV text)."""
    if isinstance(content, bytes):
        return len(content)
    if hasattr(content, "read"):
        from django.http import FileResponse

        with content:
            return sum(len(block) for block in iter(lambda: content.read(FileResponse.block_size), b""))
    return sum(len(chunk) for chunk in content)


def query_count(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def python_peak_mb(fn):
    """Peak memory Python allocated during fn (tracemalloc), in MB."""
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024 / 1024


def rss_now():
    return psutil.Process().memory_info().rss / 1024 / 1024


def _pss_bytes(proc):
    # smaps_rollup is the kernel's own sum: fast enough to read every 20 ms, unlike the full smaps psutil walks.
    try:
        with open(f"/proc/{proc.pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return proc.memory_full_info().pss


def memory_now(*, proportional=False):
    """MB of this process and all its children (Chromium): summed PSS, or summed RSS."""
    process = psutil.Process()

    def size(proc):
        return _pss_bytes(proc) if proportional else proc.memory_info().rss

    used = size(process)
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a child may exit between listing and reading
            used += size(child)
    return used / 1024 / 1024


@contextmanager
def rss_peak(*, proportional=False):
    """Samples the memory of this process and all its children (Chromium) every 20 ms until the block ends.

    proportional=True sums PSS instead of RSS: Chromium's processes share most of their pages, and
    adding their RSS would count those pages once per process.
    """
    peak = {"mb": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["mb"] = max(peak["mb"], memory_now(proportional=proportional))
            stop.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()
        peak["mb"] = max(peak["mb"], memory_now(proportional=proportional))
