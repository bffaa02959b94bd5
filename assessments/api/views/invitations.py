"""Invitations of an assessment: list, add in bulk, withdraw. Managers only, like the invitations page."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.api import serializers
from assessments.api.views.base import GenericViewSet
from assessments.organisations.models import Role, Team
from assessments.organisations.selectors import teams_and_roles_of
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors import api as selectors
from assessments.questionnaire.services import invitations as invitation_services

if TYPE_CHECKING:  # for annotations only: views run no queries of their own
    from django.db.models import QuerySet


def _rows(assessment: Assessment, given: Iterable[Mapping[str, Any]]) -> list[tuple[str, Team, Role | None]]:
    """(email, Team, Role) for each row; teams and roles must be the assessment's own."""
    teams, roles = teams_and_roles_of(assessment=assessment)
    rows: list[tuple[str, Team, Role | None]] = []
    errors: dict[str, list[str]] = {}
    for number, row in enumerate(given, start=1):
        team = teams.get(row["team"])
        role = roles.get(row["role"]) if row.get("role") else None
        if team is None:
            errors[str(number)] = ["Use the id of a team in this assessment."]
        elif row.get("role") and role is None:
            errors[str(number)] = ["Use the id of a role this assessment asks, or leave it out."]
        else:
            rows.append((row["email"], team, role))
    if errors:
        raise ValidationError({"invitations": errors})
    return rows


@extend_schema_view(list=extend_schema(description="The assessment's invitations (managers only)."))
class AssessmentInvitationViewSet(mixins.ListModelMixin, GenericViewSet):
    # /assessments/<id>/invitations/: GET lists them, POST adds a list at once (all or nothing).

    serializer_class = serializers.InvitationSerializer

    def assessment(self) -> Assessment:
        assessment_id = self.kwargs["assessment_id"]
        assessment = selectors.assessment_among(organisations=self.organisations(), public_id=assessment_id)
        if assessment is None:
            raise Http404
        self.check_manage(assessment.organisation)
        return assessment

    def get_queryset(self) -> "QuerySet[Invitation]":
        if getattr(self, "swagger_fake_view", False):
            return selectors.no_invitations()
        return selectors.invitations_of(assessment=self.assessment())

    @extend_schema(
        request=serializers.InvitationBulkSerializer,
        responses={201: serializers.InvitationBulkResultSerializer},
        description="Adds invitations in bulk, all or nothing; emailed at once when the assessment is open.",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.assessment()
        incoming = serializers.InvitationBulkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        rows, notices = invitation_services.check_rows(
            assessment=assessment, rows=_rows(assessment, incoming.validated_data["invitations"])
        )
        errors = [e for e in notices if not e.skipped]
        if errors:
            raise ValidationError({"invitations": {str(e.line): [f"{e.value}: {e.reason}"] for e in errors}})
        result = invitation_services.import_invitations(assessment=assessment, actor=self.member(), rows=rows)
        if not result.ok:
            raise ValidationError({"invitations": {str(e.line): [f"{e.value}: {e.reason}"] for e in result.errors}})
        skipped = [{"line": e.line, "email": e.value, "reason": e.reason} for e in notices if e.skipped]
        return Response({"created": result.created, "skipped": skipped}, status=status.HTTP_201_CREATED)


@extend_schema_view(retrieve=extend_schema(description="One invitation (managers only)."))
class InvitationViewSet(mixins.RetrieveModelMixin, GenericViewSet):
    # /invitations/<id>/ and /invitations/<id>/withdraw/.

    serializer_class = serializers.InvitationSerializer

    def get_queryset(self) -> "QuerySet[Invitation]":
        return selectors.invitations_among(organisations=self.organisations())

    def get_object(self) -> Invitation:
        invitation: Invitation = super().get_object()
        self.check_manage(invitation.assessment.organisation)
        return invitation

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, id: UUID | None = None) -> Response:
        """Withdraws an invitation nobody has started: its link stops working."""
        invitation = self.get_object()
        invitation_services.withdraw_invitation(
            assessment=invitation.assessment, actor=self.member(), public_id=invitation.public_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
