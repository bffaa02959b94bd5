"""Synthetic benchmark participants for `manage.py seed_demo` (idempotent), so the benchmark shows after `make run`.

Fifteen made-up organisations, every name starting with "[Demo]" so nobody takes them for real clients, each
with one closed scan of synthetic responses, all opted in; the demo organisation Zorggroep Horizon opts in
too. The demo consultant also advises the first CLIENTS of them, so the portfolio shows closed scans.
"""

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.benchmarks.services import set_benchmark_opt_in
from assessments.demo import rounds
from assessments.organisations.models import Membership, Organisation, Team
from assessments.organisations.services.organisations import create_default_roles
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import latest_version
from models_9plus.models import ModelVersion

PREFIX = "[Demo]"
RESPONDENTS = 12
CLIENTS = 3
CONSULTANT = "consultant@demo.cxmaturity.nl"
PEERS = [
    ("Zorgcentrum De Linde", "Healthcare", Organisation.SizeBand.LARGE),
    ("Thuiszorg Aan Zee", "Healthcare", Organisation.SizeBand.LARGE),
    ("Revalidatie Oost", "Healthcare", Organisation.SizeBand.MEDIUM),
    ("Wijkverpleging Plus", "Healthcare", Organisation.SizeBand.LARGE),
    ("Kliniek Het Park", "Healthcare", Organisation.SizeBand.XL),
    ("Stroom & Gas Noord", "Energy", Organisation.SizeBand.LARGE),
    ("Warmtenet Centraal", "Energy", Organisation.SizeBand.LARGE),
    ("Huisartsenpost West", "Healthcare", Organisation.SizeBand.MEDIUM),
    ("Verpleeghuis De Esch", "Healthcare", Organisation.SizeBand.LARGE),
    ("GGZ Rivierenland", "Healthcare", Organisation.SizeBand.LARGE),
    ("Ziekenhuis Noordoever", "Healthcare", Organisation.SizeBand.XL),
    ("Jeugdzorg Midden", "Healthcare", Organisation.SizeBand.MEDIUM),
    ("Waterbedrijf Delta", "Energy", Organisation.SizeBand.LARGE),
    ("Zonnepark Coöperatie", "Energy", Organisation.SizeBand.MEDIUM),
    ("Netbeheer Zuid", "Energy", Organisation.SizeBand.XL),
]
TITLE = "Synthetische CX-scan (demo)"


def _peer(name: str, sector: str, size_band: str) -> Organisation:
    full_name = f"{PREFIX} {name}"
    organisation = Organisation.objects.filter(name=full_name).order_by("id").first()
    if organisation is None:
        organisation = Organisation.objects.create(name=full_name, sector=sector, size_band=size_band)
        for team in ("Directie", "Klantcontact", "Uitvoering"):
            Team.objects.create(organisation=organisation, name=team)
        create_default_roles(organisation=organisation)
    return organisation


def _closed_scan(organisation: Organisation, version: ModelVersion, rng: random.Random) -> None:
    if Assessment.objects.filter(organisation=organisation, title=TITLE).exists():
        return
    rounds.closed_round(
        organisation=organisation,
        version=version,
        title=TITLE,
        opens=rounds._aware(2026, 2, 2),
        closes=rounds._aware(2026, 2, 27, 18),
        respondents=RESPONDENTS,
        rng=rng,
    )


@transaction.atomic
def seed_benchmark() -> int:
    """Returns the number of opted-in demo peers (none without the 9+ model: seed_assessments says why)."""
    version = latest_version()
    if version is None:
        return 0
    consultant = get_user_model().objects.filter(email__iexact=CONSULTANT).order_by("id").first()
    for index, (name, sector, size_band) in enumerate(PEERS):
        organisation = _peer(name, sector, size_band)
        _closed_scan(organisation, version, random.Random(rounds.SEED + index + 1))  # noqa: S311 (demo data)
        set_benchmark_opt_in(organisation=organisation, actor=None, opt_in=True)
        if index < CLIENTS and consultant is not None:
            Membership.objects.get_or_create(
                user=consultant, organisation=organisation, defaults={"role": Membership.Role.CONSULTANT}
            )
    home = Organisation.objects.filter(name=rounds.DEMO_ORGANISATION).order_by("id").first()
    if home is not None:
        set_benchmark_opt_in(organisation=home, actor=None, opt_in=True)
    return len(PEERS)
