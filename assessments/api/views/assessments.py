"""Assessments: list, read, create, open, close, progress, results and exports, through the domains' services."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from django.http.response import HttpResponseBase
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.api import serializers
from assessments.api.serializers_results import AssessmentResultSchema
from assessments.api.views.base import GenericViewSet
from assessments.core.downloads import download
from assessments.organisations import selectors as organisation_selectors
from assessments.organisations.models import Organisation
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors import api as api_selectors
from assessments.questionnaire.selectors import assessments as assessment_selectors
from assessments.questionnaire.services import assessments as lifecycle
from assessments.questionnaire.services.assessments import default_threshold
from assessments.results import exports as exporters
from assessments.results import wording
from assessments.scoring import score_assessment

if TYPE_CHECKING:  # for annotations only: views run no queries of their own
    from django.db.models import Model, QuerySet

Found = TypeVar("Found", bound="Model")


def _resolve(
    select: Callable[..., Sequence[Found]], ids: Sequence[UUID], organisation: Organisation, field: str
) -> Sequence[Found]:
    found = select(organisation=organisation, public_ids=ids)
    if len(found) != len(set(ids)):
        raise ValidationError({field: [f"Use the ids of this organisation's {field}."]})
    return found


def _resolve_create_data(data: dict[str, Any], organisation: Organisation) -> dict[str, Any]:
    """The API's ids turned into the objects the questionnaire service expects (its form's cleaned_data)."""
    version = assessment_selectors.latest_version()
    previous = None
    if data.get("previous"):
        previous = api_selectors.assessment_of(organisation=organisation, public_id=data["previous"])
        if previous is None:
            raise ValidationError({"previous": ["Use the id of an assessment of this organisation."]})
    threshold = default_threshold(organisation=organisation)
    return {
        **data,
        "model_version": version,
        "teams": _resolve(organisation_selectors.teams_by_public_ids, data["teams"], organisation, "teams"),
        "roles": _resolve(organisation_selectors.roles_by_public_ids, data["roles"], organisation, "roles"),
        "previous": previous,
        **{f: data.get(f) or threshold for f in ("threshold_scores", "threshold_comments", "threshold_spread")},
    }


FILTERS = [
    OpenApiParameter("organisation", OpenApiTypes.UUID),
    OpenApiParameter("status", OpenApiTypes.STR, enum=[s for s, _label in Assessment.Status.choices]),
    OpenApiParameter("created_after", OpenApiTypes.DATE, description="Created on or after this day."),
    OpenApiParameter("created_before", OpenApiTypes.DATE, description="Created on or before this day."),
]


@extend_schema_view(
    list=extend_schema(parameters=FILTERS, description="Assessments with invitation and response counts."),
    retrieve=extend_schema(description="One assessment with its counts."),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, GenericViewSet):
    serializer_class = serializers.AssessmentSerializer

    def get_queryset(self) -> "QuerySet[Assessment]":
        filters: dict[str, Any] = {}
        if self.action == "list":
            params = serializers.AssessmentFilterSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            filters = params.validated_data
        return api_selectors.assessments_among(
            organisations=self.organisations(), with_counts=self.action in ("list", "retrieve"), **filters
        )

    def _annotated(self, assessment: Assessment) -> Assessment:
        return api_selectors.assessment_with_counts(organisations=self.organisations(), pk=assessment.pk)

    @extend_schema(
        request=serializers.AssessmentCreateSerializer,
        responses={201: serializers.AssessmentSerializer},
        description="Creates a draft assessment (managers and consultants, write token).",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = serializers.AssessmentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organisation = organisation_selectors.organisation_among(
            organisations=self.organisations(), public_id=data.pop("organisation")
        )
        if organisation is None:
            raise ValidationError({"organisation": ["Use the id of one of this token's organisations."]})
        self.check_manage(organisation)
        assessment = lifecycle.create_assessment(
            organisation=organisation, actor=self.member(), data=_resolve_create_data(data, organisation)
        )
        body = self.get_serializer(self._annotated(assessment)).data
        return Response(body, status=status.HTTP_201_CREATED)

    def _change(self, service: Callable[..., Assessment]) -> Response:
        assessment = self.get_object()
        self.check_manage(assessment.organisation)
        service(assessment=assessment, actor=self.member())
        return Response(self.get_serializer(self._annotated(assessment)).data)

    @extend_schema(
        request=None,
        responses={200: serializers.AssessmentSerializer},
        description="Opens a draft: invitations are emailed. Repeating it changes nothing.",
    )
    @action(detail=True, methods=["post"])
    def open(self, request: Request, id: UUID | None = None) -> Response:
        return self._change(lifecycle.open_assessment)

    @extend_schema(
        request=None,
        responses={200: serializers.AssessmentSerializer},
        description="Closes an open assessment. Repeating it changes nothing.",
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, id: UUID | None = None) -> Response:
        return self._change(lifecycle.close_assessment)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def progress(self, request: Request, id: UUID | None = None) -> Response:
        """Counts per team and role and the response rate: never who answered what."""
        assessment = self.get_object()
        return Response({"status": assessment.status, **assessment_selectors.progress_for(assessment=assessment)})

    @extend_schema(responses={200: AssessmentResultSchema})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, id: UUID | None = None) -> Response:
        """The dashboard's scoring result: hidden groups and factors carry no figures, only a reason (code and
        text, in the request's language). Every shown score carries its margin of error (`margin`,
        `index_margin`: 95%, 0-100 points) and every change whether it is `meaningful` (beyond its margin)."""
        assessment = self.get_object()
        return Response(wording.result_json(score_assessment(assessment=assessment)))

    @extend_schema(
        parameters=[serializers.ExportQuerySerializer],
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, id: UUID | None = None) -> HttpResponseBase:
        """The dashboard's downloads: scores (everyone) or answers (managers), as CSV or Excel."""
        assessment = self.get_object()
        query = serializers.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        kind, fmt, language = (query.validated_data[k] for k in ("kind", "format", "language"))
        if kind == "answers":
            self.check_manage(assessment.organisation)
        with override(language):
            filename, content_type, content = exporters.export(
                assessment=assessment, kind=kind, fmt=fmt, language=language
            )
        activity.record(
            organisation=assessment.organisation, actor=request.user, verb="exported", obj=assessment, detail=filename
        )
        return download(filename=filename, content_type=content_type, content=content)
