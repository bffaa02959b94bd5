"""Demo assessments with synthetic responses for `manage.py seed_demo` (idempotent).

The closed spring scan gets N submitted responses with a believable profile: strong and weak factors,
management more positive than the front office, an ambition about a point above today, some "don't
know" and a few Dutch comments. A fixed random seed keeps it deterministic; bulk inserts keep 2,000
respondents to seconds. The open autumn scan gets a handful of unused personal links; since only
token hashes are stored, every run re-issues those links so the printed URLs work.
"""

import datetime
import random

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessments.core.tokens import hash_token, new_token
from assessments.demo import plan
from assessments.demo.customers import seed_customer_check
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import DONT_KNOW, Answer, Assessment, Comment, Invitation, Response, TeamLink
from assessments.questionnaire.selectors.assessments import latest_version
from assessments.questionnaire.services.invitations import invitation_url, issue_token
from assessments.questionnaire.services.response_sums import refresh_response_sums

DEMO_ORGANISATION = "Zorggroep Horizon"
CLOSED_TITLE = "CX-scan voorjaar 2026"
OPEN_TITLE = "CX-scan najaar 2026"
OPEN_INVITATIONS = 5
SEED = 2026
DONT_KNOW_SHARE = 0.05
COMMENT_SHARE = 0.12
NL_SHARE = 0.85

# Intended mean answer (1..5) per factor of the 9+ model, before rounding into the scale pulls the
# extremes towards the middle; other models get a spread of means by factor order.
FACTOR_MEANS = {
    "customer_strategy": 3.2,
    "brand_connection": 3.0,
    "employee_empowerment": 4.3,
    "customer_journey": 2.7,
    "service_experience_design": 2.9,
    "customer_steering_themes": 2.5,
    "emotional_feedback": 1.75,
}
FALLBACK_MEANS = [3.6, 2.4, 3.1, 2.8, 3.9, 2.6, 3.3]
# Factors where people disagree more (low consensus is a finding worth discussing).
CONTESTED = {"customer_journey", "customer_steering_themes"}

COMMENTS = {
    "customer_strategy": [
        "De klantstrategie staat op papier, maar in het dagelijks werk merk ik er weinig van.",
        "Het bestuur praat veel over de klant; ik mis nog concrete doelen per afdeling.",
        "Goed dat klantbeleving in het jaarplan staat. Nu nog keuzes maken.",
    ],
    "brand_connection": [
        "Niet iedereen weet wat onze belofte aan cliënten precies is.",
        "Het merk leeft vooral bij marketing, minder op de werkvloer.",
        "Onze waarden hangen aan de muur, maar we bespreken ze zelden.",
    ],
    "employee_empowerment": [
        "Ik krijg echt de ruimte om iets extra's te doen voor een cliënt.",
        "Mijn leidinggevende steunt me als ik buiten de regels iets oplos.",
        "Meer tijd voor scholing zou helpen om dit vol te houden.",
    ],
    "customer_journey": [
        "De klantreis is ooit in kaart gebracht, maar niemand is eigenaar.",
        "Bij de overdracht tussen planning en thuiszorg gaat het vaak mis.",
        "We kijken vooral naar onze eigen stap, niet naar de hele reis.",
    ],
    "service_experience_design": [
        "Nieuwe diensten worden zelden met cliënten samen ontworpen.",
        "De basis is op orde, maar echte wow-momenten zijn toeval.",
        "Ik zou graag vaker een pilot doen voordat iets overal wordt ingevoerd.",
    ],
    "customer_steering_themes": [
        "Klantthema's komen in het MT-overleg eigenlijk niet terug.",
        "We sturen op productie en budget; klantbeleving komt daarna.",
        "Er zijn wel KPI's, maar ik zie niet wat we ermee doen.",
    ],
    "emotional_feedback": [
        "We meten tevredenheid, maar horen zelden wat cliënten echt voelen.",
        "Klachten worden afgehandeld, niet gebruikt om te leren.",
        "Feedback komt laat bij ons team aan, als het al aankomt.",
    ],
}
GENERIC_COMMENTS = [
    "Goed onderwerp om met elkaar over te praten.",
    "Dit verschilt sterk per team.",
    "Ik zie verbetering ten opzichte van vorig jaar.",
]


def _model_version():
    version = latest_version()
    if version is None:
        raise CommandError(
            "The 9+ maturity model is not loaded, so there is nothing to seed assessments with. "
            "Run first: python manage.py load_maturity_model models_9plus/data/nineplus.yaml"
        )
    return version


def _aware(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def _clamp(value, low, high):
    return max(low, min(high, int(round(value))))


def _role_offset(role):
    if role is None:
        return 0.0
    if role.is_management:
        return 0.6 if role.order <= 1 else 0.5
    return {"Front office": -0.35, "Back office": -0.1}.get(role.name_en, 0.0)


def _pick_roles(rng, roles, count):
    if not roles:
        return [None] * count
    weights = [(0.08 if role.order <= 1 else 0.14) if role.is_management else 0.78 / len(roles) for role in roles]
    return rng.choices(roles, weights=weights, k=count)


@transaction.atomic
def _seed_responses(*, assessment, respondents, rng):
    version = assessment.model_version
    teams = list(assessment.teams.order_by("name"))
    roles = list(assessment.roles.all())
    factors = list(version.factors.order_by("order").prefetch_related("statements"))
    scale = sorted(version.scale_options.values_list("value", flat=True))
    low, high = scale[0], scale[-1]
    means = {
        factor.pk: FACTOR_MEANS.get(factor.code, FALLBACK_MEANS[index % len(FALLBACK_MEANS)])
        for index, factor in enumerate(factors)
    }
    statements = [(factor, statement) for factor in factors for statement in factor.statements.all()]
    team_offsets = {team.pk: rng.uniform(-0.3, 0.3) for team in teams}
    window = (assessment.closes_at - assessment.opens_at).total_seconds()

    responses = []
    for role in _pick_roles(rng, roles, respondents):
        team = rng.choice(teams) if teams else None
        submitted = assessment.opens_at + datetime.timedelta(seconds=rng.uniform(0, window * 0.95))
        responses.append(
            Response(
                assessment=assessment,
                team=team,
                role=role,
                language="nl" if rng.random() < NL_SHARE else "en",
                access_key_hash=hash_token(f"{rng.getrandbits(256):064x}", purpose="response"),
                submitted_at=submitted,
                version=len(factors) + 1,
                last_step=len(factors) + 1,
            )
        )
    Response.objects.bulk_create(responses, batch_size=1000)
    if any(response.pk is None for response in responses):  # databases that don't return keys
        keys = dict(Response.objects.filter(assessment=assessment).values_list("access_key_hash", "pk"))
        for response in responses:
            response.pk = response.id = keys[response.access_key_hash]

    answers, comments = [], []
    for response in responses:
        bias = rng.gauss(0, 0.35) + _role_offset(response.role) + team_offsets.get(response.team_id, 0.0)
        for factor, statement in statements:
            spread = 1.0 if factor.code in CONTESTED else 0.6
            target = means[factor.pk] + bias + rng.gauss(0, spread)
            current = _clamp(target, low, high)
            ambition = _clamp(target + 1.3 + rng.gauss(0, 0.4), current, high)
            if statement.reverse:
                current = high + low - current
                ambition = high + low - ambition
            if rng.random() < DONT_KNOW_SHARE:
                current = DONT_KNOW
                ambition = DONT_KNOW if rng.random() < 0.5 else ambition
            answers.append(
                Answer(
                    response=response,
                    statement=statement,
                    current=current,
                    ambition=ambition if assessment.ask_ambition else None,
                )
            )
        for factor in factors:
            if rng.random() < COMMENT_SHARE:
                pool = COMMENTS.get(factor.code, GENERIC_COMMENTS)
                comments.append(Comment(response=response, factor=factor, text=rng.choice(pool)))
    Answer.objects.bulk_create(answers, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=1000)
    # Written in bulk, not through submit: the stored sums scoring reads are computed here.
    refresh_response_sums(response_ids=[response.pk for response in responses])
    # auto_now_add stamped "now" on insert; a believable start is a quarter of an hour before submitting.
    Response.objects.filter(assessment=assessment).update(started_at=F("submitted_at") - datetime.timedelta(minutes=14))
    Assessment.objects.filter(pk=assessment.pk).update(data_version=F("data_version") + 1)


def _base_fields(organisation, version):
    return {
        "organisation": organisation,
        "model_version": version,
        "languages": ["nl", "en"],
        "ask_ambition": True,
        "threshold_scores": max(organisation.anonymity_threshold, 3),
        "threshold_comments": max(organisation.anonymity_threshold, 3),
        "threshold_spread": max(organisation.anonymity_threshold, 3),
    }


def _closed_assessment(*, organisation, version, respondents, rng):
    assessment = Assessment.objects.filter(organisation=organisation, title=CLOSED_TITLE).first()
    if assessment is not None:
        return assessment
    closes = _aware(2026, 3, 27, 18)
    assessment = Assessment.objects.create(
        title=CLOSED_TITLE,
        status=Assessment.Status.CLOSED,
        opens_at=_aware(2026, 3, 2),
        closes_at=closes,
        closed_at=closes,
        reopen_until=closes + datetime.timedelta(days=30),
        intro_nl=(
            "Hoe goed organiseren wij de beleving van onze cliënten? Jouw eerlijke antwoord helpt ons "
            "kiezen waar we het komende jaar in investeren."
        ),
        intro_en=(
            "How well do we organise the experience of our clients? Your honest answer helps us choose "
            "where to invest in the coming year."
        ),
        **_base_fields(organisation, version),
    )
    assessment.teams.set(organisation.teams.all())
    assessment.roles.set(organisation.roles.all())
    _seed_responses(assessment=assessment, respondents=respondents, rng=rng)
    _seed_spring_invitations(assessment=assessment, rng=rng)
    return assessment


def _seed_spring_invitations(*, assessment, rng):
    """Personal invitations matching the responses per team, plus about a third who never finished.

    The addresses are blank, as the retention job leaves them some weeks after closing.
    """
    per_team = {}
    for team_id in assessment.responses.values_list("team_id", flat=True):
        per_team[team_id] = per_team.get(team_id, 0) + 1
    invitations = []
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


def _open_assessment(*, organisation, version, previous):
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
        TeamLink.objects.create(assessment=assessment, team=shared, token=new_token())
    teams = list(assessment.teams.order_by("name"))
    urls = []
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


def _item(assessment, urls):
    return {
        "id": str(assessment.public_id),
        "title": assessment.title,
        "status": assessment.status,
        "invitation_urls": urls,
    }


@transaction.atomic
def seed_assessments(*, respondents=60):
    """Returns a list of {"id", "title", "status", "invitation_urls": [...]}."""
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).order_by("id").first()
    if organisation is None or not organisation.teams.exists():
        return []
    version = _model_version()
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not security)
    closed = _closed_assessment(organisation=organisation, version=version, respondents=respondents, rng=rng)
    opened, urls = _open_assessment(organisation=organisation, version=version, previous=closed)
    seed_customer_check(assessment=closed)
    # Issue 14: a third, earlier round and an action plan partly done (see demo/plan.py).
    plan.seed_plan(
        organisation=organisation,
        spring=closed,
        seed_responses=_seed_responses,
        base_fields=_base_fields(organisation, version),
        rng=rng,
    )
    return [_item(closed, []), _item(opened, urls)]
