"""A 100,000-person organisation with 200 teams (issue 26, item 4): dashboard first visit, drill-down, exports, the PDF and the 100,000-row invitation import.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster). Builds its own data with bench.data and returns rows made with bench.results.row.
"""


def rows(*, repeats=3, version=None):
    """Result rows; each figure the median of `repeats` runs (ratios also give their minimum)."""
    return []
