"""Starting the next round: a new draft that copies the previous one's set-up and links back to it."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment, EmailText, Invitation
from assessments.questionnaire.services.invitations.common import _placeholder_hash
from models_9plus.selectors import latest_version_with_content

COPIED_FIELDS = (
    "languages",
    "ask_ambition",
    "ambition_horizon",
    "threshold_scores",
    "threshold_comments",
    "threshold_spread",
    "intro_text",
    "results_sharing_note",
)


def copyable_invitees(*, previous: Assessment) -> int:
    """People of the previous round whose address is still known (the retention job erases them later)."""
    return Invitation.objects.filter(assessment=previous).exclude(email="").count()


@transaction.atomic
def start_next_round(*, previous: Assessment, actor: User, title: str, copy_invitees: bool) -> Assessment:
    """A draft with the same teams, roles and settings, on the model's newest version; invitations are
    copied only when asked (they go out when the new round opens, with new links)."""
    if previous.status == Assessment.Status.DRAFT:
        raise ValidationError(_("Open and close this round before you start the next one."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the new round a title.")})
    version = latest_version_with_content(code=previous.model_version.model.code) or previous.model_version
    assessment = Assessment(
        organisation=previous.organisation,
        title=title[:200],
        model_version=version,
        previous=previous,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    for name in COPIED_FIELDS:
        setattr(assessment, name, getattr(previous, name))
    assessment.save()
    assessment.teams.set(previous.teams.all())
    assessment.roles.set(previous.roles.all())
    # The manager's own e-mail texts come along; they say the round's title through {assessment}.
    EmailText.objects.bulk_create(
        [
            EmailText(assessment=assessment, kind=t.kind, language=t.language, subject=t.subject, body=t.body)
            for t in EmailText.objects.filter(assessment=previous)
        ]
    )
    copied = 0
    if copy_invitees:
        rows = Invitation.objects.filter(assessment=previous).exclude(email="").order_by("email")
        created = Invitation.objects.bulk_create(
            [
                Invitation(
                    assessment=assessment,
                    email=i.email,
                    name=i.name,
                    language=i.language,
                    team_id=i.team_id,
                    role_id=i.role_id,
                    token_hash=_placeholder_hash(),
                )
                for i in rows
            ]
        )
        copied = len(created)
    detail = _("next round of %(title)s") % {"title": previous.title}
    if copied:
        detail += ", " + _("%(n)s people invited") % {"n": copied}
    activity.record(organisation=previous.organisation, actor=actor, verb="created", obj=assessment, detail=detail)
    return assessment
