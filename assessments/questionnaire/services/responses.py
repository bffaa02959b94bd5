"""Writes of the respondent questionnaire: start, save answers, submit.

Every write locks the response row first (select_for_update, or for a save the conditional UPDATE
of its version, see page_writes), so two tabs saving at once, or a save racing the submit, run one
after the other: the second sees the first's result and either applies cleanly, gets a version
conflict or learns the response was submitted. Nothing is lost, nothing duplicated: answers and
comments are upserts on their unique (response, statement) and (response, factor) constraints.
"""

from django.db import transaction
from django.utils import timezone

from assessments.organisations.models import Role, Team
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Answer, Assessment, Invitation, Response, TeamLink
from assessments.questionnaire.selectors.respondent import Availability, availability
from assessments.questionnaire.services.guard import LinkFull, answers_fingerprint, check_link_room
from assessments.questionnaire.services.page_writes import PageAmbitions, PageAnswers, PageComments, write_page
from assessments.questionnaire.services.response_sums import refresh_response_sums

__all__ = ["LinkFull"]


class RespondError(Exception):
    pass


class AlreadySubmitted(RespondError):
    pass


class SurveyClosed(RespondError):
    pass


class NothingAnswered(RespondError):
    pass


class VersionConflict(RespondError):
    def __init__(self, current_version: int) -> None:
        super().__init__(f"the response is at version {current_version}")
        self.current_version = current_version


def _lock(response: Response) -> Response:
    # of=("self",): without it PostgreSQL also locks the joined assessment row, and every save of
    # the whole assessment would queue behind one another (make bench: 20 instead of hundreds per second).
    return Response.objects.select_for_update(of=("self",)).select_related("assessment").get(pk=response.pk)


def _check_open(assessment: Assessment) -> None:
    if availability(assessment=assessment) != Availability.OPEN:
        raise SurveyClosed


def start_or_resume(
    *,
    assessment: Assessment,
    access_key_hash: str,
    team: Team | None,
    language: str,
    role: Role | None = None,
    invitation: Invitation | None = None,
    team_link: TeamLink | None = None,
) -> tuple[Response, bool]:
    """The response for this key, created on first use. Returns (response, created).

    An invitation is only marked as started: the response keeps no reference to it. A team link that is
    full (LinkFull) accepts no new responses; started ones can still be finished and are checked at submit.
    """
    _check_open(assessment)
    with transaction.atomic():
        if team_link is not None and not Response.objects.filter(access_key_hash=access_key_hash).exists():
            check_link_room(team_link=team_link)
        # get_or_create survives two tabs pressing "start" at once (the unique key decides).
        defaults = {"assessment": assessment, "team": team, "role": role, "language": language, "last_step": 1}
        response, created = Response.objects.get_or_create(
            access_key_hash=access_key_hash, defaults={**defaults, "from_team_link": team_link is not None}
        )
        response = _lock(response)
        if response.assessment_id != assessment.pk:
            raise RespondError("access key belongs to another assessment")
        if not created and response.submitted_at is None:
            changed: list[str] = []
            if role is not None and response.role_id != role.pk:
                response.role = role
                changed.append("role")
            if language and response.language != language:
                response.language = language
                changed.append("language")
            if changed:
                response.save(update_fields=[*changed, "updated_at"])
        if invitation is not None:
            Invitation.objects.filter(pk=invitation.pk, started=False).update(started=True)
    return response, created


def change_language(*, response: Response, language: str) -> Response:
    with transaction.atomic():
        locked = _lock(response)
        if locked.submitted_at is None and locked.language != language:
            locked.language = language
            locked.save(update_fields=["language", "updated_at"])
    return locked


def save_answers(
    *,
    response: Response,
    step: int,
    answers: PageAnswers,
    comments: PageComments,
    base_version: int,
    resume_step: int | None = None,
    factor_ambitions: PageAmbitions | None = None,
) -> Response:
    """Upsert answers and comments of one page and bump the version.

    answers: {statement_id: {"current": value, "ambition": value}}; a key that is absent leaves the
    stored value alone, so a partial save never erases earlier answers.
    comments: {factor_id: text}; an empty text removes the comment.
    base_version: the version the client last saw; anything else raises VersionConflict.
    resume_step: where opening the link again should land (defaults to `step`).
    factor_ambitions: {factor_id: value} for per-factor (v2) models; an absent factor keeps its value.
    response: read with its assessment (whether answering is open is checked on that).

    One statement on PostgreSQL (see page_writes): nothing is written unless the version matched.
    """
    _check_open(response.assessment)
    new_step = resume_step or step
    written = write_page(
        response_id=response.pk,
        base_version=base_version,
        last_step=new_step,
        answers=answers,
        comments=comments,
        factor_ambitions=factor_ambitions or {},
    )
    if not written:
        current = Response.objects.filter(pk=response.pk).values("version", "submitted_at").first()
        if current is None or current["submitted_at"] is not None:
            raise AlreadySubmitted
        raise VersionConflict(current["version"])
    response.version, response.last_step = base_version + 1, new_step
    return response


def remember_step(*, response: Response, step: int) -> None:
    """Where to resume, without touching the answers or the version."""
    Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(last_step=step)


def submit(
    *,
    response: Response,
    invitation: Invitation | None = None,
    team_link: TeamLink | None = None,
    network_hash: str = "",
) -> tuple[Response, bool]:
    """Submit once; a second submit is a harmless no-op. Returns (response, newly_submitted).

    Through a team link the link's cap is checked under a lock (LinkFull), and the network hash and the
    answer fingerprint are kept for the suspicious-response flags.
    """
    with transaction.atomic():
        locked = _lock(response)
        if locked.submitted_at is not None:
            return locked, False
        _check_open(locked.assessment)
        if not Answer.objects.filter(response=locked, current__isnull=False).exists():
            raise NothingAnswered
        fields = ["submitted_at", "updated_at"]
        if team_link is not None:
            check_link_room(team_link=team_link, lock=True)
            locked.network_hash = network_hash
            locked.answers_fingerprint = answers_fingerprint(response=locked)
            fields += ["network_hash", "answers_fingerprint"]
        locked.submitted_at = timezone.now()
        locked.save(update_fields=fields)
        # The sums scoring reads, in the same transaction: a submitted response never lacks them.
        refresh_response_sums(response_ids=[locked.pk])
        bump_data_version(assessment_ids=[locked.assessment_id])
        if invitation is not None:
            # Only the date: an exact time could be matched against the response's timestamps.
            Invitation.objects.filter(pk=invitation.pk).update(completed_on=timezone.localdate())
    return locked, True
