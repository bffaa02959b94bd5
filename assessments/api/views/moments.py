"""The moments that matter of one assessment (round): per journey of its organisation, each moment's
customers against its target beside the owning team's basics and 9+ layer scores, exactly as the journey
page shows them. Hidden figures (customers below the check's minimum or hidden against subtraction, a team
below the anonymity threshold) are null with their reason before anything is serialised here."""

from uuid import UUID

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.api.views.base import GenericViewSet
from assessments.journeys.measures.presenters import row_json
from assessments.journeys.measures.selectors import measure_rows
from assessments.journeys.presenters import view_json
from assessments.journeys.selectors import journey_view, journeys_of
from assessments.questionnaire.selectors.api import assessment_among


class MomentsViewSet(GenericViewSet):
    # /assessments/<id>/moments/: read only, for every member (like the journey page).

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "Per customer journey of the assessment's organisation, its moments in order: the customers of the "
            "links tied to each moment in this round (grade bands, 7+ and 9+ shares, the verdict against the "
            "moment's target, open answers from the comment threshold) and the owning team's basics and 9+ "
            "layer scores; and the actions' customer success measures with their figure per wave (a round with a "
            "customer check) up to this one, the change since the baseline wave, its margin and the verdict. "
            "Hidden figures are null with their reason."
        ),
    )
    def retrieve(self, request: Request, assessment_id: UUID | None = None) -> Response:
        assessment = (
            assessment_among(organisations=self.organisations(), public_id=assessment_id) if assessment_id else None
        )
        if assessment is None:
            raise Http404
        journeys = journeys_of(organisation=assessment.organisation)
        body = {
            "assessment": str(assessment.public_id),
            "journeys": [view_json(journey_view(journey=j, assessment=assessment)) for j in journeys],
            # The actions' customer success measures per wave up to this round, under the same rules.
            "measures": [row_json(row) for row in measure_rows(organisation=assessment.organisation, until=assessment)],
        }
        response = Response(body)
        response["Cache-Control"] = "private, no-store"
        return response
