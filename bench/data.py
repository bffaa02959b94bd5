"""Synthetic organisations for the benchmark, written in bulk so 10,000 respondents take seconds: COPY on
PostgreSQL, batched `executemany` INSERTs in one transaction on SQLite (the embedded default has no COPY).

Each organisation has teams (some with sub-teams), four roles (two count as management), an
assessment with ambition on, invitations for everyone and a believable answer profile: strong and
weak factors, team differences, some "don't know", some disagreement, a comment now and then.
"""

import csv
import io
import random
import secrets
import uuid

from django.apps import apps
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from assessments.core.tokens import hash_token, new_token
from assessments.organisations.models import Organisation
from assessments.questionnaire import sums
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation, Response
from models_9plus.models import Factor, MaturityModel, ScaleOption, Statement
from tests import factories

MODEL_FILE = "models_9plus/data/nineplus.yaml"
TEAM_NAMES = ["Customer Service", "Sales", "Marketing", "Operations", "IT", "Finance", "HR", "Logistics"]
SUB_TEAMS = {"Customer Service": ["Phone", "Chat"], "Sales": ["Field", "Inside"]}
ROLES = [("Board", True), ("Management", True), ("Front office", False), ("Back office", False)]


def model_version():
    """The real 9+ model (7 x 5 statements) when its loader exists, else an equivalent synthetic one."""
    try:
        call_command("load_maturity_model", MODEL_FILE, verbosity=0)
        source = "nineplus.yaml"
    except Exception:  # the loader may not exist yet, or the file may not load: fall back, say so
        factories.make_model_version(code="nineplus", factors=7, statements=5)
        source = "synthetic 7x5"
    version = MaturityModel.objects.get(code="nineplus").latest_version()
    return version, source


SQLITE_BATCH = 20_000
CHUNK = 5_000  # respondents whose answers are generated and written at a time


def _copy(table, columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in row])
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
        )


def _converters(table, columns):
    """Per column, how SQLite's driver must receive the value (None: as it is). Django stores UUIDs as 32 hex
    digits and dates as text there; the field itself says how, so the bench writes what the ORM would."""
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    fields = {field.column: field for field in model._meta.concrete_fields}
    special = (models.UUIDField, models.DateTimeField, models.DateField, models.BooleanField)
    return [
        (lambda value, field=fields[column]: field.get_db_prep_save(value, connection))
        if isinstance(fields[column], special)
        else None
        for column in columns
    ]


def _insert_batches(table, columns, rows):
    convert = _converters(table, columns)
    active = [(i, fn) for i, fn in enumerate(convert) if fn is not None]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []
        for row in rows:
            if active:
                row = list(row)
                for i, fn in active:
                    row[i] = fn(row[i])
            batch.append(row)
            if len(batch) >= SQLITE_BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def bulk_write(table, columns, rows):
    """Rows (tuples in `columns` order, Python values) into `table`: COPY on PostgreSQL, INSERT batches else."""
    if connection.vendor == "postgresql":
        _copy(table, columns, rows)
    else:
        _insert_batches(table, columns, rows)


def sums_writer(version):
    """A function writing the per-response sums (ResponseFactorSums) of answers held in memory: what
    backfill_response_sums computes with the ORM, in bulk (COPY / INSERT batches), so 100,000 respondents
    take a minute instead of half an hour. For any bench module that writes its own answers:
    write(response_ids=[...], answers=[(response, statement, current, ambition)], ambitions=[(response, factor,
    value)]) per chunk of submitted responses, then bump_data_version once."""
    scale_min, scale_max = sums.scale_bounds(
        ScaleOption.objects.filter(version=version).values_list("value", flat=True)
    )
    statements = sums.statement_infos(
        Statement.objects.filter(factor__version=version)
        .order_by("factor_id", "order", "id")
        .values_list("id", "factor_id", "weight", "reverse", "tag", "servqual_gap", "audience"),
        scale_max=scale_max,
    )
    factor_ids = set(Factor.objects.filter(version=version).values_list("pk", flat=True))
    columns = ["response_id", "factor_id", "role_kind", *sums.COLUMNS]

    def write(*, response_ids, answers, ambitions):
        rows = sums.compute_rows(
            response_ids=response_ids,
            answers=answers,
            factor_ambitions=[a for a in ambitions if a[2] is not None],
            statements=statements,
            factor_ids=factor_ids,
            scale_min=scale_min,
            scale_max=scale_max,
        )
        bulk_write(
            "assessments_responsefactorsums",
            columns,
            ((r, f, k, *(values[c] for c in sums.COLUMNS)) for (r, f, k), values in rows.items()),
        )

    return write


def build_organisation(*, name, version, respondents, status="closed", seed=1):
    rng = random.Random(seed)
    organisation = Organisation.objects.create(name=name, sector="Benchmark", anonymity_threshold=5)
    teams = []
    for team_name in TEAM_NAMES:
        parent = factories.make_team(organisation=organisation, name=team_name)
        teams.extend(
            factories.make_team(organisation=organisation, name=f"{team_name} {sub}", parent=parent)
            for sub in SUB_TEAMS.get(team_name, [])
        )
        if team_name not in SUB_TEAMS:
            teams.append(parent)
    roles = [
        factories.make_role(organisation=organisation, name=role, is_management=management, order=i)
        for i, (role, management) in enumerate(ROLES)
    ]
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=version,
        teams=teams,
        roles=roles,
        status=status,
        ask_ambition=True,
        title=f"{name} CX scan",
        closed_at=timezone.now() if status == "closed" else None,
    )
    statements = list(Statement.objects.filter(factor__version=version).select_related("factor"))
    factor_base = {f: rng.uniform(1.8, 4.2) for f in {s.factor_id for s in statements}}
    team_offset = {t.pk: rng.uniform(-0.6, 0.6) for t in teams}
    role_weights = [0.03, 0.12, 0.5, 0.35]
    now = timezone.now()

    # Invitations for everyone (plus some who never answer): the response rate is part of the dashboard.
    invited = int(respondents * 1.25)
    bulk_write(
        "assessments_invitation",
        [
            "public_id",
            "assessment_id",
            "team_id",
            "role_id",
            "email",
            "token_hash",
            "created_at",
            "started",
            "completed_on",
            "language",
            "name",
        ],
        (
            (
                uuid.uuid4(),
                assessment.pk,
                teams[i % len(teams)].pk,
                None,
                f"person{i}@{organisation.pk}.example",
                secrets.token_hex(32),
                now,
                i < respondents,
                timezone.localdate() if i < respondents else None,
                "",
                "",
            )
            for i in range(invited)
        ),
    )
    response_rows = []
    for _ in range(respondents):
        team = rng.choice(teams)
        role = rng.choices(roles, weights=role_weights)[0]
        response_rows.append(
            (
                uuid.uuid4(),
                assessment.pk,
                team.pk,
                role.pk,
                rng.choice(["nl", "en"]),
                secrets.token_hex(32),
                now,
                now,
                now,
                8,
                9,
                False,
                "",
                "",
            )
        )
    bulk_write(
        "assessments_response",
        [
            "public_id",
            "assessment_id",
            "team_id",
            "role_id",
            "language",
            "access_key_hash",
            "started_at",
            "updated_at",
            "submitted_at",
            "version",
            "last_step",
            "from_team_link",
            "network_hash",
            "answers_fingerprint",
        ],
        response_rows,
    )
    ids = list(Response.objects.filter(assessment=assessment).order_by("id").values_list("id", "team_id", "role_id"))
    management = {r.pk for r in roles if r.is_management}
    factor_ids = sorted(factor_base)
    per_factor = assessment.model_version.ambition_per_factor
    sums_of = sums_writer(version)
    # In chunks, so 100,000 respondents never hold 4 million answers in memory at once.
    for start in range(0, len(ids), CHUNK):
        answers, comments, factor_ambitions = [], [], []
        for response_id, team_id, role_id in ids[start : start + CHUNK]:
            optimism = 0.5 if role_id in management else 0.0  # the perception gap the dashboard should show
            person = rng.gauss(0, 0.5)
            for statement in statements:
                if rng.random() < 0.05:
                    current = 0  # don't know
                else:
                    raw = factor_base[statement.factor_id] + team_offset[team_id] + optimism + person
                    current = min(5, max(1, round(raw + rng.gauss(0, 0.7))))
                ambition = min(5, max(1, (current or 3) + rng.choice([0, 1, 1, 2])))
                answers.append((response_id, statement.pk, current, ambition))
            # Per-factor models (v2) ask the ambition once per factor; per-statement ones keep it on the answers.
            factor_ambitions.extend(
                (response_id, factor_id, min(5, max(1, round(factor_base[factor_id]) + rng.choice([0, 1, 1, 2]))))
                for factor_id in factor_ids
            )
            if rng.random() < 0.1:
                comments.append((response_id, rng.choice(factor_ids), "We could share customer feedback more often."))
        bulk_write("assessments_answer", ["response_id", "statement_id", "current", "ambition"], answers)
        bulk_write("assessments_comment", ["response_id", "factor_id", "text"], comments)
        if not per_factor:
            factor_ambitions = []
        bulk_write("assessments_factorambition", ["response_id", "factor_id", "value"], factor_ambitions)
        # Bulk writes bypass submit: the per-response sums scoring reads, computed as the backfill computes
        # them (tests/core/test_bench_data.py holds the two equal) and written in bulk too.
        sums_of(
            response_ids=[i for i, _team, _role in ids[start : start + CHUNK]],
            answers=answers,
            ambitions=factor_ambitions,
        )
    bump_data_version(assessment_ids=[assessment.pk])
    if connection.vendor == "postgresql":
        # As autovacuum would soon after such a load. SQLite has no such daemon: its deployments plan
        # without statistics unless someone runs ANALYZE, so the bench leaves it so too.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return assessment


def build_load_assessment(*, version, invitations):
    """An open assessment without roles (no start question) and fresh personal links; returns the tokens."""
    organisation = Organisation.objects.create(name="Load test organisation", sector="Benchmark")
    team = factories.make_team(organisation=organisation, name="Everyone")
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=version,
        teams=[team],
        status="open",
        ask_ambition=True,
        title="Monday morning rush",
    )
    tokens = [new_token() for _ in range(invitations)]
    Invitation.objects.bulk_create(
        Invitation(
            assessment=assessment,
            team=team,
            email=f"load{i}@example.org",
            token_hash=hash_token(token, purpose="invitation"),
        )
        for i, token in enumerate(tokens)
    )
    return assessment, tokens


def statement_codes_by_step(version):
    """{step: {"codes": [statement codes], "factor_ambition": "fa-<factor code>" or None}}: step n is the
    n-th factor, as the questionnaire numbers its pages. Per-factor models (v2) ask the ambition once per
    factor (the field "fa-<code>"), older ones once per statement ("a-<code>")."""
    steps, factors = {}, {}
    for statement in (
        Statement.objects.filter(factor__version=version).select_related("factor").order_by("factor__order", "order")
    ):
        steps.setdefault(statement.factor.order, []).append(statement.code)
        factors[statement.factor.order] = statement.factor.code
    per_factor = version.ambition_per_factor
    return {
        index: {"codes": steps[order], "factor_ambition": f"fa-{factors[order]}" if per_factor else None}
        for index, order in enumerate(sorted(steps), start=1)
    }


def manager_for(assessment):
    user = factories.make_user(email=f"bench.manager.{assessment.pk}@example.org")
    factories.add_member(user=user, organisation=assessment.organisation, role="manager")
    return user


def refresh(assessment):
    return Assessment.objects.select_related("organisation", "model_version").get(pk=assessment.pk)
