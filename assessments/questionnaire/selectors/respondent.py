"""Reads for the respondent questionnaire: links, the questions of an assessment, a response's answers."""

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import Prefetch, Q
from django.utils import timezone

from assessments.core.tokens import hash_token, is_well_formed
from assessments.organisations.models import Role
from assessments.questionnaire.models import (
    DONT_KNOW,
    Answer,
    Assessment,
    Comment,
    FactorAmbition,
    Invitation,
    Response,
    TeamLink,
)
from models_9plus.models import Factor, ModelVersion, ScaleOption, Statement


class StatementList(TypedDict):
    statement_list: list[Statement]  # the factor's statements in order, set by _model_content's Prefetch


if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import WithAnnotations

    # A factor as the questionnaire reads it: with its statements (statement_list).
    QuestionnaireFactor: TypeAlias = WithAnnotations[Factor, StatementList]
else:
    QuestionnaireFactor = Factor

# Rough reading-and-choosing time per answer, measured on paper pilots of similar scans.
SECONDS_PER_ANSWER = 15
SECONDS_PER_AMBITION_ANSWER = 8
# Comments are optional: the average respondent spends this long per topic on reading the box or writing.
SECONDS_PER_COMMENT_BOX = 20
SECONDS_OVERHEAD = 60


def estimate_minutes(
    *, statement_count: int, factor_count: int, ask_ambition: bool, ambition_per_factor: bool = False
) -> int:
    """The one time estimate (email, start page, assessment list, invitations page): statements, the
    ambition answers and the comment boxes, rounded up to whole five minutes, never an underestimate.

    Per-factor models (v2) ask the ambition once per factor, older ones once per statement."""
    ambition_answers = (factor_count if ambition_per_factor else statement_count) if ask_ambition else 0
    seconds = (
        statement_count * SECONDS_PER_ANSWER
        + ambition_answers * SECONDS_PER_AMBITION_ANSWER
        + factor_count * SECONDS_PER_COMMENT_BOX
        + SECONDS_OVERHEAD
    )
    return max(5, 5 * math.ceil(seconds / 300))


def estimated_minutes_for(*, model_version: ModelVersion, ask_ambition: bool = True) -> int:
    """The estimate for a model version's questions (two queries)."""
    statements = Statement.objects.filter(factor__version=model_version).count()
    factors = Factor.objects.filter(version=model_version).count()
    return estimate_minutes(
        statement_count=statements,
        factor_count=factors,
        ask_ambition=ask_ambition,
        ambition_per_factor=model_version.ambition_per_factor,
    )


def estimated_minutes_of(*, assessment: Assessment) -> int:
    return estimated_minutes_for(model_version=assessment.model_version, ask_ambition=assessment.ask_ambition)


class Availability:
    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"


def availability(*, assessment: Assessment, now: datetime | None = None) -> str:
    """Whether respondents may answer now; a closing date in the past counts as closed."""
    now = now or timezone.now()
    if assessment.status == Assessment.Status.CLOSED or (assessment.closes_at and now >= assessment.closes_at):
        return Availability.CLOSED
    if assessment.status == Assessment.Status.DRAFT or (assessment.opens_at and now < assessment.opens_at):
        return Availability.NOT_YET_OPEN
    return Availability.OPEN


def find_invitation(*, token: object) -> Invitation | None:
    if not is_well_formed(token):
        return None
    return (
        Invitation.objects.select_related("assessment__organisation", "assessment__model_version", "team", "role")
        .filter(token_hash=hash_token(token, purpose="invitation"))
        .first()
    )


def find_team_link(*, token: str) -> TeamLink | None:
    if not is_well_formed(token):
        return None
    return (
        TeamLink.objects.select_related("assessment__organisation", "assessment__model_version", "team")
        .filter(token=token, active=True)
        .first()
    )


def find_team_link_by_id(*, link_id: int | None) -> TeamLink | None:
    return (
        TeamLink.objects.select_related("assessment__organisation", "assessment__model_version", "team")
        .filter(Q(pk=link_id), active=True)  # Q: see find_resumable
        .first()
    )


def find_assessment(*, pk: int | None) -> Assessment | None:
    """The assessment a finished respondent's session names (for the thank-you page), or None."""
    return Assessment.objects.select_related("organisation").filter(Q(pk=pk)).first()  # Q: see find_resumable


def find_response(*, access_key_hash: str) -> Response | None:
    return Response.objects.select_related("role").filter(access_key_hash=access_key_hash).first()


def find_resumable(*, token: str) -> tuple[Response, TeamLink] | None:
    """(response, team link) for a personal resume link, or None: the token is the browser's secret,
    stored only as the response's access key hash."""
    if not is_well_formed(token):
        return None
    response = (
        Response.objects.filter(access_key_hash=hash_token(token, purpose="response"), from_team_link=True)
        .only("assessment_id", "team_id")
        .first()
    )
    if response is None:
        return None
    link = (
        TeamLink.objects.select_related("assessment__organisation", "assessment__model_version", "team")
        # Q: the stubs refuse a nullable id as a lookup value, which Django accepts (IS NULL).
        .filter(Q(team_id=response.team_id), assessment_id=response.assessment_id, active=True)
        .first()
    )
    return None if link is None else (response, link)


class RespondentTexts(TypedDict):
    title: str
    intro: str
    intro_language: str | None  # the intro's language when it fell back to the other one


def respondent_texts(*, assessment: Assessment, language: str) -> RespondentTexts:
    """Title and intro in the respondent's language, and the language the intro is really in when it
    had to fall back to the other one (None when it is in the respondent's language or the default)."""
    other = "en" if language == "nl" else "nl"
    title: str = getattr(assessment, f"title_{language}", "") or assessment.title
    intro: str = getattr(assessment, f"intro_{language}", "")
    fallback = None
    if not intro:
        intro = getattr(assessment, f"intro_{other}", "")
        fallback = other if intro else None
    return {"title": title, "intro": intro, "intro_language": fallback}


@dataclass
class Questionnaire:
    """The frozen questions of one assessment, in order: step n is factors[n - 1]."""

    assessment: Assessment
    factors: list[QuestionnaireFactor]
    scale_options: list[ScaleOption]
    # None: read on first use (a background save never needs the roles).
    loaded_roles: list[Role] | None = None
    statement_count: int = field(init=False)

    def __post_init__(self) -> None:
        self.statement_count = sum(len(f.statement_list) for f in self.factors)

    @property
    def roles(self) -> list[Role]:
        if self.loaded_roles is None:
            self.loaded_roles = list(self.assessment.roles.order_by("order", "name_en"))
        return self.loaded_roles

    @property
    def step_count(self) -> int:
        """Factor pages plus the review page."""
        return len(self.factors) + 1

    @property
    def review_step(self) -> int:
        return len(self.factors) + 1

    def factor_for_step(self, step: int) -> QuestionnaireFactor | None:
        if 1 <= step <= len(self.factors):
            return self.factors[step - 1]
        return None

    @property
    def estimated_minutes(self) -> int:
        return estimate_minutes(
            statement_count=self.statement_count,
            factor_count=len(self.factors),
            ask_ambition=self.assessment.ask_ambition,
            ambition_per_factor=self.assessment.model_version.ambition_per_factor,
        )


def _model_content(version: ModelVersion) -> tuple[list[QuestionnaireFactor], list[ScaleOption]]:
    factors = list(
        Factor.objects.filter(version=version)
        .order_by("order")
        .prefetch_related(
            Prefetch("statements", queryset=Statement.objects.order_by("order"), to_attr="statement_list")
        )
    )
    return factors, list(version.scale_options.order_by("value"))


def questionnaire_for(*, assessment: Assessment) -> Questionnaire:
    factors, scale_options = _model_content(assessment.model_version)
    return Questionnaire(
        assessment=assessment,
        factors=factors,
        scale_options=scale_options,
        loaded_roles=list(assessment.roles.order_by("order", "name_en")),
    )


# A model version's factors, statements and scale never change once loaded, so the background save,
# the respondents' most frequent request, keeps them in memory per process instead of reading them
# on every call. The content hash is part of the key because a (test) database can reuse a
# primary key for other content. Reads only: callers must never change these shared objects.
_MODEL_CONTENT: dict[tuple[int, str], tuple[list[QuestionnaireFactor], list[ScaleOption]]] = {}


def cached_questionnaire_for(*, assessment: Assessment) -> Questionnaire:
    """The questionnaire (a read) for the background save: model content from this process's memory, no queries."""
    version = assessment.model_version
    key = (version.pk, version.content_hash)
    content = _MODEL_CONTENT.get(key)
    if content is None:
        content = _MODEL_CONTENT[key] = _model_content(version)
    factors, scale_options = content
    return Questionnaire(assessment=assessment, factors=factors, scale_options=scale_options)


def role_kind(role: Role | None) -> str | None:
    """ "management" or "staff" for a statement's audience; None for a respondent without a role."""
    if role is None:
        return None
    return "management" if role.is_management else "staff"


def statements_for(*, factor: QuestionnaireFactor, role: Role | None) -> list[Statement]:
    """The factor's statements this respondent is asked.

    A statement with an audience is shown only to respondents whose role kind is in it. A respondent
    without a role (an assessment that asks none) sees every statement: there is no management-versus-staff
    comparison to protect then, and hiding questions from everyone would leave them unanswered.
    """
    kind = role_kind(role)
    return [s for s in factor.statement_list if kind is None or not s.audience or kind in s.audience]


def factor_ambition_for(*, response: Response, factor: Factor) -> int | None:
    """The stored per-factor ambition (None when not answered)."""
    return FactorAmbition.objects.filter(response=response, factor=factor).values_list("value", flat=True).first()


def answers_for(*, response: Response, factor: Factor) -> tuple[dict[int, tuple[int | None, int | None]], str]:
    """{statement_id: (current, ambition)} and the comment text for one factor."""
    answers = {
        a.statement_id: (a.current, a.ambition)
        for a in Answer.objects.filter(response=response, statement__factor=factor).only(
            "statement_id", "current", "ambition"
        )
    }
    comment = Comment.objects.filter(response=response, factor=factor).values_list("text", flat=True).first() or ""
    return answers, comment


@dataclass
class FactorSummary:
    step: int
    factor: Factor
    answered: int
    dont_know: int
    unanswered: int
    has_comment: bool


def review_summary(*, response: Response, questionnaire: Questionnaire) -> list[FactorSummary]:
    """Per factor: answered, don't know and unanswered statements (the current answer counts)."""
    current_by_statement = dict(Answer.objects.filter(response=response).values_list("statement_id", "current"))
    commented = set(Comment.objects.filter(response=response).values_list("factor_id", flat=True))
    rows: list[FactorSummary] = []
    for step, factor in enumerate(questionnaire.factors, start=1):
        values = [current_by_statement.get(s.pk) for s in statements_for(factor=factor, role=response.role)]
        dont_know = sum(1 for v in values if v == DONT_KNOW)
        unanswered = sum(1 for v in values if v is None)
        rows.append(
            FactorSummary(
                step=step,
                factor=factor,
                answered=len(values) - dont_know - unanswered,
                dont_know=dont_know,
                unanswered=unanswered,
                has_comment=factor.pk in commented,
            )
        )
    return rows
