"""Scoring whose cost grows like its data (issue 26, item 3): cold scoring against one plain GROUP BY over the same answers at 1,000, 10,000 and 100,000 respondents, with query counts.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster). Builds its own data with bench.data and returns rows made with bench.results.row.
"""


def rows(*, repeats=3, version=None):
    """Result rows; each figure the median of `repeats` runs (ratios also give their minimum)."""
    return []
