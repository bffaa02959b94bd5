"""Result rows, the printed table, the JSON file and the README tables.

A row is one figure: its median over the runs (`value`, also `median`) and, when it was measured more than
once, its minimum (`min`). `summary()` makes such a row from the samples; `row()` from values already
reduced (a size, a count measured once). bench/run.py adds the database each row was measured on.
"""

import json
import os
import platform
import statistics
import time
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BENCH_README = ROOT / "bench" / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DATABASE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _meets(value, target, compare):
    if value is None or target is None:
        return None
    if compare == "<":
        return value < target
    if compare == "<=":
        return value <= target
    if compare == ">=":
        return value >= target
    return value == target


def row(name, value, *, target=None, unit="", compare="<", target_text=None, note="", minimum=None, runs=None):
    """One figure. `value` is the median (or the only measurement), `minimum` the smallest of the runs;
    `compare` is how the median must relate to the target: "<", "<=", ">=", "==" ."""
    if target_text is None and target is not None:
        symbol = {">=": "≥", "<=": "≤", "==": "="}.get(compare, "<")
        target_text = f"{symbol} {_fmt(target)}"
    return {
        "name": name,
        "value": value,
        "median": value,
        "min": minimum,
        "runs": runs,
        "unit": unit,
        "target": target,
        "target_text": target_text or "",
        "met": _meets(value, target, compare),
        "note": note,
    }


def summary(name, samples, *, every=False, **kwargs):
    """A row of the min and median of `samples` (one per run). The median meets the target, or with
    every=True each run must (for counts of errors and lost saves, where one bad run is a failure)."""
    samples = [s for s in samples if s is not None]
    if not samples:
        return row(name, None, **kwargs)
    median = statistics.median(samples)
    if all(isinstance(s, int) for s in samples) and median == int(median):
        median = int(median)  # counts stay counts (an even number of runs averages the middle two)
    result = row(name, median, minimum=min(samples), runs=len(samples), **kwargs)
    if every and result["target"] is not None:
        compare = kwargs.get("compare", "<")
        result["met"] = all(_meets(s, result["target"], compare) for s in samples)
        if len(samples) > 1:
            result["note"] = "; ".join(p for p in (result["note"], f"every run; max {_fmt(max(samples))}") if p)
    return result


def not_built(name, reason="not built yet"):
    return {**row(name, None), "note": f"n/a ({reason})"}


def failed(name, exc):
    message = " ".join(str(exc).split())[:80]
    return {**row(name, None), "met": False, "note": f"failed: {type(exc).__name__}: {message}"}


def _fmt(value):
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    return str(value)


def _cells(r):
    """(database, measurement, min, median, unit, target, met, note) as text."""
    database = DATABASE_NAMES.get(r.get("database", ""), r.get("database", ""))
    r = {**r, "note": " ".join(str(r.get("note") or "").split())}  # one line a row
    met = "" if r["met"] is None else ("met" if r["met"] else "NOT MET")
    if r["value"] is None:
        return database, r["name"], "", r["note"], "", r["target_text"], met, ""
    minimum = "" if r.get("min") is None else _fmt(r["min"])
    return database, r["name"], minimum, _fmt(r["value"]), r["unit"], r["target_text"], met, r["note"]


def table(rows):
    """The plain-text table the bench prints."""
    headers = ("database", "measurement", "min", "median", "unit", "target", "met", "note")
    data = [_cells(r) for r in rows]
    # Columns nobody filled (no database named, everything measured once) are left out.
    keep = [i for i, h in enumerate(headers) if h in ("measurement", "median") or any(d[i] for d in data)]
    headers = tuple(headers[i] for i in keep)
    data = [tuple(d[i] for i in keep) for d in data]
    widths = [max([len(h)] + [len(d[i]) for d in data]) for i, h in enumerate(headers)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(c.ljust(w) for c, w in zip(d, widths, strict=True)).rstrip() for d in data)
    return "\n".join(lines)


def markdown_table(rows):
    lines = ["| database | measurement | min | median | target | met | note |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        database, name, minimum, median, unit, target, met, note = _cells(r)
        if r["value"] is not None and unit:
            median = f"{median} {unit}"
            minimum = f"{minimum} {unit}" if minimum else ""
        met = {"met": "yes", "NOT MET": "**no**"}.get(met, "")
        cells = (database, name, minimum, median, target, met, note)
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def heading(meta):
    """The line above the README tables: when, on what, under how much other work, on which databases."""
    machine = meta.get("machine", {})
    load = meta.get("load_average_1min", {})
    databases = ", ".join(
        f"{DATABASE_NAMES.get(name, name)} {info.get('version', '')}".strip()
        for name, info in meta.get("databases", {}).items()
    )
    skipped = "".join(
        f" ({DATABASE_NAMES.get(name, name)} not run: {reason})"
        for name, reason in meta.get("skipped_databases", {}).items()
    )
    return (
        f"Latest full `make bench` run: {meta.get('finished_at_text', '')}, {machine.get('cpus', '?')} CPUs "
        f"({machine.get('platform', '')}, Python {machine.get('python', '')}), 1-minute load average "
        f"{_fmt(load.get('start'))} at the start and {_fmt(load.get('end'))} at the end; "
        f"databases: {databases}{skipped}. "
        f"Each figure is the min and median of {meta.get('runs_per_figure', '?')} runs; a ratio is taken per run "
        f"(the figure and its baseline back to back) and its min and median reported; `met` judges the median. "
        f"Total {_fmt(meta.get('total_seconds'))} s."
    )


def replace_between(text, body, *, start=START, end=END):
    """`text` with what lies between the markers replaced by `body` (None when a marker is missing)."""
    if start not in text or end not in text:
        return None
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.strip()}\n{end}{tail}"


def update_readmes(rows, meta, paths=(README, BENCH_README)):
    """Writes the same heading and table between the bench markers of each file; returns the files changed."""
    body = f"{heading(meta)}\n\n{markdown_table(rows)}\n"
    changed = []
    for path in paths:
        text = path.read_text()
        new = replace_between(text, body)
        if new is not None and new != text:
            path.write_text(new)
            changed.append(path)
    return changed


def machine():
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}


def write(rows, meta, *, name="latest.json"):
    RESULTS_DIR.mkdir(exist_ok=True)
    payload = {
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        **meta,
        "rows": rows,
    }
    path = RESULTS_DIR / name
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path
