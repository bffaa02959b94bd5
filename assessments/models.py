"""The app's model registry: Django loads `assessments.models`; every model lives in its domain package.

Domain code imports models from its own package (e.g. `assessments.questionnaire.models`), never from here.
"""

from assessments.actions.models import ActionEvent, BoardLink, DigestLog, PlanAction
from assessments.api.models import ApiCall, ApiToken
from assessments.comments.models import PickedQuote, Tag, Theme
from assessments.journeys.models import Journey, MeasureRecord, Moment, MomentLink, MomentMeasure
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
from assessments.outside_in.models import (
    CustomerCheck,
    CustomerLink,
    CustomerResponse,
    ImportedFigures,
    InternalEstimate,
)
from assessments.pulse.models import PulseAnswer, PulseParticipant, PulseProgramme, PulseReminder, PulseSignal
from assessments.questionnaire.models import (
    Answer,
    Assessment,
    Comment,
    EmailText,
    FactorAmbition,
    Invitation,
    InvitationImport,
    Response,
    ResponseFactorSums,
    ScheduledEmail,
    TeamLink,
)
from assessments.results.models import Report
from assessments.scoring.models import StoredFigures

__all__ = [
    "ActionEvent",
    "BoardLink",
    "DigestLog",
    "EmailDomain",
    "PlanAction",
    "ApiCall",
    "ApiToken",
    "PickedQuote",
    "Tag",
    "Theme",
    "ActivityLog",
    "Answer",
    "Assessment",
    "Comment",
    "EmailText",
    "FactorAmbition",
    "Invitation",
    "InvitationImport",
    "ScheduledEmail",
    "Membership",
    "Organisation",
    "OrganisationInvitation",
    "Report",
    "StoredFigures",
    "Response",
    "ResponseFactorSums",
    "Role",
    "Team",
    "TeamLink",
    "Journey",
    "Moment",
    "MomentLink",
    "MomentMeasure",
    "MeasureRecord",
    "CustomerCheck",
    "CustomerLink",
    "CustomerResponse",
    "IdentityProvider",
    "ImportedFigures",
    "InternalEstimate",
    "PulseAnswer",
    "PulseParticipant",
    "PulseProgramme",
    "PulseReminder",
    "PulseSignal",
]
