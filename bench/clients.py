"""A consultancy with 1,000 client organisations and 5,000 assessments (issue 26, item 5): the portfolio page and benchmarks against a 10-organisation portfolio.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster). Builds its own data with bench.data and returns rows made with bench.results.row.
"""


def rows(*, repeats=3, version=None):
    """Result rows; each figure the median of `repeats` runs (ratios also give their minimum)."""
    return []
