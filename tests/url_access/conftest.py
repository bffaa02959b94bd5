"""Real objects of organisation A, one of each kind a URL can address, for the walks as outsiders and team
leaders. A URL keyword naming a new kind of object can be added to `real_ids` so the walks use real ids for it;
unknown keywords are tried with every real id we have."""

import secrets

import pytest
from django.utils import timezone

from assessments.actions.services.board_links import create_board_link
from assessments.comments.models import Theme
from assessments.journeys.models import Journey, Moment, MomentLink
from assessments.organisations.models import Membership, OrganisationInvitation
from assessments.organisations.services import members
from assessments.outside_in.models import CustomerCheck, CustomerLink
from assessments.questionnaire.models import Invitation, InvitationImport, Response
from assessments.results.models import Report
from tests import factories


def _plan_action(organisation, assessment, actor):
    from assessments.actions.services.plan import create_action

    return create_action(
        organisation=organisation, assessment=assessment, actor=actor, data={"title": "Walk", "factor_code": "f1"}
    )


def _api_token(organisation, owner):
    from assessments.api.services import create_token

    return create_token(user=owner, name="Walk", scope="read", organisation=organisation)[0]


@pytest.fixture
def real_ids(org_a, manager_a, model_version):
    team = factories.make_team(organisation=org_a)
    role = factories.make_role(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    invitation = Invitation.objects.create(assessment=assessment, team=team, token_hash=secrets.token_hex(32))
    response = Response.objects.create(
        assessment=assessment, team=team, access_key_hash=secrets.token_hex(32), submitted_at=timezone.now()
    )
    report = Report.objects.create(assessment=assessment, language="en", data_version=0)
    # A finished slide deck: its download must be as closed to outsiders as the PDF's.
    deck = Report.objects.create(
        assessment=assessment, kind="deck", language="en", data_version=0, status="done", content=b"PK"
    )
    member_invitation, _token = members.invite_member(
        organisation=org_a, actor=manager_a, email="invitee@example.org", role="viewer"
    )
    membership = Membership.objects.get(user=manager_a, organisation=org_a)
    customer_link = CustomerLink.objects.create(
        customer_check=CustomerCheck.objects.create(assessment=assessment), label="Shop", token=secrets.token_hex(16)
    )
    theme = Theme.objects.create(organisation=org_a, scope="f1", name_en="Walk", name_nl="Wandelen")
    board_link, _board_token = create_board_link(
        assessment=assessment, actor=manager_a, label="Board", shows="both", days=7
    )
    assert OrganisationInvitation.objects.count() == 1
    journey = Journey.objects.create(organisation=org_a, name_en="Walk", name_nl="Wandeling")
    job = InvitationImport.objects.create(assessment=assessment, created_by=manager_a, digest="0" * 64)
    moment = Moment.objects.create(journey=journey, name_en="Desk", name_nl="Balie", team=team)
    MomentLink.objects.create(moment=moment, link=customer_link)
    known = {
        "org": [org_a.public_id],
        "team": [team.public_id],
        "role": [role.public_id],
        "member": [membership.public_id],
        "invitation": [member_invitation.public_id, invitation.public_id],
        "assessment": [assessment.public_id],
        "response": [response.public_id],
        "report": [report.public_id, deck.public_id],
        "link": [customer_link.public_id],
        "board_link": [board_link.public_id],
        "action": [_plan_action(org_a, assessment, manager_a).public_id],
        "token": [_api_token(org_a, manager_a).public_id],
        "theme": [theme.public_id],
        "assessment_id": [assessment.public_id],
        "organisation_id": [org_a.public_id],
        "journey": [journey.public_id],
        "moment": [moment.public_id],
        "job": [job.public_id],
    }
    everything = sorted({value for values in known.values() for value in values}, key=str)
    return known, everything
