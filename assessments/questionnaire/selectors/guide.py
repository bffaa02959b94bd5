"""The first-run guide: the steps from an empty organisation to a first assessment that is answered.

Each step's "done" is read from the data (never ticked by hand), so the checklist stays until the work is
really done and never disagrees with the pages it points to.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.organisations.models import Organisation, OrganisationInvitation
from assessments.questionnaire.models import Assessment, Invitation, TeamLink


@dataclass(frozen=True)
class GuideStep:
    key: str
    title: str
    hint: str
    done: bool
    url: str
    action: str
    # Can be done at any time; the other steps each wait for the one before (only the next one has a button).
    independent: bool = False


def first_run_guide(*, organisation: Organisation) -> list[GuideStep]:
    """The guide's steps in order; five queries whatever the organisation's size."""
    org = organisation.public_id
    team_count = organisation.teams.count()
    first = organisation.assessments.order_by("created_at", "pk").first()
    respondents_asked = (
        Invitation.objects.filter(assessment__organisation=organisation).exists()
        or TeamLink.objects.filter(assessment__organisation=organisation).exists()
    )
    opened = organisation.assessments.exclude(status=Assessment.Status.DRAFT).exists()
    colleagues = (
        organisation.memberships.count() > 1
        or OrganisationInvitation.objects.filter(organisation=organisation, accepted_at__isnull=True).exists()
    )
    assessment_url = reverse("assessment_detail", kwargs={"assessment": first.public_id}) if first else ""
    return [
        GuideStep(
            "organisation",
            _("Set up your organisation"),
            _("Name, sector and language; the logo and colour come later in the settings."),
            True,
            reverse("organisation_settings", kwargs={"org": org}),
            _("Settings"),
        ),
        GuideStep(
            "teams",
            _("Add your teams"),
            _("The teams and departments whose answers you want to compare, for example two teams to start with."),
            team_count >= 1,
            reverse("team_create", kwargs={"org": org}),
            _("Add a team"),
        ),
        GuideStep(
            "assessment",
            _("Create your first assessment"),
            _("Choose the teams and the respondent roles that take part, and the closing date."),
            first is not None,
            reverse("assessment_create", kwargs={"org": org}),
            _("New assessment"),
        ),
        GuideStep(
            "respondents",
            _("Invite respondents"),
            _("Add email addresses per team, or make an open link per team to share in a meeting."),
            respondents_asked,
            reverse("assessment_invitations", kwargs={"assessment": first.public_id}) if first else "",
            _("Invitations"),
        ),
        GuideStep(
            "open",
            _("Open your assessment"),
            _("Opening sends the invitations; answers come in from then on."),
            opened,
            assessment_url,
            _("Go to the assessment"),
        ),
        GuideStep(
            "colleagues",
            _("Invite your colleagues"),
            _("A fellow CX manager to share the work, or a director who reads the results (viewer)."),
            colleagues,
            reverse("member_invite", kwargs={"org": org}),
            _("Invite a colleague"),
            independent=True,
        ),
    ]
