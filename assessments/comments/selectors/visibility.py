"""Which comments a manager may read, and which teams' counts may be shown.

Comments are freer than scores (a sentence can give its writer away), so their threshold is stricter:
`scoring.anonymity.comment_threshold`: the assessment's comment threshold and at least two more than
its score threshold (with the defaults, 5 for scores and 7 for comments). The organisation's comments
are shown only when it reaches that threshold. Counts per team use the same anonymity rules as scores
(`scoring.anonymity`), at the comment threshold: a team below it is hidden, and so is the smallest
visible team whenever the total minus the visible teams would leave a hidden rest smaller than the
threshold. So a team's count can never be worked out by subtracting the published counts from the organisation's.
Customers' answers identify nobody by design (no name, no address, a date at most), but they follow the
same threshold over the customer check's counted (unflagged) responses.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from assessments.outside_in.models import CustomerResponse
from assessments.questionnaire.models import Assessment
from assessments.scoring import queries
from assessments.scoring.anonymity import comment_threshold, hidden_groups
from assessments.scoring.groups import ORGANISATION, build_layout


def comment_threshold_of(*, assessment: Assessment) -> int:
    return comment_threshold(comments=assessment.threshold_comments, scores=assessment.threshold_scores)


@dataclass(frozen=True)
class TeamColumn:
    key: str
    name: str
    depth: int


@dataclass(frozen=True)
class Visibility:
    threshold: int
    respondents: int
    visible: bool  # the respondents' comments may be read
    teams: tuple[TeamColumn, ...]  # the teams whose counts may be shown, in the dashboard's order
    hidden_teams: int
    teams_of_response: Mapping[int, frozenset[str]]  # response id -> keys of the shown teams holding it
    customers: int  # counted customer responses
    customers_visible: bool


def visibility(*, assessment: Assessment) -> Visibility:
    threshold = comment_threshold_of(assessment=assessment)
    teams, roles, team_ids, role_ids = queries.organisation_structure(assessment=assessment)
    cell_of = queries.respondent_cells(assessment=assessment)
    cell_counts = Counter(cell_of.values())
    layout = build_layout(
        teams=teams,
        roles=roles,
        team_ids=team_ids,
        role_ids=role_ids,
        cells=set(cell_counts),
        organisation_name=assessment.organisation.name,
    )
    counts = {key: sum(cell_counts[c] for c in layout.cells.get(key, ())) for key in layout.refs}
    # Roles and team x role cells are never shown here, but they take part so every partition is checked.
    hidden = hidden_groups(
        counts=counts,
        threshold=threshold,
        partitions=layout.partitions,
        nested=layout.nested,
        identical=layout.identical,
    )
    respondents = counts.get(ORGANISATION, 0)
    visible = respondents >= threshold and ORGANISATION not in hidden
    shown = [key for key in layout.team_keys if key not in hidden] if visible else []
    teams_of_cell = {cell: frozenset(k for k in shown if cell in layout.cells[k]) for cell in cell_counts}
    customers = CustomerResponse.objects.filter(link__customer_check__assessment=assessment, flag="").count()
    return Visibility(
        threshold=threshold,
        respondents=respondents,
        visible=visible,
        teams=tuple(TeamColumn(key=k, name=layout.refs[k].name_en, depth=layout.refs[k].depth or 0) for k in shown),
        hidden_teams=len(layout.team_keys) - len(shown),
        teams_of_response={pk: teams_of_cell[cell] for pk, cell in cell_of.items()},
        customers=customers,
        customers_visible=customers >= threshold,
    )
