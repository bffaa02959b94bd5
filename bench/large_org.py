"""A 100,000-person organisation with 200 teams (issue 26, item 4).

Measures the dashboard (cold and warm), the factor drill-down, the CSV and Excel exports of the raw answers,
the PDF report and the import of a 100,000-row invitation file.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster); runs alone too, on the database DATABASE_URL names (migrated first):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cxm_large .venv/bin/python bench/large_org.py
Builds its own data with bench.data (then spreads the respondents over 200 teams) and returns rows made with
bench.results.row.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

PEOPLE = 100_000  # invited; 80% respond
TEAMS = 200


def _spread_over_teams(assessment, *, teams):
    """bench.data builds a dozen teams: move its respondents and invitations to `teams` new teams, id by id."""
    from django.db import connection

    from assessments.questionnaire.data_version import bump_data_version
    from tests import factories

    organisation = assessment.organisation
    made = [factories.make_team(organisation=organisation, name=f"Unit {i:03d}") for i in range(1, teams + 1)]
    assessment.teams.set(made)
    ids = [team.pk for team in made]
    cases = " ".join(f"WHEN {k} THEN {pk}" for k, pk in enumerate(ids))
    with connection.cursor() as cursor:
        for table in ("assessments_response", "assessments_invitation"):
            cursor.execute(
                f"UPDATE {table} SET team_id = CASE (id % {teams}) {cases} END WHERE assessment_id = %s",  # noqa: S608
                [assessment.pk],
            )
    bump_data_version(assessment_ids=[assessment.pk])
    return made


def _median(fn, repeats):
    durations, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
    return response


def _pages(client, assessment, repeats):
    from django.core.cache import cache
    from django.urls import reverse

    from bench.measure import query_count
    from bench.results import row

    dashboard = reverse("assessment_dashboard", kwargs={"assessment": assessment.public_id})
    factor = assessment.model_version.factors.order_by("order").first().code
    drill = reverse("factor_drilldown", kwargs={"assessment": assessment.public_id, "factor": factor})

    def cold():
        cache.clear()
        return _get(client, dashboard)

    _get(client, dashboard)  # templates and the session
    cold_s, _ = _median(cold, repeats)
    cache.clear()
    cold_q = query_count(lambda: _get(client, dashboard))
    warm_s, _ = _median(lambda: _get(client, dashboard), repeats)
    warm_q = query_count(lambda: _get(client, dashboard))
    drill_s, _ = _median(lambda: _get(client, drill), repeats)
    drill_q = query_count(lambda: _get(client, drill))
    return [
        row("200 teams: dashboard cold (s)", cold_s, target=5.0, unit="s", note=f"{cold_q} queries, cache cleared"),
        row("200 teams: dashboard warm (s)", warm_s, target=1.0, unit="s", note=f"{warm_q} queries"),
        row("200 teams: factor drill-down (s)", drill_s, target=2.0, unit="s", note=f"{drill_q} queries"),
    ]


def _exports(assessment):
    from assessments.results import exports
    from bench.measure import python_peak_mb
    from bench.results import row

    rows = []
    for fmt in ("csv", "xlsx"):
        size = 0

        def run(fmt=fmt):
            nonlocal size
            _name, _type, content = exports.export(assessment=assessment, kind="answers", fmt=fmt, language="en")
            size = len(content) if isinstance(content, bytes) else sum(len(chunk.encode()) for chunk in content)

        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        peak = python_peak_mb(run)
        rows += [
            row(f"200 teams: answers export {fmt} (s)", seconds, target=60.0, unit="s", note=f"{size / 1e6:.0f} MB"),
            row(
                f"200 teams: answers export {fmt} peak Python memory (MB)",
                peak,
                target=300.0,
                unit="MB",
                note="tracemalloc",
            ),
        ]
    return rows


def _pdf(assessment):
    from pypdf import PdfReader

    from assessments.results.services.report_document import build_report_pdf
    from bench.results import row

    started = time.perf_counter()
    pdf = build_report_pdf(assessment=assessment, language="en")
    seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [row("200 teams: PDF report (s)", seconds, target=60.0, unit="s", note=f"{pages} pages")]


def _invitation_import(organisation, version, teams):
    from assessments.questionnaire.models import Invitation, InvitationImport
    from assessments.questionnaire.services import invitations
    from bench.results import row
    from tests import factories

    draft = factories.make_assessment(
        organisation=organisation, model_version=version, teams=teams, status="draft", title="Next round"
    )
    actor = factories.make_user(email=f"bench.importer.{draft.pk}@example.org")
    lines = ["email,team,name"] + [
        f"person{i}@import.example,{teams[i % len(teams)].name},Person {i}" for i in range(PEOPLE)
    ]
    job = InvitationImport.objects.create(
        assessment=draft, created_by=actor, digest="bench", content="\n".join(lines) + "\n", language=""
    )
    started = time.perf_counter()
    invitations.run_import(import_id=job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    created = Invitation.objects.filter(assessment=draft).count()
    return [
        row(
            "invitation import of 100,000 rows (s)",
            seconds,
            target=120.0,
            unit="s",
            note=f"{job.status}, {created} invited, one transaction",
        )
    ]


def rows(*, repeats=3, version=None):
    """Result rows; each figure the median of `repeats` runs (ratios also give their minimum)."""
    from django.test import Client

    from bench import data
    from bench.results import row

    if version is None:
        version, _source = data.model_version()
    started = time.perf_counter()
    assessment = data.build_organisation(
        name="Large organisation", version=version, respondents=int(PEOPLE * 0.8), seed=26
    )
    teams = _spread_over_teams(assessment, teams=TEAMS)
    assessment = data.refresh(assessment)
    built = time.perf_counter() - started
    client = Client()
    client.force_login(data.manager_for(assessment))
    result = [row("200 teams: build 100,000 people (s)", built, unit="s", note="bench.data, 80% responded")]
    result += _pages(client, assessment, repeats)
    result += _exports(assessment)
    result += _pdf(assessment)
    result += _invitation_import(assessment.organisation, version, teams)
    return result


def main():
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.settings")
    os.environ.setdefault("DEBUG", "false")  # as bench/run.py: production settings, no query log
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import warnings

    import django

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command

    from bench.results import table

    call_command("migrate", "--noinput", verbosity=0)
    print(table(rows(repeats=int(os.environ.get("BENCH_RUNS", "3")))), flush=True)


if __name__ == "__main__":
    main()
