"""Organisations, teams and roles (read): the member's own, narrowed to the token's organisation."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers

from assessments.api import serializers
from assessments.api.views.base import ReadOnlyViewSet
from assessments.organisations.models import Role, Team

ORGANISATION_FILTER = OpenApiParameter("organisation", OpenApiTypes.UUID, description="Only this organisation's.")


@extend_schema_view(
    list=extend_schema(description="The token's organisations, with the token owner's role in each."),
    retrieve=extend_schema(description="One organisation."),
)
class OrganisationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return self.with_my_role(self.organisations()).order_by("name", "pk")


def _by_organisation(view, queryset):
    value = view.request.query_params.get("organisation")
    if value is None:
        return queryset
    field = drf_serializers.UUIDField()
    return queryset.filter(organisation__public_id=field.run_validation(value))


@extend_schema_view(
    list=extend_schema(parameters=[ORGANISATION_FILTER], description="Teams, with the team they are part of."),
    retrieve=extend_schema(description="One team."),
)
class TeamViewSet(ReadOnlyViewSet):
    serializer_class = serializers.TeamSerializer

    def get_queryset(self):
        queryset = Team.objects.filter(organisation__in=self.organisations()).select_related("organisation", "parent")
        if self.action == "list":
            queryset = _by_organisation(self, queryset)
        return queryset.order_by("organisation__name", "name", "pk")


@extend_schema_view(
    list=extend_schema(parameters=[ORGANISATION_FILTER], description="Respondent roles (board, front office…)."),
    retrieve=extend_schema(description="One respondent role."),
)
class RoleViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RoleSerializer

    def get_queryset(self):
        queryset = Role.objects.filter(organisation__in=self.organisations()).select_related("organisation")
        if self.action == "list":
            queryset = _by_organisation(self, queryset)
        return queryset.order_by("organisation__name", "order", "name_en", "pk")
