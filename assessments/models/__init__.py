from assessments.models.assessments import Assessment, Invitation, TeamLink
from assessments.models.organisations import (
    ActivityLog,
    Membership,
    Organisation,
    OrganisationInvitation,
    Role,
    Team,
)
from assessments.models.reports import Report
from assessments.models.responses import DONT_KNOW, Answer, Comment, Response

__all__ = [
    "DONT_KNOW",
    "ActivityLog",
    "Answer",
    "Assessment",
    "Comment",
    "Invitation",
    "Membership",
    "Organisation",
    "OrganisationInvitation",
    "Report",
    "Response",
    "Role",
    "Team",
    "TeamLink",
]
