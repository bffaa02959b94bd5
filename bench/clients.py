"""A consultancy with 1,000 client organisations and 5,000 assessments (issue 26, item 5): the portfolio page
and benchmarks against a 10-organisation portfolio.

Called by bench/run.py after django.setup() and migrate, on whichever database the run uses (SQLite or the
throwaway PostgreSQL cluster). Builds its own data (bulk inserts, no COPY: it runs on SQLite too) inside one
transaction that is rolled back at the end, so the database is left as it was. Runnable alone:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cxm_clients .venv/bin/python bench/clients.py
    .venv/bin/python bench/clients.py          # a temporary SQLite file

Two consultants, each on a model version of her own (the benchmark compares organisations on one version):
- "1,000": 1,000 client organisations, five rounds each (5,000 assessments: four closed, the latest closed,
  open or draft), the last two rounds with three respondents each (the older ones without responses), on a
  model of 7 factors x 3 statements;
- "10": the same shape with 10 clients (50 assessments).
Each version also has 20 independent opted-in organisations (each with its own manager), so a client's
benchmark is published: the consultant's clients are one owner group (guard.py), never compared with each other.

Measured through the Django test client, signed in as the consultant: the portfolio's first page, a page
sorted by the index (a figure every row needs for the order), a search, and the benchmark page of one client.
Cold: the scoring cache emptied before each request; warm: after one request. Each figure is the median of
`repeats` requests (the minimum in the note); the ratio 1,000 / 10 compares medians (target <= 2), and the
queries of a request must be the same for both portfolios.
"""

import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

if __name__ == "__main__":  # alone: the project on the path, Django set up on DATABASE_URL or a temp SQLite file
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = {"1,000": 1000, "10": 10}
ROUNDS = 5
PEERS = 20
RESPONDENTS = 3
SECTORS = ["Care", "Retail", "Energy", "Finance", "Public"]
SIZE_BANDS = ["1-49", "50-249", "250-999", "1000+"]
THRESHOLD = 3


def _setup_alone():
    import tempfile

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    temp = None
    if not os.environ.get("DATABASE_URL"):
        temp = tempfile.mkdtemp(prefix="cxm-bench-clients-")
        os.environ["DATABASE_URL"] = f"sqlite:///{temp}/bench.sqlite3"
    import warnings

    import django

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return temp


def _answers(rng, base):
    value = base + rng.gauss(0, 0.4)
    if rng.random() < 0.04:
        return 0  # don't know
    return min(5, max(1, round(value)))


def _organisations(*, count, prefix, version, rng, opt_in=True, sector=None):
    from assessments.organisations.models import Organisation, Team

    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{prefix} {i:04d} {SECTORS[i % len(SECTORS)]}",
            sector=sector or SECTORS[i % len(SECTORS)],
            size_band=SIZE_BANDS[i % len(SIZE_BANDS)],
            benchmark_opt_in=opt_in,
        )
        for i in range(count)
    )
    teams = Team.objects.bulk_create(Team(organisation=o, name="Everyone") for o in organisations)
    return organisations, teams


def _rounds(*, organisations, teams, version, rounds, rng, latest_mix=True):
    """`rounds` assessments per organisation, chained by `previous`; returns {organisation id: [assessments]}."""
    from django.utils import timezone

    from assessments.questionnaire.models import Assessment

    now = timezone.now()
    made = []
    for i, organisation in enumerate(organisations):
        for r in range(rounds):
            latest = r == rounds - 1
            status = "closed"
            if latest and latest_mix and i % 10 == 3:
                status = "open"
            elif latest and latest_mix and i % 10 == 7:
                status = "draft"
            opens = now - timezone.timedelta(days=90 * (rounds - r) + i % 30)
            made.append(
                Assessment(
                    organisation=organisation,
                    model_version=version,
                    title=f"CX scan {2022 + r // 2} {'spring' if r % 2 == 0 else 'autumn'}",
                    status=status,
                    languages=["nl", "en"],
                    opens_at=opens,
                    closes_at=opens + timezone.timedelta(days=21),
                    closed_at=opens + timezone.timedelta(days=21) if status == "closed" else None,
                    threshold_scores=THRESHOLD,
                    threshold_comments=THRESHOLD,
                    threshold_spread=THRESHOLD,
                )
            )
    made = Assessment.objects.bulk_create(made, batch_size=2000)
    by_org = {}
    for assessment in made:
        by_org.setdefault(assessment.organisation_id, []).append(assessment)
    chained = []
    for chain in by_org.values():
        for earlier, later in zip(chain, chain[1:], strict=False):
            later.previous_id = earlier.pk
            chained.append(later)
    Assessment.objects.bulk_update(chained, ["previous"], batch_size=2000)
    team_of = {t.organisation_id: t for t in teams}
    Assessment.teams.through.objects.bulk_create(
        [Assessment.teams.through(assessment_id=a.pk, team_id=team_of[a.organisation_id].pk) for a in made],
        batch_size=5000,
    )
    return by_org, team_of


def _responses(*, assessments, team_of, statements, rng, base_of):
    """RESPONDENTS submitted responses with answers to every statement for each assessment, and their sums."""
    import hashlib

    from django.utils import timezone

    from assessments.questionnaire.models import Answer, Response
    from assessments.questionnaire.services.response_sums import refresh_response_sums

    now = timezone.now()
    responses = Response.objects.bulk_create(
        [
            Response(
                assessment=a,
                team=team_of[a.organisation_id],
                language="nl",
                access_key_hash=hashlib.sha256(f"{a.pk}-{k}-{rng.random()}".encode()).hexdigest(),
                submitted_at=now,
            )
            for a in assessments
            for k in range(RESPONDENTS)
        ],
        batch_size=2000,
    )
    of = {a.pk: a for a in assessments}
    Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                statement_id=statement,
                current=_answers(rng, base_of[of[response.assessment_id].organisation_id]),
                ambition=None,
            )
            for response in responses
            for statement in statements
        ),
        batch_size=10000,
    )
    ids = [r.pk for r in responses]
    for start in range(0, len(ids), 1000):
        refresh_response_sums(response_ids=ids[start : start + 1000])


def _invitations(*, assessments, team_of):
    from assessments.questionnaire.models import Invitation

    Invitation.objects.bulk_create(
        [
            Invitation(
                assessment=a,
                team=team_of[a.organisation_id],
                email=f"person{k}@{a.pk}.example",
                token_hash=uuid.uuid4().hex * 2,
                completed_on=a.opens_at.date() if k < 2 else None,
            )
            for a in assessments
            for k in range(4)
        ],
        batch_size=5000,
    )


def build_portfolio(*, label, count, seed):
    """A consultant with `count` client organisations (ROUNDS rounds each) and PEERS independent organisations,
    all on a model version of their own. Returns (consultant, the benchmarked assessment, seconds)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from assessments.organisations.models import Membership
    from models_9plus.models import Statement
    from tests import factories

    started = time.perf_counter()
    rng = random.Random(seed)
    run = uuid.uuid4().hex[:8]
    version = factories.make_model_version(code=f"clients-{count}-{run}", factors=7, statements=3, per_factor=True)
    statements = list(Statement.objects.filter(factor__version=version).values_list("pk", flat=True))
    unusable = make_password(None)  # nobody signs in with a password here: the client is forced in
    consultant = User.objects.create(
        username=f"consultant-{count}-{run}", email=f"consultant-{count}-{run}@example.org", password=unusable
    )
    clients, client_teams = _organisations(count=count, prefix=f"Client {label}", version=version, rng=rng)
    Membership.objects.bulk_create(Membership(user=consultant, organisation=o, role="consultant") for o in clients)
    peers, peer_teams = _organisations(count=PEERS, prefix=f"Peer {label}", version=version, rng=rng)
    managers = User.objects.bulk_create(
        User(username=f"peer-{count}-{run}-{i}", email=f"peer-{count}-{run}-{i}@example.org", password=unusable)
        for i in range(PEERS)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role="manager") for u, o in zip(managers, peers, strict=True)
    )
    by_org, team_of = _rounds(organisations=clients, teams=client_teams, version=version, rounds=ROUNDS, rng=rng)
    peer_rounds, peer_team_of = _rounds(
        organisations=peers, teams=peer_teams, version=version, rounds=1, rng=rng, latest_mix=False
    )
    team_of.update(peer_team_of)
    base_of = {o.pk: rng.uniform(2.2, 4.6) for o in clients}
    base_of.update({o.pk: rng.uniform(3.0, 3.2) for o in peers})  # close together: the figures are published
    answered = [a for chain in by_org.values() for a in chain[-2:] if a.status != "draft"]
    answered += [a for chain in peer_rounds.values() for a in chain]
    _responses(assessments=answered, team_of=team_of, statements=statements, rng=rng, base_of=base_of)
    _invitations(assessments=[chain[-1] for chain in by_org.values() if chain[-1].status == "open"], team_of=team_of)
    benchmarked = next(chain[-1] for chain in by_org.values() if chain[-1].status == "closed")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return consultant, benchmarked, time.perf_counter() - started


def _request(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return response


def _measure(client, url, *, repeats, cold):
    """(median seconds, min seconds, queries of the last request)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, queries = [], 0
    if not cold:
        _request(client, url)
    for _ in range(repeats):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            _request(client, url)
            durations.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return statistics.median(durations), min(durations), queries


def _pages(assessment):
    return {
        "portfolio first page": "/portfolio/",
        "portfolio sorted by index, page 2": "/portfolio/?sort=-index&page=2",
        "portfolio search": "/portfolio/?q=care",
        "benchmark page": f"/a/{assessment.public_id}/benchmark/",
    }


def measure(portfolios, *, repeats):
    from django.test import Client

    from bench.results import row

    figures = {}
    for label, (consultant, assessment, _seconds) in portfolios.items():
        client = Client()
        client.force_login(consultant)
        for page, url in _pages(assessment).items():
            for cold in (True, False):
                figures[label, page, cold] = _measure(client, url, repeats=repeats, cold=cold)
    rows = []
    big, small = SIZES
    for page in _pages(portfolios[big][1]):
        for cold in (True, False):
            state = "cold" if cold else "warm"
            (b_med, b_min, b_q), (s_med, s_min, s_q) = figures[big, page, cold], figures[small, page, cold]
            rows.append(
                row(
                    f"clients: {page}, {big} organisations, {state}: seconds",
                    b_med,
                    unit="s",
                    note=f"min {b_min:.3f} s; {small} organisations: median {s_med:.3f} s, min {s_min:.3f} s",
                )
            )
            rows.append(
                row(
                    f"clients: {page}, {state}: {big} / {small} organisations",
                    b_med / s_med,
                    target=2.0,
                    compare="<=",
                    note=f"min / min {b_min / s_min:.2f}",
                )
            )
            rows.append(
                row(
                    f"clients: {page}, {state}: queries at {big} (= at {small})",
                    b_q,
                    target=s_q,
                    compare="==",
                )
            )
    return rows


def rows(*, repeats=3, version=None):
    """Result rows; each figure the median of `repeats` runs (ratios also give their minimum)."""
    from django.db import transaction

    from bench.results import row

    portfolios = {}
    load = os.getloadavg()[0]
    with transaction.atomic():  # everything built here is rolled back at the end
        for label, count in SIZES.items():
            portfolios[label] = build_portfolio(label=label, count=count, seed=count)
        result = [
            row(
                f"clients: build {label} organisations ({SIZES[label] * ROUNDS:,} assessments): seconds",
                built[2],
                unit="s",
            )
            for label, built in portfolios.items()
        ]
        result += measure(portfolios, repeats=repeats)
        transaction.set_rollback(True)
    result.append(
        row(
            "clients: machine load average (1 min) at the start and the end",
            os.getloadavg()[0],
            note=f"start {load:.1f}, on {os.cpu_count()} CPUs: times are of this shared machine",
        )
    )
    return result


if __name__ == "__main__":
    temp = _setup_alone()
    from django.db import connection

    from bench.results import table

    print(f"Database: {connection.vendor}", flush=True)
    started = time.perf_counter()
    print(table(rows()))
    print(f"({time.perf_counter() - started:.0f} s)")
    if temp:
        import shutil

        shutil.rmtree(temp, ignore_errors=True)
