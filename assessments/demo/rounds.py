"""Demo assessments with synthetic responses for `manage.py seed_demo` (idempotent).

The closed spring scan gets N submitted responses with a believable profile (demo/respondents.py), given
through the questionnaire's own forms and services while the round was open, so they hold only what
the product itself can produce. A fixed random seed keeps it deterministic. The open autumn scan gets a
handful of unused personal links; since only token hashes are stored, every run re-issues those links
so the printed URLs work.
"""

import datetime
import random
from collections.abc import Collection
from typing import Any, TypedDict

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessments.core.tokens import hash_token, new_token
from assessments.demo import plan
from assessments.demo.customers import seed_customer_check
from assessments.demo.journeys import seed_journeys
from assessments.demo.measures import seed_measures
from assessments.demo.pulse import seed_pulse
from assessments.demo.respondents import seed_responses
from assessments.demo.themes import seed_themes
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment, Invitation, TeamLink
from assessments.questionnaire.selectors.assessments import latest_version
from assessments.questionnaire.services.invitations import invitation_url, issue_token
from models_9plus.models import ModelVersion

DEMO_ORGANISATION = "Zorggroep Horizon"
CLOSED_TITLE = "CX-scan voorjaar 2026"
OPEN_TITLE = "CX-scan najaar 2026"
OPEN_INVITATIONS = 5
SEED = 2026


class DemoRound(TypedDict):
    id: str
    title: str
    status: str
    invitation_urls: list[str]


def _model_version() -> ModelVersion:
    version: ModelVersion | None = latest_version()
    if version is None:
        raise CommandError(
            "The 9+ maturity model is not loaded, so there is nothing to seed assessments with. "
            "Run first: python manage.py load_maturity_model models_9plus/data/nineplus.yaml"
        )
    return version


def _aware(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def closed_round(
    *,
    organisation: Organisation,
    version: ModelVersion,
    title: str,
    opens: datetime.datetime,
    closes: datetime.datetime,
    respondents: int,
    rng: random.Random,
    lower: Collection[str | None] = (),
    reopen: bool = True,
    **fields: Any,
) -> Assessment:
    """A round that was open from `opens` to `closes`, answered by `respondents` synthetic people.

    It is created open and answered through the questionnaire's services (demo/respondents.py), as the
    product only accepts answers to an open round; then it is closed on its own closing date.
    lower: factor codes every second respondent answered a point lower (see respondents.seed_responses).
    """
    assessment = Assessment.objects.create(
        title=title, status=Assessment.Status.OPEN, opens_at=opens, **_base_fields(organisation, version), **fields
    )
    assessment.teams.set(organisation.teams.all())
    assessment.roles.set(organisation.roles.all())
    seed_responses(assessment=assessment, closes=closes, respondents=respondents, rng=rng, lower=lower)
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.CLOSED,
        closes_at=closes,
        closed_at=closes,
        reopen_until=closes + datetime.timedelta(days=30) if reopen else None,
        data_version=F("data_version") + 1,
    )
    assessment.refresh_from_db()
    return assessment


def _base_fields(organisation: Organisation, version: ModelVersion) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "model_version": version,
        "languages": ["nl", "en"],
        "ask_ambition": True,
        "threshold_scores": max(organisation.anonymity_threshold, 3),
        "threshold_comments": max(organisation.anonymity_threshold, 3),
        "threshold_spread": max(organisation.anonymity_threshold, 3),
    }


def _closed_assessment(
    *, organisation: Organisation, version: ModelVersion, respondents: int, rng: random.Random
) -> Assessment:
    assessment = Assessment.objects.filter(organisation=organisation, title=CLOSED_TITLE).first()
    if assessment is not None:
        return assessment
    assessment = closed_round(
        organisation=organisation,
        version=version,
        title=CLOSED_TITLE,
        opens=_aware(2026, 3, 2),
        closes=_aware(2026, 3, 27, 18),
        respondents=respondents,
        rng=rng,
        intro_nl=(
            "Hoe goed organiseren wij de beleving van onze cliënten? Jouw eerlijke antwoord helpt ons "
            "kiezen waar we het komende jaar in investeren."
        ),
        intro_en=(
            "How well do we organise the experience of our clients? Your honest answer helps us choose "
            "where to invest in the coming year."
        ),
    )
    _seed_spring_invitations(assessment=assessment, rng=rng)
    return assessment


def _seed_spring_invitations(*, assessment: Assessment, rng: random.Random) -> None:
    """Personal invitations matching the responses per team, plus about a third who never finished.

    The addresses are blank, as the retention job leaves them some weeks after closing.
    """
    per_team: dict[int, int] = {}
    for team_id in assessment.responses.values_list("team_id", flat=True):
        per_team[team_id] = per_team.get(team_id, 0) + 1
    # Submitted by seed_responses while the round was open, from its opening date on.
    assert assessment.opens_at is not None
    invitations: list[Invitation] = []
    for team_id, completed in sorted(per_team.items()):
        for index in range(completed + round(completed * 0.35)):
            done = index < completed
            invitations.append(
                Invitation(
                    assessment=assessment,
                    team_id=team_id,
                    email="",
                    token_hash=hash_token(new_token(), purpose="invitation"),
                    sent_at=assessment.opens_at,
                    started=done or rng.random() < 0.3,
                    completed_on=(assessment.opens_at + datetime.timedelta(days=rng.randint(0, 24))).date()
                    if done
                    else None,
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=1000)


def _open_assessment(
    *, organisation: Organisation, version: ModelVersion, previous: Assessment
) -> tuple[Assessment, list[str]]:
    assessment = Assessment.objects.filter(organisation=organisation, title=OPEN_TITLE).first()
    now = timezone.now()
    if assessment is None:
        assessment = Assessment.objects.create(
            title=OPEN_TITLE,
            status=Assessment.Status.OPEN,
            opens_at=now - datetime.timedelta(days=3),
            closes_at=now + datetime.timedelta(days=30),
            previous=previous,
            intro_nl="Een half jaar verder: waar staan we nu? Dank voor je tijd!",
            intro_en="Six months on: where do we stand now? Thank you for your time!",
            **_base_fields(organisation, version),
        )
        assessment.teams.set(organisation.teams.all())
        assessment.roles.set(organisation.roles.all())
        # One team prefers a shared link: shows the open-link feature in the demo.
        shared = organisation.teams.filter(name="Klantenservice").first() or organisation.teams.first()
        assert shared is not None  # seed_assessments seeds only an organisation that has teams
        TeamLink.objects.create(assessment=assessment, team=shared, token=new_token())
    teams = list(assessment.teams.order_by("name"))
    urls: list[str] = []
    for number in range(1, OPEN_INVITATIONS + 1):
        email = f"medewerker{number}@zorggroep-horizon.example"
        invitation = Invitation.objects.filter(assessment=assessment, email=email).first()
        if invitation is None:
            invitation = Invitation(assessment=assessment, email=email, team=teams[(number - 1) % len(teams)])
        elif invitation.started or invitation.completed_on:
            continue  # used: its link belongs to someone's answers now
        token = issue_token(invitation=invitation)
        invitation.sent_at = invitation.sent_at or now
        invitation.save()
        urls.append(invitation_url(token))
    return assessment, urls


def _item(assessment: Assessment, urls: list[str]) -> DemoRound:
    return DemoRound(
        id=str(assessment.public_id), title=assessment.title, status=assessment.status, invitation_urls=urls
    )


@transaction.atomic
def seed_assessments(*, respondents: int = 60) -> list[DemoRound]:
    """Returns a list of {"id", "title", "status", "invitation_urls": [...]}."""
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).order_by("id").first()
    if organisation is None or not organisation.teams.exists():
        return []
    version = _model_version()
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not security)
    closed = _closed_assessment(organisation=organisation, version=version, respondents=respondents, rng=rng)
    opened, urls = _open_assessment(organisation=organisation, version=version, previous=closed)
    seed_customer_check(assessment=closed)
    # Journeys before themes: the moments' customer answers are among the comments the themes demo tags.
    seed_journeys(assessment=closed)  # issue 27: moments that matter
    seed_themes(assessment=closed)
    seed_pulse(organisation=organisation)  # issue 27: the CX lead's energy pulse
    # Issue 14: a third, earlier round and an action plan partly done (see demo/plan.py).
    plan.seed_plan(
        organisation=organisation,
        spring=closed,
        closed_round=closed_round,
        rng=rng,
    )
    # Issue 27: actions judged by customers, across the earlier round's and the spring scan's customers.
    closed.refresh_from_db()
    if closed.previous is not None:
        seed_measures(organisation=organisation, earlier=closed.previous, spring=closed)
    return [_item(closed, []), _item(opened, urls)]
