from assessments.questionnaire.models.assessments import Assessment, Invitation, TeamLink
from assessments.questionnaire.models.emails import EmailKind, EmailText, ScheduledEmail
from assessments.questionnaire.models.imports import InvitationImport
from assessments.questionnaire.models.responses import DONT_KNOW, Answer, Comment, FactorAmbition, Response
from assessments.questionnaire.models.sums import CellTally, GroupTally, ResponseFactorSums

__all__ = [
    "DONT_KNOW",
    "Answer",
    "Assessment",
    "CellTally",
    "GroupTally",
    "Comment",
    "EmailKind",
    "EmailText",
    "FactorAmbition",
    "Invitation",
    "InvitationImport",
    "Response",
    "ResponseFactorSums",
    "ScheduledEmail",
    "TeamLink",
]
