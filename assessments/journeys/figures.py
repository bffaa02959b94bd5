"""The customers' figures of one journey moment, judged against the moment's target. Pure functions on
plain numbers; the figures themselves come from the customer check (`outside_in.figures`: one truth).

The documented rule (also on the "how we score" page):
- a moment's customers are the counted responses of the customer links tied to it, in one round;
- its figures are shown from the customer check's minimum of responses, and hidden when they could be
  worked out by subtraction: from the moment minus its links that the Outside-in tab shows, or from all
  customers minus the other moments and links shown (`hidden_moments`);
- target "a reliable basic is enough (7+)": on target when at least BASICS_BAR % of its customers give a
  7 or higher;
- target "a 9+ moment": on target when, on top of that, at least NINE_PLUS_BAR % give a 9 or 10;
- a moment whose 7+ share is below BASICS_BAR misses the basics, whatever its target;
- the customers' open answers are shown only with the figures, and only from the round's comment
  threshold;
- the knowledge gap per moment ("blind spot"): customers miss the basics while the owning team's own
  basics layer is at least the dashboard's strength score (TEAM_RATES_HIGH, 0-100).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.outside_in.figures import CustomerFigures, GradeBands, grade_bands
from assessments.results.wording import STRENGTH_MIN_SCORE

BASICS_BAR = 80.0  # % of customers grading the moment 7 or higher: the basics work
NINE_PLUS_BAR = 50.0  # % of customers grading a 9+ moment 9 or 10

ON_TARGET = "on_target"
BELOW_TARGET = "below_target"  # a 9+ moment whose basics hold but whose 9+ share is below the bar
BASICS_MISSED = "basics_missed"
NOT_SHOWN = "not_shown"

MINIMUM = "minimum"
DIFFERENCING = "differencing"


def verdict(*, target: str, bands: GradeBands | None) -> str:
    """How the moment does against its target ("basics" or "nine_plus"), from its grade bands."""
    if bands is None:
        return NOT_SHOWN
    if bands.basics < BASICS_BAR:
        return BASICS_MISSED
    if target == "nine_plus" and bands.loyal < NINE_PLUS_BAR:
        return BELOW_TARGET
    return ON_TARGET


def hidden_moments(
    *,
    moment_counts: Mapping[str, int],
    moment_links: Mapping[str, Sequence[str]],
    link_counts: Mapping[str, int],
    shown_links: set[str],
    overall_count: int,
    overall_shown: bool,
    minimum: int,
) -> dict[str, str]:
    """{moment key: "minimum" | "differencing"} for the moments to hide.

    The links' and the overall group's visibility is fixed by the Outside-in tab (it does not know the
    moments), so here only moments are hidden: a moment whose hidden links would follow from the moment
    minus its shown links, and (smallest first) moments that would let all customers minus the shown
    moments and shown untied links reveal fewer than `minimum` customers.
    """
    hidden = {key: MINIMUM for key, n in moment_counts.items() if n < minimum}
    tied = {link for links in moment_links.values() for link in links}
    untied_shown = sum(n for link, n in link_counts.items() if link not in tied and link in shown_links)
    changed = True
    while changed:
        changed = False
        for key, links in moment_links.items():
            if key in hidden:
                continue
            remainder = moment_counts[key] - sum(link_counts[link] for link in links if link in shown_links)
            if 0 < remainder < minimum:
                hidden[key] = DIFFERENCING
                changed = True
        if overall_shown:
            visible = [key for key in moment_counts if key not in hidden]
            remainder = overall_count - untied_shown - sum(moment_counts[key] for key in visible)
            if 0 < remainder < minimum and visible:
                hidden[min(visible, key=lambda k: (moment_counts[k], k))] = DIFFERENCING
                changed = True
    return hidden


@dataclass(frozen=True)
class MomentCustomers:
    """A moment's customers in one round: the check's figures, their bands and the verdict."""

    figures: CustomerFigures  # hidden figures carry nothing (see CustomerFigures)
    bands: GradeBands | None  # None when hidden or without grades
    verdict: str
    open_answers: tuple[str, ...]  # empty unless shown and at least the comment threshold answered
    links: int  # customer links tied to the moment in this round

    @property
    def shown(self) -> bool:
        return self.figures.shown


def moment_customers(
    *, figures: CustomerFigures, target: str, open_answers: Sequence[str], comment_threshold: int, links: int
) -> MomentCustomers:
    bands = grade_bands(figures.distribution) if figures.shown else None
    answers = tuple(open_answers) if figures.shown and figures.n >= comment_threshold else ()
    return MomentCustomers(
        figures=figures, bands=bands, verdict=verdict(target=target, bands=bands), open_answers=answers, links=links
    )


# A team "rates its basics high" from the score the dashboard calls a strength (one truth: results.wording).
TEAM_RATES_HIGH = float(STRENGTH_MIN_SCORE)


def blind_spot(*, verdict: str, team_basics: float | None) -> bool:
    """Customers miss the basics at this moment while its team rates its own basics high: the knowledge gap
    per moment. Two conditions side by side, never a difference: the scales differ (% of customers against
    a 0-100 maturity score)."""
    return verdict == BASICS_MISSED and team_basics is not None and team_basics >= TEAM_RATES_HIGH
