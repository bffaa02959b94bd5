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

PEOPLE = int(os.environ.get("BENCH_LARGE_PEOPLE", "100000"))  # invited; 80% respond
TEAMS = 200


def _build_in_sql(*, version, respondents, invited, teams, seed=26):
    """PostgreSQL: the organisation's rows written by the database itself (generate_series), in seconds where
    a row-by-row build from Python takes minutes: respondents spread evenly over `teams` teams, four roles
    (two management), strong and weak factors, team differences, 5% "don't know"."""
    import random

    from django.db import connection
    from django.utils import timezone

    from assessments.organisations.models import Organisation
    from bench.data import ROLES
    from models_9plus.models import Factor
    from tests import factories

    rng = random.Random(seed)
    organisation = Organisation.objects.create(name="Large organisation", sector="Benchmark", anonymity_threshold=5)
    made = [factories.make_team(organisation=organisation, name=f"Unit {i:03d}") for i in range(1, teams + 1)]
    roles = [
        factories.make_role(organisation=organisation, name=role, is_management=management, order=i)
        for i, (role, management) in enumerate(ROLES)
    ]
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=version,
        teams=made,
        roles=roles,
        status="closed",
        ask_ambition=True,
        title="Large organisation CX scan",
        closed_at=timezone.now(),
    )
    team_ids = "ARRAY[" + ",".join(str(t.pk) for t in made) + "]::bigint[]"
    offsets = "ARRAY[" + ",".join(f"{rng.uniform(-0.8, 0.8):.3f}" for _ in made) + "]::float8[]"
    board, management, front, back = (r.pk for r in roles)
    factors = list(Factor.objects.filter(version=version).values_list("pk", flat=True))
    bases = ", ".join(f"({pk}, {rng.uniform(2.0, 4.0):.3f})" for pk in factors)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO assessments_invitation (public_id, assessment_id, team_id, email, name, language, token_hash,
                created_at, started, completed_on)
            SELECT gen_random_uuid(), %s, ({team_ids})[1 + i %% {teams}], 'person' || i || '@large.example', '', '',
                md5('inv' || i || random()) || md5(random()::text), now(), i < %s,
                CASE WHEN i < %s THEN current_date END
            FROM generate_series(0, %s - 1) AS i
            """,  # noqa: S608 (ids and numbers made here)
            [assessment.pk, respondents, respondents, invited],
        )
        cursor.execute(
            f"""
            INSERT INTO assessments_response (public_id, assessment_id, team_id, role_id, language, access_key_hash,
                started_at, updated_at, submitted_at, version, last_step, from_team_link, network_hash,
                answers_fingerprint)
            SELECT gen_random_uuid(), %s, ({team_ids})[1 + i %% {teams}],
                CASE WHEN i %% 100 < 3 THEN {board} WHEN i %% 100 < 15 THEN {management}
                     WHEN i %% 100 < 65 THEN {front} ELSE {back} END,
                CASE WHEN i %% 2 = 0 THEN 'nl' ELSE 'en' END,
                md5('resp' || i || random()) || md5(random()::text), now(), now(), now(), 8, 9, false, '', ''
            FROM generate_series(0, %s - 1) AS i
            """,  # noqa: S608
            [assessment.pk, respondents],
        )
        cursor.execute(
            f"""
            WITH bases(factor_id, base) AS (VALUES {bases}),
            people AS (
                SELECT r.id, r.role_id, ({offsets})[array_position({team_ids}, r.team_id)]
                       + CASE WHEN r.role_id IN ({board}, {management}) THEN 0.5 ELSE 0 END
                       + (random() - 0.5) AS lift
                FROM assessments_response r WHERE r.assessment_id = %s
            ),
            drawn AS (
                SELECT p.id AS response_id, s.id AS statement_id, random() AS dk,
                       LEAST(5, GREATEST(1, round(b.base + p.lift + (random() - 0.5) * 2.4)))::int AS value
                FROM people p
                CROSS JOIN models_9plus_statement s
                JOIN models_9plus_factor f ON f.id = s.factor_id AND f.version_id = %s
                JOIN bases b ON b.factor_id = f.id
            )
            INSERT INTO assessments_answer (response_id, statement_id, current, ambition)
            SELECT response_id, statement_id, CASE WHEN dk < 0.05 THEN 0 ELSE value END,
                   LEAST(5, value + floor(random() * 3)::int)
            FROM drawn
            """,  # noqa: S608
            [assessment.pk, version.pk],
        )
        if version.ambition_per_factor:
            cursor.execute(
                f"""
                WITH bases(factor_id, base) AS (VALUES {bases})
                INSERT INTO assessments_factorambition (response_id, factor_id, value)
                SELECT r.id, b.factor_id, LEAST(5, GREATEST(1, round(b.base) + floor(random() * 3)))::int
                FROM assessments_response r CROSS JOIN bases b WHERE r.assessment_id = %s
                """,  # noqa: S608
                [assessment.pk],
            )
    _write_sums(assessment=assessment, version=version)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return assessment, made


def _write_sums(*, assessment, version, chunk=5_000):
    """The per-response sums scoring reads, as bench.data writes them (equal to the backfill's, tested in
    tests/core/test_bench_data.py), read back in chunks: the ORM backfill takes half an hour at 100,000."""
    from django.db import connection

    from assessments.questionnaire.data_version import bump_data_version
    from bench.data import sums_writer

    write = sums_writer(version)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM assessments_response WHERE assessment_id = %s ORDER BY id", [assessment.pk])
        ids = [i for (i,) in cursor.fetchall()]
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            cursor.execute(
                "SELECT response_id, statement_id, current, ambition FROM assessments_answer"
                " WHERE response_id = ANY(%s)",
                [part],
            )
            answers = cursor.fetchall()
            cursor.execute(
                "SELECT response_id, factor_id, value FROM assessments_factorambition WHERE response_id = ANY(%s)",
                [part],
            )
            write(response_ids=part, answers=answers, ambitions=cursor.fetchall())
    bump_data_version(assessment_ids=[assessment.pk])


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

    def first():  # nothing kept: every (team, role) cell folded from the stored sums (scoring/cells.py), every
        # group computed from them (scoring/kept_groups.py)
        from assessments.questionnaire.models import CellTally, GroupTally

        CellTally.objects.filter(assessment=assessment).delete()
        GroupTally.objects.filter(assessment=assessment).delete()
        return cold()

    _get(client, dashboard)  # templates and the session
    first_s, _ = _median(first, repeats)
    cold_s, _ = _median(cold, repeats)
    cache.clear()
    cold_q = query_count(lambda: _get(client, dashboard))
    warm_s, _ = _median(lambda: _get(client, dashboard), repeats)
    warm_q = query_count(lambda: _get(client, dashboard))
    drill_s, _ = _median(lambda: _get(client, drill), repeats)
    drill_q = query_count(lambda: _get(client, drill))
    return [
        row(
            "200 teams: dashboard, first scoring ever (s)",
            first_s,
            target=5.0,
            unit="s",
            note="cache cleared, nothing kept: every cell folded, every group computed",
        ),
        row(
            "200 teams: dashboard cold (s)",
            cold_s,
            target=5.0,
            unit="s",
            note=f"{cold_q} queries, cache cleared, cells and groups kept",
        ),
        row("200 teams: dashboard warm (s)", warm_s, target=1.0, unit="s", note=f"{warm_q} queries"),
        row("200 teams: factor drill-down (s)", drill_s, target=2.0, unit="s", note=f"{drill_q} queries"),
    ]


def _exports(assessment):
    from assessments.results import exports
    from bench.measure import consume_export, python_peak_mb
    from bench.results import row

    rows = []
    for fmt in ("csv", "xlsx"):
        size = 0

        def run(fmt=fmt):
            nonlocal size
            _name, _type, content = exports.export(assessment=assessment, kind="answers", fmt=fmt, language="en")
            size = consume_export(content)

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
    from django.db import connection

    started = time.perf_counter()
    respondents = int(PEOPLE * 0.8)
    if connection.vendor == "postgresql":
        assessment, teams = _build_in_sql(version=version, respondents=respondents, invited=PEOPLE, teams=TEAMS)
    else:  # bench.data's own build (12 teams), then spread over 200
        assessment = data.build_organisation(name="Large organisation", version=version, respondents=respondents)
        teams = _spread_over_teams(assessment, teams=TEAMS)
    assessment = data.refresh(assessment)
    built = time.perf_counter() - started
    client = Client()
    client.force_login(data.manager_for(assessment))
    result = [row("200 teams: build 100,000 people (s)", built, unit="s", note=f"{respondents} responded")]
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
