"""Synthetic respondents who answer a demo round the way people do: through the questionnaire itself.

Each respondent's pages are filled in as a browser would post them and checked by the questionnaire's own
form (only the statements their role is asked, the ambition per factor or per statement as the model
version asks it, only values of the answer scale), then written by the respondent services: start,
save, submit. So the demo can only hold data the product itself produces, and the stored sums
scoring reads are the ones submit writes. The round must be open while they answer (see rounds.py).

The profile is believable: strong and weak factors, management more positive than the front office,
an ambition about a point above today, some "don't know" and a few Dutch comments. The caller's seeded
random generator keeps it deterministic.
"""

import datetime
import random
from collections.abc import Collection, Sequence
from typing import Any

from django.core.management.base import CommandError

from assessments.core.tokens import hash_token
from assessments.organisations.models import Role, Team
from assessments.questionnaire.forms.respond import (
    FactorAnswersForm,
    ambition_name,
    current_name,
    factor_ambition_name,
)
from assessments.questionnaire.models import DONT_KNOW, Assessment, Response
from assessments.questionnaire.selectors.respondent import Questionnaire, questionnaire_for, statements_for
from assessments.questionnaire.services import responses as respond

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
# The demo's story, "the basics are in order, but wow moments are chance": practices tagged as 9+ moments are
# answered lower than the basics of the same factor (models without tags: no offset).
TAG_OFFSET = {"basis": 0.25, "nine_plus": -0.6}

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


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(round(value))))


def _role_offset(role: Role | None) -> float:
    if role is None:
        return 0.0
    if role.is_management:
        return 0.6 if role.order <= 1 else 0.5
    return {"Front office": -0.35, "Back office": -0.1}.get(role.name_en, 0.0)


def _pick_roles(rng: random.Random, roles: Sequence[Role], count: int) -> list[Role | None]:
    if not roles:
        return [None] * count
    weights = [(0.08 if role.order <= 1 else 0.14) if role.is_management else 0.78 / len(roles) for role in roles]
    return list(rng.choices(roles, weights=weights, k=count))


class _Profile:
    """What one respondent would answer: a value for every question of the model, before the form decides
    which of them their page asks."""

    def __init__(self, *, questionnaire: Questionnaire, rng: random.Random, lower: Collection[str | None]) -> None:
        version = questionnaire.assessment.model_version
        values = [option.value for option in questionnaire.scale_options]
        self.low, self.high = min(values), max(values)
        self.rng = rng
        self.lower = set(lower)
        self.means = {
            factor.pk: FACTOR_MEANS.get(factor.code, FALLBACK_MEANS[index % len(FALLBACK_MEANS)])
            for index, factor in enumerate(questionnaire.factors)
        }
        self.per_factor = version.ambition_per_factor

    def page(self, *, factor: Any, bias: float, weaker: bool) -> dict[str, Any]:
        """The post of one factor page: {field name: value} for every question, plus the comment."""
        rng, low, high = self.rng, self.low, self.high
        spread = 1.0 if factor.code in CONTESTED else 0.6
        # An earlier round: this factor a point lower for the people the plan later reached.
        drop = 1 if weaker and factor.code in self.lower else 0
        data: dict[str, Any] = {}
        for statement in factor.statement_list:
            target = self.means[factor.pk] + bias + TAG_OFFSET.get(statement.tag, 0.0) + rng.gauss(0, spread)
            current = _clamp(target, low, high)
            ambition = _clamp(target + 1.3 + rng.gauss(0, 0.4), current, high)
            current = max(low, current - drop)
            if statement.reverse:
                current, ambition = high + low - current, high + low - ambition
            if rng.random() < DONT_KNOW_SHARE:
                current = DONT_KNOW
                ambition = DONT_KNOW if rng.random() < 0.5 else ambition
            data[current_name(statement)] = current
            data[ambition_name(statement)] = ambition
        # Asked once per factor (v2): where the factor as a whole should be, about a point above today.
        target = self.means[factor.pk] + bias
        factor_ambition = _clamp(target + 1.3 + rng.gauss(0, 0.4), _clamp(target, low, high), high)
        data[factor_ambition_name(factor)] = DONT_KNOW if rng.random() < DONT_KNOW_SHARE / 2 else factor_ambition
        if rng.random() < COMMENT_SHARE:
            data["comment"] = rng.choice(COMMENTS.get(factor.code, GENERIC_COMMENTS))
        return data


def _form(*, questionnaire: Questionnaire, factor: Any, role: Role | None, data: dict[str, Any]) -> FactorAnswersForm:
    """The questionnaire's own form for this respondent's page, bound to the values it asks."""
    assessment = questionnaire.assessment
    statements = statements_for(factor=factor, role=role)
    asked = {current_name(s) for s in statements}
    if assessment.ask_ambition and not assessment.model_version.ambition_per_factor:
        asked |= {ambition_name(s) for s in statements}
    if assessment.ask_ambition and assessment.model_version.ambition_per_factor:
        asked.add(factor_ambition_name(factor))
    post = {name: str(value) for name, value in data.items() if name in asked}
    post["version"] = "0"  # the form needs it; the service checks the response's own version
    if "comment" in data:
        post["comment"] = data["comment"]
    return FactorAnswersForm(
        post,
        factor=factor,
        scale_values=[option.value for option in questionnaire.scale_options],
        ask_ambition=assessment.ask_ambition,
        per_factor=assessment.model_version.ambition_per_factor,
        statements=statements,
        validate_only=True,
    )


def _answer(
    *,
    questionnaire: Questionnaire,
    profile: _Profile,
    team: Team | None,
    role: Role | None,
    language: str,
    key: str,
    bias: float,
    weaker: bool,
) -> Response:
    """One respondent from start to submit. Returns the submitted response.

    Every page is checked by its own form, as the page view does; the checked answers of all pages are
    then written in one save (the service takes any set of a response's answers), which keeps a demo of
    thousands of respondents to a fraction of the time of one save per page.
    """
    assessment = questionnaire.assessment
    response: Response
    response, _created = respond.start_or_resume(
        assessment=assessment, access_key_hash=key, team=team, language=language, role=role
    )
    answers: dict[Any, Any] = {}
    comments: dict[Any, Any] = {}
    factor_ambitions: dict[Any, Any] = {}
    for factor in questionnaire.factors:
        data = profile.page(factor=factor, bias=bias, weaker=weaker)
        form = _form(questionnaire=questionnaire, factor=factor, role=role, data=data)
        if not form.is_valid():
            raise CommandError(f"The demo's answers to {factor.code} do not fit the questionnaire: {form.errors}")
        answers.update(form.answers())
        comments.update({factor_id: text for factor_id, text in form.comments().items() if text})
        factor_ambitions.update(form.factor_ambitions())
    response = respond.save_answers(
        response=response,
        step=len(questionnaire.factors),
        answers=answers,
        comments=comments,
        base_version=response.version,
        resume_step=questionnaire.review_step,
        factor_ambitions=factor_ambitions,
    )
    response, _newly = respond.submit(response=response)
    return response


def seed_responses(
    *,
    assessment: Assessment,
    closes: datetime.datetime,
    respondents: int,
    rng: random.Random,
    lower: Collection[str | None] = (),
) -> list[Response]:
    """`respondents` submitted responses to an open assessment, written through the questionnaire's services.

    closes: when the round is to close; the responses are dated between its opening and then.
    lower: factor codes answered a point lower by every second respondent (an earlier round, before the plan).
    Submit stamps "now"; the times are then set back to the round's own dates, the only thing changed after.
    """
    questionnaire = questionnaire_for(assessment=assessment)
    teams = list(assessment.teams.order_by("name"))
    roles = list(assessment.roles.all())
    profile = _Profile(questionnaire=questionnaire, rng=rng, lower=lower)
    # A team's character is its own, the same in every round: only what the plan changed moves between rounds.
    team_offsets: dict[int | None, float] = {
        team.pk: random.Random(f"team:{team.name}").uniform(-0.3, 0.3)  # noqa: S311
        for team in teams
    }
    # An open round: closed_round creates it with its opening date.
    assert assessment.opens_at is not None
    window = (closes - assessment.opens_at).total_seconds()
    submitted: list[Response] = []
    for number, role in enumerate(_pick_roles(rng, roles, respondents)):
        team = rng.choice(teams) if teams else None
        language = "nl" if rng.random() < NL_SHARE else "en"
        key = hash_token(f"{rng.getrandbits(256):064x}", purpose="response")
        moment = assessment.opens_at + datetime.timedelta(seconds=rng.uniform(0, window * 0.95))
        bias = rng.gauss(0, 0.35) + _role_offset(role) + team_offsets.get(team.pk if team else None, 0.0)
        response = _answer(
            questionnaire=questionnaire,
            profile=profile,
            team=team,
            role=role,
            language=language,
            key=key,
            bias=bias,
            weaker=number % 2 == 0,
        )
        # A believable start is a quarter of an hour before submitting.
        response.submitted_at = response.updated_at = moment
        response.started_at = moment - datetime.timedelta(minutes=14)
        submitted.append(response)
    Response.objects.bulk_update(submitted, ["submitted_at", "started_at", "updated_at"], batch_size=1000)
    return submitted
