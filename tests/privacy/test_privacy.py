"""Personal data: export, erasure, real deletion of responses, and invitation retention."""

import datetime
import json
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.organisations.models import ActivityLog, Membership, OrganisationInvitation
from assessments.privacy import services as privacy
from assessments.privacy.tasks import apply_retention
from assessments.questionnaire.models import Answer, Assessment, Comment, Invitation, InvitationImport, Response
from models_9plus.models import Statement
from tests import factories

pytestmark = pytest.mark.django_db


def _invite(assessment, team, email):
    return Invitation.objects.create(assessment=assessment, team=team, email=email, token_hash=secrets.token_hex(32))


def _respond(assessment, team, model_version, key):
    response = Response.objects.create(assessment=assessment, team=team, access_key_hash=key)
    statements = list(Statement.objects.filter(factor__version=model_version))
    Answer.objects.bulk_create(Answer(response=response, statement=s, current=3, ambition=4) for s in statements)
    Comment.objects.create(response=response, factor=statements[0].factor, text="Fine.")
    return response


@pytest.fixture
def world(org_a, org_b, manager_a, model_version):
    team = factories.make_team(organisation=org_a, name="Support")
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[team])
    person = factories.make_user(email="dana@example.org", first_name="Dana")
    factories.add_member(user=person, organisation=org_a, role="viewer")
    _invite(assessment, team, "dana@example.org")
    _invite(assessment, team, "eve@example.org")
    OrganisationInvitation.objects.create(
        organisation=org_a,
        email="Dana@Example.org",
        role="viewer",
        token_hash="a" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    team_b = factories.make_team(organisation=org_b, name="Support B")
    assessment_b = factories.make_assessment(organisation=org_b, model_version=model_version, teams=[team_b])
    _invite(assessment_b, team_b, "dana@example.org")
    ActivityLog.objects.create(
        organisation=org_a, actor=manager_a, verb="invited", object_type="membership", object_repr="dana@example.org"
    )
    return {"team": team, "assessment": assessment, "person": person, "assessment_b": assessment_b}


def test_export_contains_what_org_a_stores_and_nothing_of_org_b(org_a, world):
    data = privacy.export_person(organisation=org_a, email=" DANA@example.org ")
    assert data["email"] == "dana@example.org"
    assert data["account"]["first_name"] == "Dana"
    assert data["membership"]["role"] == "viewer"
    assert len(data["organisation_invitations"]) == 1
    assert [i["assessment"] for i in data["assessment_invitations"]] == [world["assessment"].title]
    assert [a["object"] for a in data["activity"]] == ["dana@example.org"]


def test_export_does_not_reveal_other_people_the_person_acted_on(org_a, world):
    ActivityLog.objects.create(
        organisation=org_a,
        actor=world["person"],
        verb="invited",
        object_type="membership",
        object_repr="frank@example.org",
    )
    data = privacy.export_person(organisation=org_a, email="dana@example.org")
    assert [a["object"] for a in data["activity"]] == ["dana@example.org", "(membership)"]
    assert "answers" not in json.dumps(data).lower().replace("answers to questionnaires", "")


def test_export_of_an_unknown_person_is_empty(org_a, world):
    data = privacy.export_person(organisation=org_a, email="nobody@example.org")
    assert (data["account"], data["membership"], data["assessment_invitations"]) == (None, None, [])


def test_erase_removes_the_person_from_the_organisation_only(org_a, manager_a, world):
    counts = privacy.erase_person(organisation=org_a, email="dana@example.org", actor=manager_a)
    assert counts == {
        "invitations": 1,
        "organisation_invitations": 1,
        "membership": 1,
        "account": 1,
        "activity": 1,
    }
    assert list(
        Invitation.objects.filter(assessment=world["assessment"]).values_list("email", flat=True).order_by("id")
    ) == [
        "",
        "eve@example.org",
    ]
    assert Invitation.objects.get(assessment=world["assessment_b"]).email == "dana@example.org"
    assert not get_user_model().objects.filter(email="dana@example.org").exists()
    assert not OrganisationInvitation.objects.filter(email__iexact="dana@example.org").exists()
    assert not ActivityLog.objects.filter(object_repr__icontains="dana@example.org").exists()
    assert ActivityLog.objects.filter(organisation=org_a, verb="erased").count() == 1


def test_erase_keeps_an_account_that_belongs_to_another_organisation(org_a, org_b, manager_a, world):
    factories.add_member(user=world["person"], organisation=org_b, role="viewer")
    counts = privacy.erase_person(organisation=org_a, email="dana@example.org", actor=manager_a)
    assert (counts["membership"], counts["account"]) == (1, 0)
    assert list(Membership.objects.filter(user=world["person"]).values_list("organisation", flat=True)) == [org_b.pk]


def test_erase_refuses_the_requester_themselves(org_a, manager_a, world):
    with pytest.raises(privacy.ErasureRefused):
        privacy.erase_person(organisation=org_a, email="MANAGER.A@example.org", actor=manager_a)
    assert Membership.objects.filter(user=manager_a).exists()


def test_export_view_downloads_json(client_for, manager_a, org_a, world):
    url = reverse("person_data_export", kwargs={"org": org_a.public_id})
    response = client_for(manager_a).post(url, {"email": "dana@example.org"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert json.loads(response.content)["membership"]["role"] == "viewer"


def test_erase_view_needs_confirmation(client_for, manager_a, org_a, world):
    url = reverse("person_data_erase", kwargs={"org": org_a.public_id})
    response = client_for(manager_a).post(url, {"email": "dana@example.org"})
    assert response.status_code == 400
    assert Membership.objects.filter(user=world["person"]).exists()
    response = client_for(manager_a).post(url, {"email": "dana@example.org", "confirm": "on"})
    assert response.status_code == 302
    assert not Membership.objects.filter(user__email="dana@example.org").exists()


def test_bad_email_is_a_400_not_a_500(client_for, manager_a, org_a, world):
    url = reverse("person_data_export", kwargs={"org": org_a.public_id})
    assert client_for(manager_a).post(url, {"email": "not an email" * 50}).status_code == 400


@pytest.mark.parametrize("name", ["person_data", "person_data_export", "person_data_erase"])
def test_access(client_for, org_a, viewer_a, outsider, manager_b, consultant_ab, name, world):
    url = reverse(name, kwargs={"org": org_a.public_id})
    method = "get" if name == "person_data" else "post"
    data = {"email": "dana@example.org"}
    assert getattr(client_for(outsider), method)(url, data).status_code == 404
    assert getattr(client_for(manager_b), method)(url, data).status_code == 404
    assert getattr(client_for(viewer_a), method)(url, data).status_code == 403
    # A consultant gets through; the erase form then asks for the confirmation box.
    expected = 400 if name == "person_data_erase" else 200
    assert getattr(client_for(consultant_ab), method)(url, data).status_code == expected


def test_page_renders_for_a_manager(client_for, manager_a, org_a):
    response = client_for(manager_a).get(reverse("person_data", kwargs={"org": org_a.public_id}))
    assert response.status_code == 200
    assert "Answers to questionnaires are anonymous" in response.content.decode()


def test_deleting_an_assessment_really_deletes_its_responses(org_a, model_version, world):
    assessment = world["assessment"]
    for i in range(3):
        _respond(assessment, world["team"], model_version, f"{i:064d}")
    other = _respond(world["assessment_b"], None, model_version, "b" * 64)
    per_response = model_version.factors.count() * 4
    assert Answer.objects.filter(response__assessment=assessment).count() == 3 * per_response
    Assessment.objects.get(pk=assessment.pk).delete()
    assert Response.objects.filter(assessment_id=assessment.pk).count() == 0
    assert list(Answer.objects.values_list("response", flat=True).distinct()) == [other.pk]
    assert list(Comment.objects.values_list("response", flat=True)) == [other.pk]
    assert Invitation.objects.filter(assessment_id=assessment.pk).count() == 0


def _close(assessment, days_ago):
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_retention_blanks_emails_of_long_closed_assessments(settings, world):
    settings.CXM_INVITATION_RETENTION_DAYS = 30
    _close(world["assessment"], days_ago=31)
    _close(world["assessment_b"], days_ago=29)
    assert privacy.apply_invitation_retention() == 2
    assert set(Invitation.objects.filter(assessment=world["assessment"]).values_list("email", flat=True)) == {""}
    assert Invitation.objects.get(assessment=world["assessment_b"]).email == "dana@example.org"
    assert privacy.apply_invitation_retention() == 0


def test_retention_drops_the_imports_of_long_closed_assessments(settings, world):
    settings.CXM_INVITATION_RETENTION_DAYS = 30
    old = InvitationImport.objects.create(
        assessment=world["assessment"], digest="1" * 64, errors=[[2, "anna@example", "This is not valid."]]
    )
    recent = InvitationImport.objects.create(assessment=world["assessment_b"], digest="2" * 64)
    _close(world["assessment"], days_ago=31)
    _close(world["assessment_b"], days_ago=29)
    privacy.apply_invitation_retention()
    assert list(InvitationImport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not InvitationImport.objects.filter(pk=old.pk).exists()


def test_retention_leaves_open_assessments_alone(settings, world):
    settings.CXM_INVITATION_RETENTION_DAYS = 0
    assert privacy.apply_invitation_retention() == 0
    assert Invitation.objects.exclude(email="").count() == 3


def test_retention_command_and_task(settings, world, capsys):
    settings.CXM_INVITATION_RETENTION_DAYS = 30
    _close(world["assessment"], days_ago=40)
    call_command("apply_retention")
    assert "Erased 2 invitation email address(es) (retention 30 days)." in capsys.readouterr().out
    _close(world["assessment_b"], days_ago=10)
    assert apply_retention.delay().get() == 0
    call_command("apply_retention", "--days", "5")
    assert Invitation.objects.exclude(email="").count() == 0


def test_erase_and_export_match_the_whole_address_only(org_a, manager_a):
    """Erasing r@demo.cxmaturity.nl leaves manager@demo.cxmaturity.nl's entries alone (no substring match)."""

    def log(text):
        return ActivityLog.objects.create(
            organisation=org_a, actor=manager_a, verb="invited", object_type="membership", object_repr=text
        )

    own = log("r@demo.cxmaturity.nl")
    listed = log("Invited R@demo.cxmaturity.nl, then x@y.nl.")
    neighbour = log("manager@demo.cxmaturity.nl")
    longer = log("r@demo.cxmaturity.nl.example")
    plus = log("mr+r@demo.cxmaturity.nl")

    exported = privacy.export_person(organisation=org_a, email="r@demo.cxmaturity.nl")
    assert sorted(e["object"] for e in exported["activity"] if "@" in e["object"]) == [
        "Invited R@demo.cxmaturity.nl, then x@y.nl.",
        "r@demo.cxmaturity.nl",
    ]

    privacy.erase_person(organisation=org_a, email="r@demo.cxmaturity.nl", actor=None)
    for entry in (own, listed, neighbour, longer, plus):
        entry.refresh_from_db()
    assert own.object_repr == "[erased]"
    assert listed.object_repr == "Invited [erased], then x@y.nl."
    assert neighbour.object_repr == "manager@demo.cxmaturity.nl"
    assert longer.object_repr == "r@demo.cxmaturity.nl.example"
    assert plus.object_repr == "mr+r@demo.cxmaturity.nl"
