"""The API's resources: each domain's viewsets are registered here, in one place.

A new domain adds its viewsets under `assessments/api/views/<domain>.py` and one `router.register(...)`
line below (flat, addressed by public id), or a nested path in `NESTED` when it belongs to one assessment.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from assessments.api.views.actions import ActionViewSet, OrganisationActionViewSet
from assessments.api.views.assessments import AssessmentViewSet
from assessments.api.views.customers import CustomerFiguresViewSet
from assessments.api.views.invitations import AssessmentInvitationViewSet, InvitationViewSet
from assessments.api.views.moments import MomentsViewSet
from assessments.api.views.organisations import OrganisationViewSet, RoleViewSet, TeamViewSet

router = SimpleRouter(use_regex_path=False)
router.register("organisations", OrganisationViewSet, basename="api-organisation")
router.register("teams", TeamViewSet, basename="api-team")
router.register("roles", RoleViewSet, basename="api-role")
router.register("assessments", AssessmentViewSet, basename="api-assessment")
router.register("invitations", InvitationViewSet, basename="api-invitation")
router.register("actions", ActionViewSet, basename="api-action")

NESTED = [
    path(
        "assessments/<uuid:assessment_id>/invitations/",
        AssessmentInvitationViewSet.as_view({"get": "list", "post": "create"}),
        name="api-assessment-invitations",
    ),
    path(
        "assessments/<uuid:assessment_id>/customer-figures/",
        CustomerFiguresViewSet.as_view({"get": "retrieve"}),
        name="api-assessment-customer-figures",
    ),
    path(
        "assessments/<uuid:assessment_id>/moments/",
        MomentsViewSet.as_view({"get": "retrieve"}),
        name="api-assessment-moments",
    ),
    path(
        "organisations/<uuid:organisation_id>/actions/",
        OrganisationActionViewSet.as_view({"get": "list", "post": "create"}),
        name="api-organisation-actions",
    ),
]

urlpatterns = [*router.urls, *NESTED]
