"""Action plans: an organisation's list (filtered) and new actions; one action read and changed.

Every write goes through the actions domain's services, so the action's history and the
organisation's activity log are kept exactly as in the browser. Viewers read; managers change.
"""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.actions.models import PlanAction
from assessments.actions.selectors import api as action_selectors
from assessments.actions.selectors import plan as plan_selectors
from assessments.actions.selectors.trend import latest_round
from assessments.actions.services import plan as plan_services
from assessments.api import serializers_actions as serializers
from assessments.api.errors import Conflict
from assessments.api.views.base import GenericViewSet
from assessments.organisations.models import Organisation
from assessments.organisations.selectors import membership_by_public_id, organisation_among
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.api import assessment_of

if TYPE_CHECKING:  # for annotations only: views run no queries of their own
    from django.db.models import QuerySet

FILTERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=[s for s, _label in PlanAction.Status.choices]),
    OpenApiParameter("factor", OpenApiTypes.STR, description="Only actions on this factor code."),
]


def _owner(organisation: Organisation, data: dict[str, Any]) -> dict[str, Any]:
    """The membership id in `owner` turned into the Membership the service expects."""
    if not data.get("owner"):
        return data
    owner = membership_by_public_id(organisation=organisation, public_id=data["owner"])
    if owner is None:
        raise ValidationError({"owner": ["Use the id of a membership of this organisation."]})
    return {**data, "owner": owner}


def _round(organisation: Organisation, assessment_id: UUID | None) -> Assessment:
    if assessment_id:
        assessment = assessment_of(organisation=organisation, public_id=assessment_id)
        if assessment is None:
            raise ValidationError({"assessment": ["Use the id of an assessment of this organisation."]})
        return assessment
    latest = latest_round(organisation=organisation)
    if latest is None:
        raise Conflict("Actions follow from results: run a first assessment before you plan.")
    return latest


@extend_schema_view(
    list=extend_schema(parameters=FILTERS, description="The organisation's action plan: open work first."),
)
class OrganisationActionViewSet(mixins.ListModelMixin, GenericViewSet):
    # /organisations/<id>/actions/: GET lists the plan (everyone), POST adds an action (managers).

    serializer_class = serializers.PlanActionSerializer

    def organisation(self) -> Organisation:
        organisation = organisation_among(organisations=self.organisations(), public_id=self.kwargs["organisation_id"])
        if organisation is None:
            raise Http404
        return organisation

    # The plan comes as a list (sorted in Python, organisation set on each row); DRF lists a list as well as a
    # queryset, while its type stubs only know the queryset.
    def get_queryset(self) -> "QuerySet[PlanAction] | list[PlanAction]":  # type: ignore[override]
        if getattr(self, "swagger_fake_view", False):
            return action_selectors.no_actions()
        params = serializers.PlanActionFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        organisation = self.organisation()
        filters = plan_selectors.PlanFilters(
            status=params.validated_data.get("status", ""), factor=params.validated_data.get("factor", "")
        )
        actions = plan_selectors.plan_actions(organisation=organisation, filters=filters)
        for action in actions:
            action.organisation = organisation  # known already: no query per row
        return actions

    @extend_schema(
        request=serializers.PlanActionCreateSerializer,
        responses={201: serializers.PlanActionSerializer},
        description="Adds an action to the plan (managers and consultants, write token).",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.organisation()
        self.check_manage(organisation)
        incoming = serializers.PlanActionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        assessment = _round(organisation, data.pop("assessment", None))
        action = plan_services.create_action(
            organisation=organisation, assessment=assessment, actor=self.member(), data=_owner(organisation, data)
        )
        return Response(self.get_serializer(action).data, status=status.HTTP_201_CREATED)


@extend_schema_view(retrieve=extend_schema(description="One action of the plan."))
class ActionViewSet(mixins.RetrieveModelMixin, GenericViewSet):
    # /actions/<id>/: GET reads it (everyone), PATCH changes the given fields (managers).

    serializer_class = serializers.PlanActionSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> "QuerySet[PlanAction]":
        return action_selectors.actions_among(organisations=self.organisations())

    @extend_schema(
        request=serializers.PlanActionWriteSerializer,
        responses={200: serializers.PlanActionSerializer},
        description="Changes the given fields; each real change is kept in the action's history.",
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self.get_object()
        self.check_manage(action.organisation)
        incoming = serializers.PlanActionWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = _owner(action.organisation, dict(incoming.validated_data))
        # One owner: naming a member clears a typed name and the other way round, as the browser's form does.
        if data.get("owner") and "owner_name" not in data:
            data["owner_name"] = ""
        if data.get("owner_name") and "owner" not in data:
            data["owner"] = None
        if data.get("factor_code", action.factor_code) != action.factor_code and action.assessment is None:
            raise Conflict("The action's round was deleted: its factor can no longer change.")
        if data.keys() == {"status"}:
            plan_services.set_status(action=action, actor=self.member(), status=data["status"])
        else:
            plan_services.update_action(action=action, actor=self.member(), data=data)
        changed = action_selectors.action_among(organisations=self.organisations(), pk=action.pk)
        return Response(self.get_serializer(changed).data)
