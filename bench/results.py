"""Result rows, the printed table and the JSON file."""

import json
import platform
import time
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def row(name, value, *, target=None, unit="", compare="<", target_text=None, note=""):
    """One figure. `compare` is how value must relate to target: "<", "<=", ">=", "==" ."""
    if target is None:
        met = None
    elif compare == "<":
        met = value < target
    elif compare == "<=":
        met = value <= target
    elif compare == ">=":
        met = value >= target
    else:
        met = value == target
    if target_text is None and target is not None:
        symbol = {">=": "≥", "<=": "≤", "==": "="}.get(compare, "<")
        target_text = f"{symbol} {_fmt(target)}"
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "target_text": target_text or "",
        "met": met,
        "note": note,
    }


def not_built(name, reason="not built yet"):
    return {
        "name": name,
        "value": None,
        "unit": "",
        "target": None,
        "target_text": "",
        "met": None,
        "note": f"n/a ({reason})",
    }


def _fmt(value):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:.0f}"
        if value >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    return str(value)


def table(rows):
    headers = ("measurement", "value", "unit", "target", "met", "note")
    lines = []
    data = []
    for r in rows:
        met = "" if r["met"] is None else ("met" if r["met"] else "NOT MET")
        value = r["note"] if r["value"] is None else _fmt(r["value"])
        note = "" if r["value"] is None else r["note"]
        data.append((r["name"], value, r["unit"], r["target_text"], met, note))
    widths = [max(len(h), *(len(d[i]) for d in data)) if data else len(h) for i, h in enumerate(headers)]
    lines.append(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    lines.append("-+-".join("-" * w for w in widths))
    for d in data:
        lines.append(" | ".join(str(c).ljust(w) for c, w in zip(d, widths, strict=True)))
    return "\n".join(lines)


README = Path(__file__).resolve().parent.parent / "README.md"
_START, _END = "<!-- bench:start -->", "<!-- bench:end -->"


def markdown_table(rows):
    lines = ["| measurement | value | target | met |", "|---|---|---|---|"]
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        value = r["note"] if r["value"] is None else f"{_fmt(r['value'])} {r['unit']}".strip()
        lines.append(f"| {r['name']} | {value} | {r['target_text']} | {met} |")
    return "\n".join(lines)


def update_readme(rows, finished_at):
    """Keep the README's benchmark table the latest one (between the bench markers)."""
    text = README.read_text()
    if _START not in text or _END not in text:
        return False
    head, rest = text.split(_START, 1)
    _old, tail = rest.split(_END, 1)
    body = f"\nLatest `make bench` run ({finished_at}, on this project's 2-core machine):\n\n{markdown_table(rows)}\n"
    README.write_text(f"{head}{_START}{body}{_END}{tail}")
    return True


def write(rows, meta):
    RESULTS_DIR.mkdir(exist_ok=True)
    payload = {
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "cpus": __import__("os").cpu_count(),
            "platform": platform.platform(),
        },
        **meta,
        "rows": rows,
    }
    path = RESULTS_DIR / "latest.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path
