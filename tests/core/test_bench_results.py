"""bench/results.py: rows with min and median, the printed and markdown tables, and the README tables written
between the bench markers. Formatting only: no timing is measured or asserted here."""

from bench.results import (
    END,
    START,
    failed,
    heading,
    markdown_table,
    not_built,
    replace_between,
    row,
    summary,
    table,
    update_readmes,
)

META = {
    "finished_at_text": "2026-12-06 08:00 UTC",
    "machine": {"cpus": 2, "platform": "Linux-x86_64", "python": "3.11.7"},
    "load_average_1min": {"start": 1.5, "end": 3.25},
    "databases": {"sqlite": {"version": "3.40.1"}, "postgresql": {"version": "15.14"}},
    "runs_per_figure": 3,
    "total_seconds": 1234.5,
}


def _rows():
    return [
        {**summary("export answers 1,000: xlsx / csv", [2.5, 1.5, 1.8], target=2.0, compare="<=", unit="x")},
        {**row("scoring 10: queries", 14, target=14, compare="==", unit="queries"), "database": "sqlite"},
        {**not_built("growth: rows"), "database": "postgresql"},
    ]


def test_summary_gives_the_min_and_median_and_judges_the_median():
    r = summary("scoring 1,000: full / GROUP BY", [3.0, 1.0, 2.0], target=2.0, compare="<=", unit="x")
    assert (r["min"], r["median"], r["value"], r["runs"], r["met"]) == (1.0, 2.0, 2.0, 3, True)
    assert r["target_text"] == "≤ 2.00"


def test_summary_of_counts_must_meet_the_target_in_every_run():
    r = summary("fault: acknowledged saves missing afterwards", [0, 0, 2], target=0, compare="==", every=True)
    assert (r["min"], r["median"], r["met"]) == (0, 0, False)
    assert r["note"] == "every run; max 2"
    assert summary("errors", [0, 0, 0], target=0, compare="==", every=True)["met"] is True


def test_a_single_value_has_no_min_and_nothing_measured_has_no_verdict():
    assert row("PDF report: size", 129.0, unit="KB")["min"] is None
    assert summary("nothing", [], target=1.0)["value"] is None
    assert summary("nothing", [], target=1.0)["met"] is None


def test_a_failure_is_one_line_and_not_met():
    r = failed("dashboard first visit", RuntimeError("Timeout\nCall log:\n  - waiting"))
    assert r["met"] is False
    assert r["note"] == "failed: RuntimeError: Timeout Call log: - waiting"


def test_the_markdown_table_names_the_database_min_median_target_and_verdict():
    rows = [{**r, "database": r.get("database", "sqlite")} for r in _rows()]
    assert markdown_table(rows) == "\n".join(
        [
            "| database | measurement | min | median | target | met | note |",
            "|---|---|---|---|---|---|---|",
            "| SQLite | export answers 1,000: xlsx / csv | 1.50 x | 1.80 x | ≤ 2.00 | yes |  |",
            "| SQLite | scoring 10: queries |  | 14 queries | = 14 | yes |  |",
            "| PostgreSQL | growth: rows |  | n/a (not built yet) |  |  |  |",
        ]
    )


def test_the_printed_table_leaves_out_columns_nobody_filled():
    printed = table([row("cluster: acknowledged saves lost", 0, target=0, compare="==", unit="saves")])
    header = printed.splitlines()[0].split(" | ")
    assert [h.strip() for h in header] == ["measurement", "median", "unit", "target", "met"]
    assert "database" in table(_rows()).splitlines()[0]


def test_the_heading_says_when_where_under_what_load_and_on_which_databases():
    text = heading(META)
    for part in (
        "2026-12-06 08:00 UTC",
        "2 CPUs",
        "load average 1.50 at the start and 3.25 at the end",
        "SQLite 3.40.1, PostgreSQL 15.14",
        "min and median of 3 runs",
    ):
        assert part in text


def test_the_table_replaces_only_what_lies_between_the_markers():
    text = f"# Title\n\nbefore\n{START}\nold table\n{END}\nafter\n<!-- cluster-bench:start -->\nx\n"
    assert replace_between(text, "new table\n") == (
        f"# Title\n\nbefore\n{START}\nnew table\n{END}\nafter\n<!-- cluster-bench:start -->\nx\n"
    )
    assert replace_between("no markers here", "new table") is None


def test_both_readmes_get_the_same_table_from_the_same_run(tmp_path):
    readme, bench_readme, other = tmp_path / "README.md", tmp_path / "bench.md", tmp_path / "other.md"
    readme.write_text(f"## Benchmarks\n{START}\nold\n{END}\n## Next\n")
    bench_readme.write_text(f"# Benchmarks\n\n{START}{END}\n")
    other.write_text("nothing to replace\n")
    changed = update_readmes(_rows(), META, paths=(readme, bench_readme, other))
    assert changed == [readme, bench_readme]
    assert other.read_text() == "nothing to replace\n"
    block = f"{START}\n{heading(META)}\n\n{markdown_table(_rows())}\n{END}"
    assert readme.read_text() == f"## Benchmarks\n{block}\n## Next\n"
    assert bench_readme.read_text() == f"# Benchmarks\n\n{block}\n"


def test_the_heading_says_which_database_was_not_run_and_why():
    text = heading({**META, "skipped_databases": {"postgresql": "initdb not found"}})
    assert "(PostgreSQL not run: initdb not found)" in text


def test_counts_stay_counts_with_an_even_number_of_runs():
    assert markdown_table([summary("errors", [0, 0], target=0, compare="==", unit="requests", every=True)]).endswith(
        "|  | errors | 0 requests | 0 requests | = 0 | yes | every run; max 0 |"
    )
    assert summary("requests/s", [1.0, 2.0])["median"] == 1.5
