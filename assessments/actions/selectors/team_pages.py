"""Which team pages (a team's top three per round) a member may open: team leaders their own teams only."""

from dataclasses import dataclass
from uuid import UUID

from assessments.organisations.access import led_team_ids
from assessments.organisations.models import Membership, Organisation, Team
from assessments.organisations.selectors import team_tree
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import newest_rounds_first


@dataclass(frozen=True)
class TeamRounds:
    team: Team
    rounds: tuple[Assessment, ...]  # newest first; rounds that asked the team or one of its sub-teams


def _visible_teams(*, organisation: Organisation, membership: Membership) -> list[Team]:
    teams = team_tree(organisation=organisation)
    if membership.is_team_leader:
        led = led_team_ids(membership)
        return [team for team in teams if team.pk in led]
    return teams


def team_pages(*, organisation: Organisation, membership: Membership) -> list[TeamRounds]:
    """Per team the member may see, the rounds (not drafts) it took part in; three queries."""
    all_teams = team_tree(organisation=organisation)
    parent_of = {team.pk: team.parent_id for team in all_teams}
    rounds = list(
        newest_rounds_first(
            Assessment.objects.filter(organisation=organisation).exclude(status=Assessment.Status.DRAFT)
        ).prefetch_related("teams")
    )
    # A round counts for a team when it asked the team or a team below it (whose answers the team's figures hold).
    covered: dict[int, set[int]] = {}
    for assessment in rounds:
        for asked in assessment.teams.all():
            team_id: int | None = asked.pk
            seen: set[int] = set()
            while team_id is not None and team_id not in seen:
                seen.add(team_id)
                covered.setdefault(team_id, set()).add(assessment.pk)
                team_id = parent_of.get(team_id)
    return [
        TeamRounds(team=team, rounds=tuple(a for a in rounds if a.pk in covered.get(team.pk, set())))
        for team in _visible_teams(organisation=organisation, membership=membership)
    ]


def team_for_page(*, assessment: Assessment, public_id: UUID | str, membership: Membership) -> Team | None:
    """The assessment's organisation's team, when the member may see its page (a team leader: only theirs)."""
    team = Team.objects.filter(organisation_id=assessment.organisation_id, public_id=public_id).first()
    if team is None or (membership.is_team_leader and team.pk not in led_team_ids(membership)):
        return None
    return team


def has_sub_teams(*, team: Team) -> bool:
    return team.children.exists()
