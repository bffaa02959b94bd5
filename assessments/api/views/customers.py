"""The customer check's outside-in figures of one assessment, exactly as its page shows them.

Groups (links, imported periods) below the check's minimum number of responses carry no figures:
the outside-in summary leaves them out before anything is serialised here.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from assessments.api.views.base import GenericViewSet
from assessments.outside_in.presenters import summary_json
from assessments.outside_in.selectors import customer_check_for, outside_in_summary
from assessments.questionnaire.selectors.api import assessment_among


class CustomerFiguresViewSet(GenericViewSet):
    # /assessments/<id>/customer-figures/: read only, for every member (like the outside-in page).

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "The outside-in summary: customer figures overall, per link and per imported period, the knowledge "
            "gap and the factors inside and out. A group below the minimum responses shows no figures. 404 when "
            "the assessment has no customer check."
        ),
    )
    def retrieve(self, request, assessment_id=None):
        assessment = assessment_among(organisations=self.organisations(), public_id=assessment_id)
        check = None if assessment is None else customer_check_for(assessment=assessment)
        if check is None:
            raise Http404
        summary = outside_in_summary(assessment=assessment, check=check)
        response = Response(summary_json(summary))
        response["Cache-Control"] = "private, no-store"
        return response
