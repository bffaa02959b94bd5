"""Scoring whose cost grows like its data (issue 26, item 3).

Cold scoring against one plain GROUP BY over the same answers at 1,000, 10,000 and 100,000 respondents,
with query counts.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster). Builds its own data with bench.data and returns rows made with bench.results.row.

Runnable alone: `python bench/growth.py [--sizes 1000,10000,100000] [--repeats 3]` against DATABASE_URL
(default: a fresh SQLite file in a temporary directory); it migrates, loads the model and prints the table.
"""

import os
import statistics
import sys
import time
from pathlib import Path

SIZES = (1_000, 10_000, 100_000)
TARGET = 2.0  # cold scoring at most this many times the plain GROUP BY


def _label(size):
    return f"{size:,}"


def _cold_score(assessment):
    """The served scoring with an empty result cache: what the first dashboard visit after a submit costs."""
    from django.core.cache import cache

    from assessments.scoring import score_assessment

    cache.clear()
    return score_assessment(assessment=assessment)


def _submit_one(assessment):
    """One more respondent through the submit path's storage step: a copy of an existing respondent's answers
    in the same team and role, submitted, its sums written by the service (which also drops its cell's
    tally). Returns nothing; the next cold scoring folds that one cell again."""
    import hashlib
    import secrets

    from django.utils import timezone

    from assessments.questionnaire.models import Answer, Response
    from assessments.questionnaire.services.response_sums import refresh_response_sums

    model = Response.objects.filter(assessment=assessment, submitted_at__isnull=False).order_by("pk").first()
    response = Response.objects.create(
        assessment=assessment,
        team_id=model.team_id,
        role_id=model.role_id,
        access_key_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
        submitted_at=timezone.now(),
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, statement_id=statement, current=current, ambition=ambition)
            for statement, current, ambition in model.answers.values_list("statement_id", "current", "ambition")
        ]
    )
    refresh_response_sums(response_ids=[response.pk])


def _after_one_submit(assessment, *, repeats):
    """(min, median) seconds of the first cold scoring after one more respondent submitted, `repeats` times."""
    durations = []
    for _ in range(repeats):
        _submit_one(assessment)
        assessment.refresh_from_db()
        started = time.perf_counter()
        _cold_score(assessment)
        durations.append(time.perf_counter() - started)
    return min(durations), statistics.median(durations)


def _times(fn, *, repeats):
    """(min, median) seconds of `repeats` calls after one untimed warm-up call."""
    fn()
    durations = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        durations.append(time.perf_counter() - started)
    return min(durations), statistics.median(durations)


def _queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def _existing(size):
    """The newest organisation an earlier run built for this size (all its respondents in), or None."""
    from assessments.questionnaire.models import Assessment
    from bench import data

    for assessment in Assessment.objects.filter(title=f"Growth {size} CX scan").order_by("-id"):
        # (an earlier run may have submitted a few more: see _after_one_submit)
        if size <= assessment.responses.filter(submitted_at__isnull=False).count() <= size + 100:
            return data.refresh(assessment)
    return None


def _build(size, version):
    from bench import data

    started = time.perf_counter()
    assessment = data.build_organisation(name=f"Growth {size}", version=version, respondents=size, seed=size)
    print(f"  built {_label(size)} respondents in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return data.refresh(assessment)


def rows(*, repeats=3, version=None, sizes=SIZES, reuse=False):
    """Result rows: per size the cold scoring's and the baseline's seconds (min and median of `repeats` runs),
    their ratio (target <= 2.0, from the medians; the note gives the ratio of the minimums) and the scoring's
    queries (the same for every size). reuse: measure the organisations an earlier run left in the database
    (builds only the sizes missing)."""
    from bench import data
    from bench.results import row
    from bench.scenarios import plain_group_by

    if version is None:
        version, _source = data.model_version()
    out, counts = [], {}
    for size in sizes:
        assessment = (_existing(size) if reuse else None) or _build(size, version)
        label = _label(size)
        score_min, score_median = _times(lambda a=assessment: _cold_score(a), repeats=repeats)
        base_min, base_median = _times(lambda a=assessment: plain_group_by(a), repeats=repeats)
        counts[size] = _queries(lambda a=assessment: _cold_score(a))
        after_min, after_median = _after_one_submit(assessment, repeats=repeats)
        print(
            f"  {label}: cold scoring {score_median:.4f} s (min {score_min:.4f}), GROUP BY {base_median:.4f} s"
            f" (min {base_min:.4f}), {score_median / base_median:.2f}x, {counts[size]} queries;"
            f" after one submit {after_median:.4f} s ({after_median / base_median:.2f}x)",
            file=sys.stderr,
            flush=True,
        )
        out.append(
            row(
                f"growth {label}: cold scoring: seconds (median)",
                score_median,
                unit="s",
                note=f"min {score_min:.4f} s",
            )
        )
        out.append(
            row(
                f"growth {label}: cold scoring after one more submit: seconds (median)",
                after_median,
                unit="s",
                note=f"min {after_min:.4f} s; the submitted respondent's cell folded again",
            )
        )
        out.append(
            row(
                f"growth {label}: one plain GROUP BY over its answers: seconds (median)",
                base_median,
                unit="s",
                note=f"min {base_min:.4f} s",
            )
        )
        out.append(
            row(
                f"growth {label}: cold scoring / GROUP BY",
                score_median / base_median,
                target=TARGET,
                unit="x",
                compare="<=",
                note=f"of the minimums {score_min / base_min:.2f}x",
            )
        )
        out.append(
            row(
                f"growth {label}: cold scoring after one more submit / GROUP BY",
                after_median / base_median,
                target=TARGET,
                unit="x",
                compare="<=",
                note=f"of the minimums {after_min / base_min:.2f}x",
            )
        )
    first = counts[sizes[0]]
    for size in sizes:
        out.append(
            row(
                f"growth {_label(size)}: scoring queries",
                counts[size],
                target=first,
                unit="queries",
                compare="==",
                target_text=f"= {first} (as at {_label(sizes[0])})",
            )
        )
    return out


def _setup():
    """Django against DATABASE_URL (default: a new SQLite file in a temporary directory), migrated."""
    import tempfile

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.chdir(root)
    if not os.environ.get("DATABASE_URL"):
        path = Path(tempfile.mkdtemp(prefix="cxm-growth-")) / "growth.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="measure organisations an earlier run built")
    args = parser.parse_args()
    _setup()
    from bench import data
    from bench.results import table

    version, source = data.model_version()
    print(f"Model: {source}", file=sys.stderr, flush=True)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    print(table(rows(repeats=args.repeats, version=version, sizes=sizes, reuse=args.reuse)))


if __name__ == "__main__":
    main()
