"""The app's model registry: Django loads `assessments.models`; every model lives in its domain package.

Domain code imports models from its own package (e.g. `assessments.questionnaire.models`), never from here.
"""

from assessments.actions.models import ActionEvent, BoardLink, DigestLog, PlanAction
from assessments.api.models import ApiCall, ApiToken
from assessments.organisations.models import ActivityLog, Membership, Organisation, OrganisationInvitation, Role, Team
from assessments.outside_in.models import (
    CustomerCheck,
    CustomerLink,
    CustomerResponse,
    ImportedFigures,
    InternalEstimate,
)
from assessments.questionnaire.models import (
    Answer,
    Assessment,
    Comment,
    FactorAmbition,
    Invitation,
    Response,
    ResponseFactorSums,
    TeamLink,
)
from assessments.results.models import Report

__all__ = [
    "ActionEvent",
    "BoardLink",
    "DigestLog",
    "PlanAction",
    "ApiCall",
    "ApiToken",
    "ActivityLog",
    "Answer",
    "Assessment",
    "Comment",
    "FactorAmbition",
    "Invitation",
    "Membership",
    "Organisation",
    "OrganisationInvitation",
    "Report",
    "Response",
    "ResponseFactorSums",
    "Role",
    "Team",
    "TeamLink",
    "CustomerCheck",
    "CustomerLink",
    "CustomerResponse",
    "ImportedFigures",
    "InternalEstimate",
]
