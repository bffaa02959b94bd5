"""Reads for organisation pages: lists, trees and what a delete would remove."""

from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from assessments.core.http import AnyUser
from assessments.organisations.access import organisations_for
from assessments.organisations.dependents import count_dependents
from assessments.organisations.email_domains import domain_of
from assessments.organisations.models import (
    ActivityLog,
    EmailDomain,
    IdentityProvider,
    Membership,
    Organisation,
    OrganisationInvitation,
    Role,
    Team,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ACTIVITY_PAGE_SIZE = 50

# What a delete would remove, by label: counts, and for a team also its sub-teams.
DeleteSummary = dict[str, int | list[Team]]


def _count_of(model: type[Team] | type[Membership]) -> Coalesce:
    rows = model.objects.filter(organisation=OuterRef("pk")).order_by().values("organisation")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def organisation_list_for(*, user: AnyUser) -> QuerySet[Organisation]:
    """The user's organisations with their team and member counts (one query).

    Counted in subqueries: the membership join that selects the user's organisations
    would otherwise count only the user's own membership.
    """
    return organisations_for(user=user).annotate(team_count=_count_of(Team), member_count=_count_of(Membership))


def with_my_roles(
    *, organisation_list: Iterable[Organisation], user: User
) -> list[tuple[Organisation, "StrOrPromise"]]:
    roles: dict[int, str] = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    labels = dict(Membership.Role.choices)
    return [(org, labels.get(roles.get(org.pk, ""), "")) for org in organisation_list]


def organisation_overview(*, organisation: Organisation) -> tuple[dict[str, int], list[Model]]:
    """Counts of teams, people and roles, and the five latest assessments (a type this layer does not import)."""
    counts = {
        "teams": organisation.teams.count(),
        "people": organisation.memberships.count(),
        "roles": organisation.roles.count(),
    }
    assessments: list[Model] = list(
        organisation.assessments.annotate(
            response_count=Count("responses", filter=Q(responses__submitted_at__isnull=False))
        ).order_by("-created_at")[:5]
    )
    return counts, assessments


def team_tree(*, organisation: Organisation) -> list[Team]:
    """Teams in display order, each with `depth` (0 for top-level) set; one query."""
    teams = list(organisation.teams.order_by("name"))
    children: dict[int | None, list[Team]] = {}
    for team in teams:
        children.setdefault(team.parent_id, []).append(team)
    ordered: list[Team] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for team in children.get(parent_id, []):
            team.depth = depth
            team.child_count = len(children.get(team.pk, []))
            ordered.append(team)
            walk(team.pk, depth + 1)

    walk(None, 0)
    return ordered


def descendants_of(*, team: Team) -> list[Team]:
    """All teams below `team`, in tree order (one query for the organisation's teams)."""
    tree = team_tree(organisation=team.organisation)
    below: list[Team] = []
    inside = {team.pk}
    for candidate in tree:
        if candidate.parent_id in inside:
            inside.add(candidate.pk)
            below.append(candidate)
    return below


def team_delete_summary(*, team: Team) -> DeleteSummary:
    sub_teams = descendants_of(team=team)
    ids = [team.pk, *(t.pk for t in sub_teams)]
    return {
        "sub_teams": sub_teams,
        "assessments": team.assessments.count(),
        **count_dependents(team_ids=ids),
    }


def parent_choices(*, organisation: Organisation, team: Team | None = None) -> QuerySet[Team]:
    """Teams that may become `team`'s parent: same organisation, not the team itself or below it."""
    queryset = organisation.teams.order_by("name")
    if team is not None:
        excluded = [team.pk, *(t.pk for t in descendants_of(team=team))]
        queryset = queryset.exclude(pk__in=excluded)
    return queryset


def roles_in(*, organisation: Organisation) -> QuerySet[Role]:
    """The organisation's respondent roles in their set order."""
    return organisation.roles.order_by("order", "name_en")


def role_delete_summary(*, role: Role) -> DeleteSummary:
    return {
        "assessments": role.assessments.count(),
        **count_dependents(role=role),
    }


def organisation_delete_summary(*, organisation: Organisation) -> DeleteSummary:
    return {
        "teams": organisation.teams.count(),
        "roles": organisation.roles.count(),
        "people": organisation.memberships.count(),
        "assessments": organisation.assessments.count(),
        **count_dependents(organisation=organisation),
    }


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    """The members with their users, and a team leader's teams (prefetched: two queries in all)."""
    return organisation.memberships.select_related("user").prefetch_related("teams").order_by("user__email")


def led_teams(*, membership: Membership) -> list[Team]:
    """The teams a team leader leads, by name (none for every other role)."""
    return list(membership.teams.order_by("name")) if membership.is_team_leader else []


def team_count(*, organisation: Organisation) -> int:
    return organisation.teams.count()


def pending_invitations(*, organisation: Organisation) -> QuerySet[OrganisationInvitation]:
    return (
        OrganisationInvitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
        .select_related("invited_by")
        .prefetch_related("teams")
    )


def activity_page(*, organisation: Organisation, page_number: str | int | None) -> Page[ActivityLog]:
    queryset = ActivityLog.objects.filter(organisation=organisation).select_related("actor")
    return Paginator(queryset, ACTIVITY_PAGE_SIZE).get_page(page_number)


def no_organisations() -> QuerySet[Organisation]:
    """An empty list of organisations (the API's schema generation has no member to ask for)."""
    return Organisation.objects.none()


def organisations_with_my_role(*, organisations: QuerySet[Organisation], user: User) -> QuerySet[Organisation]:
    """The organisations, each with the user's role in it as `my_role`, by name (one query)."""
    role = Membership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")[:1]
    return organisations.annotate(my_role=Subquery(role)).order_by("name", "pk")


def organisation_among(*, organisations: QuerySet[Organisation], public_id: UUID | str) -> Organisation | None:
    return organisations.filter(public_id=public_id).first()


def membership_by_public_id(*, organisation: Organisation, public_id: UUID | str) -> Membership | None:
    return Membership.objects.filter(organisation=organisation, public_id=public_id).first()


def teams_among(*, organisations: QuerySet[Organisation], organisation_id: UUID | str | None = None) -> QuerySet[Team]:
    """The teams of these organisations (of the one with public id `organisation_id` when given)."""
    teams = Team.objects.filter(organisation__in=organisations).select_related("organisation", "parent")
    if organisation_id is not None:
        teams = teams.filter(organisation__public_id=organisation_id)
    return teams.order_by("organisation__name", "name", "pk")


def roles_among(*, organisations: QuerySet[Organisation], organisation_id: UUID | str | None = None) -> QuerySet[Role]:
    """The respondent roles of these organisations (of the one with public id `organisation_id` when given)."""
    roles = Role.objects.filter(organisation__in=organisations).select_related("organisation")
    if organisation_id is not None:
        roles = roles.filter(organisation__public_id=organisation_id)
    return roles.order_by("organisation__name", "order", "name_en", "pk")


def teams_by_public_ids(*, organisation: Organisation, public_ids: Iterable[UUID | str]) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation, public_id__in=set(public_ids)))


def roles_by_public_ids(*, organisation: Organisation, public_ids: Iterable[UUID | str]) -> list[Role]:
    return list(Role.objects.filter(organisation=organisation, public_id__in=set(public_ids)))


def teams_and_roles_of(*, assessment: Model) -> tuple[dict[UUID, Team], dict[UUID, Role]]:
    """An assessment's teams and roles by public id (the assessment is a type this layer does not import)."""
    teams = {t.public_id: t for t in Team.objects.filter(assessments__pk=assessment.pk)}
    roles = {r.public_id: r for r in Role.objects.filter(assessments__pk=assessment.pk)}
    return teams, roles


def identity_provider_of(*, organisation: Organisation) -> IdentityProvider | None:
    """The organisation's identity provider with its SocialApp and domains, or None."""
    return (
        IdentityProvider.objects.select_related("app")
        .prefetch_related("domains")
        .filter(organisation=organisation)
        .first()
    )


def identity_provider_for_email(*, email: str) -> IdentityProvider | None:
    """The identity provider that signs in this address's domain, or None."""
    domain = domain_of(email)
    if not domain:
        return None
    row = EmailDomain.objects.select_related("identity_provider__app").filter(domain=domain).first()
    return row.identity_provider if row else None


def identity_provider_by_provider_id(*, provider_id: str) -> IdentityProvider | None:
    """The identity provider behind an allauth provider id (the sign-in URL's), with its domains."""
    return (
        IdentityProvider.objects.select_related("app", "organisation")
        .prefetch_related("domains")
        .filter(app__provider_id=provider_id)
        .first()
    )
