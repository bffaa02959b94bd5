"""Organisations, teams and roles (read): the member's own, narrowed to the token's organisation."""

from typing import TYPE_CHECKING, Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers

from assessments.api import serializers
from assessments.api.views.base import ReadOnlyViewSet
from assessments.organisations import selectors
from assessments.organisations.models import Organisation, Role, Team

if TYPE_CHECKING:  # for annotations only: views run no queries of their own
    from django.db.models import QuerySet

ORGANISATION_FILTER = OpenApiParameter("organisation", OpenApiTypes.UUID, description="Only this organisation's.")


@extend_schema_view(
    list=extend_schema(description="The token's organisations, with the token owner's role in each."),
    retrieve=extend_schema(description="One organisation."),
)
class OrganisationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self) -> "QuerySet[Organisation]":
        return selectors.organisations_with_my_role(organisations=self.organisations(), user=self.member())


def _organisation_filter(view: ReadOnlyViewSet) -> dict[str, Any]:
    """The list's `?organisation=<id>` filter (a 400 when it is no id); nothing for one object."""
    value = view.request.query_params.get("organisation")
    if view.action != "list" or value is None:
        return {}
    return {"organisation_id": drf_serializers.UUIDField().run_validation(value)}


@extend_schema_view(
    list=extend_schema(parameters=[ORGANISATION_FILTER], description="Teams, with the team they are part of."),
    retrieve=extend_schema(description="One team."),
)
class TeamViewSet(ReadOnlyViewSet):
    serializer_class = serializers.TeamSerializer

    def get_queryset(self) -> "QuerySet[Team]":
        return selectors.teams_among(organisations=self.organisations(), **_organisation_filter(self))


@extend_schema_view(
    list=extend_schema(parameters=[ORGANISATION_FILTER], description="Respondent roles (board, front office…)."),
    retrieve=extend_schema(description="One respondent role."),
)
class RoleViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RoleSerializer

    def get_queryset(self) -> "QuerySet[Role]":
        return selectors.roles_among(organisations=self.organisations(), **_organisation_filter(self))
