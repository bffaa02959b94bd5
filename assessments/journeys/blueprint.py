"""A pre-filled service blueprint of one journey in one round, for a workshop (issue 27, item 6).

Columns are the journey's moments in order; rows are the blueprint's five lanes. The customer lane holds the
moment and what its customers said against its target (the moments-that-matter view, `journey_view`, with its
anonymity rules); the organisation's lanes hold the owning team's weakest statements in this round; everything
else is left blank for the workshop to fill. Only figures the scoring result and the customer check show can
appear: a hidden team gives no statements (the cell says why), a statement below the score threshold is never
placed, and hidden customer figures stay hidden.

Which lane a statement belongs in follows its SERVQUAL gap, a property of each statement in the model file
(`models_9plus/data/nineplus.yaml`, `servqual_gap`), not of the factor: a factor mixes work the customer sees
with work behind the line.

- front stage (what customers see and hear from the team): "delivery" (the service as employees give it, e.g.
  ee1 "front-line employees solve a customer's problem themselves") and "communication" (what the team tells
  and promises customers, e.g. cj8 "at each step customers are told what happens next");
- back stage (how the team organises the work behind the line): "standards" (principles, owners, service
  standards and designs, e.g. cj3 "each key journey has an owner", sd4 "our service standards ...");
- support processes (what feeds the work from elsewhere in the organisation): "knowledge" (listening to and
  learning from customers and employees, e.g. ef1 "we collect customer feedback at key moments");
- systems: no statement of the model is about tools or IT, so this lane is left for the workshop.

A statement without a gap (other models) goes by its factor's lane in `FACTOR_LANES`, else to the back stage.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.journeys.models import Journey
from assessments.journeys.presenters import view_context
from assessments.journeys.selectors import journey_view
from assessments.organisations.models import Organisation
from assessments.outside_in import display
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import newest_rounds_first
from assessments.results import wording
from assessments.results.selectors.statements import StatementRow, groups_statements
from assessments.scoring import score_assessment
from assessments.scoring.groups import team_key
from assessments.scoring.result import AssessmentResult
from models_9plus.models import Statement

CUSTOMER = "customer"
FRONT = "front"
BACK = "back"
SUPPORT = "support"
SYSTEMS = "systems"
LANES = (CUSTOMER, FRONT, BACK, SUPPORT, SYSTEMS)
TEAM_LANES = (FRONT, BACK, SUPPORT)

GAP_LANES = {"delivery": FRONT, "communication": FRONT, "standards": BACK, "knowledge": SUPPORT}
# The 9+ model's factors, for a statement without a gap: the lane where most of its statements sit.
FACTOR_LANES = {
    "customer_strategy": BACK,
    "brand_connection": FRONT,
    "employee_empowerment": FRONT,
    "customer_journey": BACK,
    "service_experience_design": BACK,
    "customer_steering_themes": BACK,
    "emotional_feedback": SUPPORT,
}
# Statements per team lane and moment: the weakest two leave room on a printed sheet for the workshop's notes.
PER_CELL = 2

# Moments per printed page: six columns stay readable on A3 landscape (a slide takes four, blueprint_files.py).
COLUMNS_PER_PAGE = 6


def lane_names() -> dict[str, str]:
    return {
        CUSTOMER: _("Customer actions"),
        FRONT: _("Front stage"),
        BACK: _("Back stage"),
        SUPPORT: _("Support processes"),
        SYSTEMS: _("Systems"),
    }


def lane_hints() -> dict[str, str]:
    return {
        CUSTOMER: _("What the customer does and says, and how customers graded the moment"),
        FRONT: _("What the team does that the customer sees and hears"),
        BACK: _("What the team does behind the line"),
        SUPPORT: _("What other teams and processes contribute"),
        SYSTEMS: _("Tools, data and IT involved"),
    }


def lane_of(*, gap: str, factor_code: str) -> str:
    return GAP_LANES.get(gap) or FACTOR_LANES.get(factor_code, BACK)


@dataclass(frozen=True)
class PlacedStatement:
    code: str
    text: str
    score: float
    factor_name: str

    @property
    def score_text(self) -> str:
        return display.number(self.score)

    @property
    def detail(self) -> str:
        """The factor and the team's score (0-100): the line under the statement on every output."""
        return _("%(factor)s · score %(score)s") % {"factor": self.factor_name, "score": self.score_text}


@dataclass(frozen=True)
class Column:
    step: int  # the moment's place in the journey, from 1
    name: str
    target_text: str
    team_name: str  # "" without an owning team
    customer_lines: tuple[str, ...]  # what its customers said against the target, or why it is not shown
    cells: dict[str, tuple[PlacedStatement, ...]]  # team lane -> its weakest statements
    team_note: str  # why the team lanes hold no statements ("" when they may)


@dataclass(frozen=True)
class Blueprint:
    title: str
    assessment: Assessment | None
    columns: tuple[Column, ...]

    def pages(self, per_page: int = COLUMNS_PER_PAGE) -> list[tuple[Column, ...]]:
        """The columns in printable chunks (a page, a slide each); one empty page for a journey without moments."""
        chunks = [self.columns[i : i + per_page] for i in range(0, len(self.columns), per_page)]
        return chunks or [()]


def blueprint_rounds(*, organisation: Organisation) -> tuple[list[Assessment], Assessment | None]:
    """The rounds a blueprint can be filled from (every round past its draft, newest first) and the default:
    the newest with a customer check, else the newest. One query."""
    rounds = list(
        newest_rounds_first(
            Assessment.objects.filter(organisation=organisation).exclude(status=Assessment.Status.DRAFT)
        ).select_related("customer_check")
    )
    with_check = next((a for a in rounds if _has_check(a)), None)
    return rounds, with_check or (rounds[0] if rounds else None)


def _has_check(assessment: Assessment) -> bool:
    try:
        return assessment.customer_check is not None
    except ObjectDoesNotExist:
        return False


def _gaps(assessment: Assessment) -> dict[str, str]:
    return dict(
        Statement.objects.filter(factor__version_id=assessment.model_version_id).values_list("code", "servqual_gap")
    )


def _team_cells(
    rows_by_factor: dict[str, list[StatementRow]], *, result: AssessmentResult, gaps: dict[str, str], language: str
) -> dict[str, tuple[PlacedStatement, ...]]:
    by_lane: dict[str, list[tuple[StatementRow, str]]] = {lane: [] for lane in TEAM_LANES}
    for factor_code, rows in rows_by_factor.items():
        for row in rows:
            if row.score is not None:
                by_lane[lane_of(gap=gaps.get(row.code, ""), factor_code=factor_code)].append((row, factor_code))
    order = {info.code: info.order for info in result.factors}
    cells = {}
    for lane, placed in by_lane.items():
        weakest = sorted(placed, key=lambda item: (item[0].score, order[item[1]], item[0].code))[:PER_CELL]
        cells[lane] = tuple(
            PlacedStatement(row.code, row.text, row.score or 0.0, result.factor(code).name(language))
            for row, code in weakest
        )
    return cells


def _customer_lines(customers: dict[str, Any] | None, *, with_round: bool) -> tuple[str, ...]:
    """The moments-that-matter row's customer figures as short lines (page, PDF and slide say the same)."""
    if customers is None:
        return (_("No customer link tied to this moment in this round."),) if with_round else ()
    if not customers["shown"]:
        return (str(customers["hidden"]),)
    bands = customers["bands"]
    lines = [
        ngettext("%(n)s customer", "%(n)s customers", customers["n"]) % {"n": customers["n"]},
        _("Average grade: %(grade)s") % {"grade": customers["grade_mean"]},
    ]
    if bands is not None:
        lines.append(_("7 or higher: %(share)s") % {"share": bands["basics"]})
        lines.append(_("9 or 10: %(share)s") % {"share": bands["loyal"]})
    lines.append(_("Against the target: %(verdict)s") % {"verdict": customers["verdict_text"]})
    return tuple(lines)


def _team_note(result: AssessmentResult, key: str) -> str:
    group = next((g for g in result.teams if g.group.key == key), None)
    if group is None:
        return _("Nobody of this team answered in this round.")
    if group.suppressed:
        return wording.reason_explanation(group.suppressed_reason, threshold=result.thresholds.scores)
    return ""


def service_blueprint(*, journey: Journey, assessment: Assessment | None, language: str) -> Blueprint:
    """The journey's blueprint in `assessment` (None: the moments and empty lanes only). A fixed number of
    database reads however many moments: one journey view, one scoring result, one statements read for all
    owning teams together, one read of the statements' gaps."""
    with translation.override(language):
        shown = view_context(view=journey_view(journey=journey, assessment=assessment), language=language)
        result = score_assessment(assessment=assessment) if assessment is not None else None
        keys = sorted({team_key(row["moment"].team.public_id) for row in shown["rows"] if row["moment"].team})
        statements = (
            groups_statements(assessment=assessment, result=result, group_keys=keys, language=language)
            if assessment is not None and result is not None and keys
            else {}
        )
        gaps = _gaps(assessment) if statements and assessment is not None else {}
        columns = []
        for step, row in enumerate(shown["rows"], start=1):
            team = row["moment"].team
            key = team_key(team.public_id) if team is not None else ""
            cells: dict[str, tuple[PlacedStatement, ...]] = dict.fromkeys(TEAM_LANES, ())
            note = ""
            if team is None:
                note = _("No owning team named for this moment.")
            elif result is None:
                note = _("Choose a round to see the team's weakest statements.")
            elif key in statements:
                cells = _team_cells(statements[key], result=result, gaps=gaps, language=language)
            if team is not None and result is not None and not any(cells.values()):
                note = _team_note(result, key) or _("No statement of this team has enough answers to be shown.")
            columns.append(
                Column(
                    step=step,
                    name=row["name"],
                    target_text=row["target_text"],
                    team_name=team.name if team is not None else "",
                    customer_lines=_customer_lines(row["customers"], with_round=assessment is not None),
                    cells=cells,
                    team_note=note,
                )
            )
        return Blueprint(title=shown["title"], assessment=assessment, columns=tuple(columns))
