"""Reads for the manager pages: assessment lists, progress counts, invitations and open links.

Nothing here returns answers: progress is counts and who completed (email + date), never what anyone said.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict, TypeVar
from uuid import UUID

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce

from assessments.organisations.models import Organisation, Role, Team
from assessments.questionnaire.models import Assessment, Invitation, InvitationImport, Response, TeamLink
from models_9plus.models import ModelVersion

NINEPLUS = "nineplus"
# Any queryset of rounds (plain, or annotated with counts): ordering keeps its type.
Rounds = TypeVar("Rounds", bound=QuerySet[Any, Any])


class ProgressRow(TypedDict):
    """One team's or role's progress (see _row); the link fields only for teams."""

    key: str
    label: str | None
    invited: int
    started: int
    completed: int
    rate: int | None
    responses_started: int
    responses_submitted: int
    has_link: NotRequired[bool]
    link_active: NotRequired[bool]
    link_started: NotRequired[int]
    link_submitted: NotRequired[int]


class Progress(TypedDict):
    teams: list[ProgressRow]
    roles: list[ProgressRow]
    totals: dict[str, Any]  # the invitation and response counts of every group, and the rate
    # Whether any invitation was given a role: only then do invitations per role say something (a role is
    # usually chosen by the respondent in the questionnaire, so invitations mostly have none).
    invitation_roles: bool


# A round's date is when it measured: when it opened, else when it was to close or closed. When it was
# typed in (created_at) is only the fallback of a draft without dates: a round entered late, an older
# round added after a newer one, must still sit where its dates put it. Every list of rounds (the
# trend, the portfolio's latest, the benchmark's latest closed, the next round a report announces)
# orders by this one date. closed_at comes last on purpose: closing an old round today says nothing
# about when it measured.
ROUND_DATE_FIELDS = ("opens_at", "closes_at", "closed_at", "created_at")


def round_date(assessment: Assessment) -> datetime.datetime:
    """The date that orders rounds (see ROUND_DATE_FIELDS)."""
    found: datetime.datetime = next(
        value for name in ROUND_DATE_FIELDS if (value := getattr(assessment, name)) is not None
    )
    return found


def round_date_expression() -> Coalesce:
    """round_date as a database expression, for order_by and subqueries."""
    return Coalesce(*(F(name) for name in ROUND_DATE_FIELDS))


def newest_round_ordering() -> list[OrderBy]:
    """Rounds by their date, the newest first (ties: the one typed in last): for order_by and windows."""
    return [round_date_expression().desc(), F("created_at").desc(), F("pk").desc()]


def newest_rounds_first(queryset: Rounds) -> Rounds:
    """Rounds by their date, the newest first (ties: the one typed in last)."""
    return queryset.order_by(*newest_round_ordering())


def oldest_rounds_first(queryset: Rounds) -> Rounds:
    return queryset.order_by(round_date_expression().asc(), "created_at", "pk")


def _count_subquery(model: type[Invitation] | type[Response], **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(assessment=OuterRef("pk"), **filters)
        .order_by()
        .values("assessment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def assessments_for(*, organisation: Organisation) -> QuerySet[Assessment]:
    """The organisation's assessments with their counts, the newest round first, in one query."""
    return newest_rounds_first(
        Assessment.objects.filter(organisation=organisation)
        .select_related("model_version__model")
        .annotate(
            invited_count=_count_subquery(Invitation),
            completed_count=_count_subquery(Invitation, completed_on__isnull=False),
            submitted_count=_count_subquery(Response, submitted_at__isnull=False, excluded_at__isnull=True),
        )
    )


def model_versions() -> QuerySet[ModelVersion]:
    return ModelVersion.objects.select_related("model").order_by("model__code", "-number")


def latest_version(*, code: str = NINEPLUS) -> ModelVersion | None:
    return ModelVersion.objects.filter(model__code=code).select_related("model").order_by("-number").first()


def previous_round_choices(*, organisation: Organisation, exclude: Assessment | None = None) -> QuerySet[Assessment]:
    qs = Assessment.objects.filter(organisation=organisation).select_related("model_version__model")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return newest_rounds_first(qs)


def creation_prerequisites(*, organisation: Organisation) -> dict[str, bool]:
    """What a new assessment needs first: a maturity model loaded and a team to ask."""
    return {"has_model": model_versions().exists(), "has_teams": organisation.teams.exists()}


def teams_of(*, assessment: Assessment) -> list[Team]:
    return list(assessment.teams.order_by("name"))


def roles_of(*, assessment: Assessment) -> QuerySet[Role]:
    """The assessment's respondent roles in their set order (a queryset: the start form chooses from it)."""
    return assessment.roles.order_by("order", "name_en")


def team_link_of(*, assessment: Assessment, team: Team) -> TeamLink | None:
    return TeamLink.objects.filter(assessment=assessment, team=team).first()


def _rate(completed: int, invited: int) -> int | None:
    return round(100 * completed / invited) if invited else None


def _row(key: str, label: str | None, inv: Mapping[str, Any], resp: Mapping[str, Any]) -> ProgressRow:
    invited = inv.get("invited", 0)
    completed = inv.get("completed", 0)
    return {
        "key": key,
        "label": label,
        "invited": invited,
        "started": inv.get("started", 0),
        "completed": completed,
        "rate": _rate(completed, invited),
        "responses_started": resp.get("started", 0),
        "responses_submitted": resp.get("submitted", 0),
    }


def _grouped(
    model: type[Invitation] | type[Response], assessment: Assessment, by: str, flags: Mapping[str, Any]
) -> dict[int | None, dict[str, Any]]:
    rows = model.objects.filter(assessment=assessment).order_by().values(by).annotate(**flags)
    return {row[by]: row for row in rows}


def progress_for(*, assessment: Assessment) -> Progress:
    """Counts per team and per role, totals and the response rate, in a constant number of queries.

    Invitations give invited/started/completed. Responses (from invitations and open team links
    alike) give responses started and submitted; the open-link share of a team is the surplus of
    its responses over its invitations, since a response does not know where it came from.
    """
    inv_flags = {
        "invited": Count("pk"),
        "started": Count("pk", filter=Q(started=True)),
        "completed": Count("pk", filter=Q(completed_on__isnull=False)),
    }
    # Responses a manager excluded from scoring are counted apart, not as submitted (issue 11).
    resp_flags = {
        "started": Count("pk"),
        "submitted": Count("pk", filter=Q(submitted_at__isnull=False, excluded_at__isnull=True)),
        "excluded": Count("pk", filter=Q(excluded_at__isnull=False)),
    }
    inv_team = _grouped(Invitation, assessment, "team", inv_flags)
    inv_role = _grouped(Invitation, assessment, "role", inv_flags)
    invitation_roles = any(role_id is not None and row["invited"] for role_id, row in inv_role.items())
    resp_team = _grouped(Response, assessment, "team", resp_flags)
    resp_role = _grouped(Response, assessment, "role", resp_flags)
    links = {link.team_id: link for link in TeamLink.objects.filter(assessment=assessment).only("team_id", "active")}

    all_inv = _sum(inv_team.values(), inv_flags)
    all_resp = _sum(resp_team.values(), resp_flags)
    totals: dict[str, Any] = {
        **all_inv,
        "responses_started": all_resp["started"],
        "responses_submitted": all_resp["submitted"],
        "responses_excluded": all_resp["excluded"],
    }

    teams = []
    for team in assessment.teams.all().order_by("name"):
        row = _row(str(team.public_id), team.name, inv_team.pop(team.pk, {}), resp_team.pop(team.pk, {}))
        link = links.get(team.pk)
        row["has_link"] = link is not None
        row["link_active"] = bool(link and link.active)
        row["link_started"] = max(0, row["responses_started"] - row["started"]) if link else 0
        row["link_submitted"] = max(0, row["responses_submitted"] - row["completed"]) if link else 0
        teams.append(row)
    roles = [
        _row(str(role.public_id), str(role), inv_role.pop(role.pk, {}), resp_role.pop(role.pk, {}))
        for role in assessment.roles.all()
    ]
    # Invitations and responses without a role (or with a team/role since removed from the assessment).
    leftover_inv = _sum(inv_role.values(), inv_flags)
    leftover_resp = _sum(resp_role.values(), resp_flags)
    if any(leftover_inv.values()) or any(leftover_resp.values()):
        roles.append(_row("none", None, leftover_inv, leftover_resp))

    totals["rate"] = _rate(totals["completed"], totals["invited"])
    return {"teams": teams, "roles": roles, "totals": totals, "invitation_roles": invitation_roles}


def _sum(rows: Iterable[Mapping[str, Any]], flags: Iterable[str]) -> dict[str, int]:
    listed = list(rows)
    return {key: sum(row[key] for row in listed) for key in flags}


def completed_invitations(*, assessment: Assessment) -> QuerySet[Invitation]:
    """Who completed, and on which day: never which response is theirs. Erased addresses are left out."""
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=False)
        .exclude(email="")
        .select_related("team")
        .order_by("team__name", "email")
        .only("email", "completed_on", "team__name")
    )


def invitation_import_for(*, assessment: Assessment, public_id: UUID) -> InvitationImport | None:
    """A large invitation file's import of this assessment (questionnaire/services/invitations/large_import.py)."""
    return InvitationImport.objects.filter(assessment=assessment, public_id=public_id).first()


def invitations_for(*, assessment: Assessment) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(assessment=assessment).select_related("team", "role").order_by("team__name", "email")
    )


def team_links_for(*, assessment: Assessment) -> list[tuple[Team, TeamLink | None]]:
    """Every team of the assessment with its open link (or None)."""
    links = {link.team_id: link for link in TeamLink.objects.filter(assessment=assessment)}
    return [(team, links.get(team.pk)) for team in assessment.teams.all().order_by("name")]


def invitation_summary(*, assessment: Assessment) -> dict[str, int]:
    return Invitation.objects.filter(assessment=assessment).aggregate(
        invited=Count("pk"),
        unsent=Count("pk", filter=Q(sent_at__isnull=True) & ~Q(email="")),
        not_completed=Count("pk", filter=Q(completed_on__isnull=True, sent_at__isnull=False) & ~Q(email="")),
    )
