"""An action's customer success measure across waves, on plain numbers (no database).

The documented rule (also on the plan page):
- a wave is a round with a customer check; a moment's figure in a wave comes from the customers of the links
  tied to it in that round, under the moment view's anonymity rules (its minimum of responses, nothing worked
  out by subtraction): a hidden figure is "not enough customer answers yet";
- the figure is a share in %: of 9s and 10s, of 7 or higher, of 6 or lower (lower is better), or a share the
  organisation counts itself each wave (hits of cases counted, e.g. dissatisfied customers called back within
  two working days), shown from the same minimum of cases;
- each share carries its 95% Wilson interval; its margin is half the interval's width;
- the change from the baseline wave ("before") to the latest wave with a figure ("now") has the margin
  sqrt(a² + b²) of the two margins (statistics.difference_margin), and the measure "moved" only when the
  change is larger than that margin (statistics.meaningful); otherwise it stayed within the margin.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.outside_in.figures import BASICS_FROM, NINE_PLUS
from assessments.scoring import statistics

NINE_PLUS_METRIC = "nine_plus"
BASICS_METRIC = "basics"
DISSATISFIED_METRIC = "dissatisfied"
RECORDED_METRIC = "recorded"

# A wave's figure
NO_FIGURE = "no_figure"  # no link tied to the moment in that round, or nothing recorded
HIDDEN = "hidden"  # below the minimum or hidden against subtraction
SHOWN = "shown"

# The verdict on the change
IMPROVED = "improved"  # beyond the margin, the better way
WORSENED = "worsened"  # beyond the margin, the worse way
WITHIN_MARGIN = "within_margin"
NOT_ENOUGH = "not_enough"  # the baseline or the latest figure is hidden (or has no interval)
NO_BASELINE = "no_baseline"  # no figure yet at all
NO_LATER_WAVE = "no_later_wave"  # only the baseline so far


@dataclass(frozen=True)
class WaveFigure:
    state: str  # NO_FIGURE | HIDDEN | SHOWN
    n: int | None = None  # customers (or cases) counted; None without a figure
    hidden_reason: str | None = None  # "minimum" | "differencing"
    share: float | None = None  # %, only when shown
    interval: tuple[float, float] | None = None  # 95% Wilson (low, high) in %, only when shown

    def __post_init__(self) -> None:
        if self.state != SHOWN and (self.share is not None or self.interval is not None):
            raise ValueError("A figure that is not shown carries no share.")

    @property
    def margin(self) -> float | None:
        """Half the interval's width, in percentage points."""
        return None if self.interval is None else (self.interval[1] - self.interval[0]) / 2


NONE = WaveFigure(state=NO_FIGURE)


def hits_of(metric: str, distribution: Sequence[int]) -> int:
    """The customers (of a grade distribution 1..10) that a share metric counts."""
    if metric == NINE_PLUS_METRIC:
        return sum(distribution[NINE_PLUS - 1 :])
    if metric == BASICS_METRIC:
        return sum(distribution[BASICS_FROM - 1 :])
    if metric == DISSATISFIED_METRIC:
        return sum(distribution[: BASICS_FROM - 1])
    raise ValueError(f"not a grade share: {metric!r}")


def share_figure(*, hits: int, n: int) -> WaveFigure:
    """A shown share: hits of n, with its Wilson interval."""
    found = statistics.wilson(hits, n)
    interval = None if found is None else (100 * found[0], 100 * found[1])
    share = 100 * hits / n if n else None
    return WaveFigure(state=SHOWN, n=n, share=share, interval=interval)


def moment_figure(
    *, metric: str, n: int, shown: bool, reason: str | None, distribution: Sequence[int] | None
) -> WaveFigure:
    """A moment's figure in one wave from its customers' grades (the moment view's visibility decides)."""
    if not shown or distribution is None:
        return WaveFigure(state=HIDDEN, n=n, hidden_reason=reason or "minimum")
    return share_figure(hits=hits_of(metric, distribution), n=sum(distribution))


def recorded_figure(*, hits: int, count: int, minimum: int) -> WaveFigure:
    """A share the organisation counted itself, shown from the same minimum as customers' answers."""
    if count < minimum or count == 0:
        return WaveFigure(state=HIDDEN, n=count, hidden_reason="minimum")
    return share_figure(hits=hits, n=count)


@dataclass(frozen=True)
class MeasureChange:
    verdict: str
    change: float | None = None  # now - before, percentage points
    margin: float | None = None  # the change's margin (sqrt(a² + b²))
    target_reached: bool | None = None  # None: no shown figure now


def judge(*, before: WaveFigure, now: WaveFigure | None, target: float, lower_is_better: bool) -> MeasureChange:
    """Whether the measure moved from `before` (the baseline wave) to `now` (the latest later wave with a
    figure; None when there is none yet)."""
    reached = None
    latest = now if now is not None else before
    if latest.share is not None:
        reached = latest.share <= target if lower_is_better else latest.share >= target
    if before.state == NO_FIGURE:
        return MeasureChange(verdict=NO_BASELINE, target_reached=reached)
    if now is None:
        return MeasureChange(verdict=NO_LATER_WAVE, target_reached=reached)
    if before.share is None or now.share is None:
        return MeasureChange(verdict=NOT_ENOUGH, target_reached=reached)
    change = now.share - before.share
    margin = statistics.difference_margin(before.margin, now.margin)
    moved = statistics.meaningful(change, margin)
    if moved is None:
        return MeasureChange(verdict=NOT_ENOUGH, change=change, target_reached=reached)
    if not moved:
        return MeasureChange(verdict=WITHIN_MARGIN, change=change, margin=margin, target_reached=reached)
    better = change < 0 if lower_is_better else change > 0
    verdict = IMPROVED if better else WORSENED
    return MeasureChange(verdict=verdict, change=change, margin=margin, target_reached=reached)
