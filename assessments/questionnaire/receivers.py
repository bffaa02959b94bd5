"""How the questionnaire reacts to changes in organisations; connected in `AssessmentsConfig.ready`."""

from django.dispatch import receiver

from assessments.organisations import dependents
from assessments.organisations.models import Organisation, Role
from assessments.organisations.signals import organisation_changed
from assessments.questionnaire.data_version import bump_organisation_data_version
from assessments.questionnaire.models import Invitation, Response


@receiver(organisation_changed, dispatch_uid="questionnaire.bump_data_version")
def _bump_data_version(sender: object, *, organisation_id: int, **kwargs: object) -> None:
    bump_organisation_data_version(organisation_id=organisation_id)


@dependents.register
def count_questionnaire_dependents(
    *, team_ids: list[int] | None, role: Role | None, organisation: Organisation | None
) -> dict[str, int]:
    """Invitations and submitted responses of a team (with sub-teams) or a role; all responses of an organisation."""
    if team_ids is not None:
        return {
            "invitations": Invitation.objects.filter(team_id__in=team_ids).count(),
            "responses": Response.objects.filter(team_id__in=team_ids, submitted_at__isnull=False).count(),
        }
    if role is not None:
        return {"responses": Response.objects.filter(role=role, submitted_at__isnull=False).count()}
    return {"responses": Response.objects.filter(assessment__organisation=organisation).count()}
