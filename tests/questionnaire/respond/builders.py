"""Builders for respondent tests: invitations with their raw token, team links, a ready survey."""

from dataclasses import dataclass

from assessments.core.tokens import hash_token, new_token
from assessments.questionnaire.models import Invitation, TeamLink
from models_9plus.models import Statement
from tests import factories


def make_invitation(*, assessment, team, role=None, email=None):
    """(invitation, raw token): the token is what the invitation email would carry."""
    token = new_token()
    invitation = Invitation.objects.create(
        assessment=assessment,
        team=team,
        role=role,
        email=email or f"person.{token[:6].lower()}@example.org",
        token_hash=hash_token(token, purpose="invitation"),
    )
    return invitation, token


def make_team_link(*, assessment, team):
    return TeamLink.objects.create(assessment=assessment, team=team, token=new_token())


@dataclass
class Survey:
    organisation: object
    team: object
    assessment: object
    invitation: object
    token: object

    @property
    def link(self):
        return f"/r/{self.token}/"

    def statements(self, factor_order=None):
        qs = Statement.objects.filter(factor__version=self.assessment.model_version).order_by("factor__order", "order")
        if factor_order is not None:
            qs = qs.filter(factor__order=factor_order)
        return list(qs)


def make_survey(*, organisation, model_version, roles=(), language="en", **assessment_fields):
    """Tests read English pages unless they choose Dutch: the organisation's default decides."""
    organisation.default_language = language
    organisation.save(update_fields=["default_language"])
    team = factories.make_team(organisation=organisation, name="Customer service")
    assessment = factories.make_assessment(
        organisation=organisation, model_version=model_version, teams=[team], roles=roles, **assessment_fields
    )
    invitation, token = make_invitation(assessment=assessment, team=team)
    return Survey(organisation=organisation, team=team, assessment=assessment, invitation=invitation, token=token)
