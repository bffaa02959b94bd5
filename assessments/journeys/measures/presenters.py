"""What the plan page, the action page, the API and the exports show of the measures. Hidden figures carry no
share already (figures.WaveFigure), so nothing here can reveal one; the reasons use the moment view's words."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.journeys.measures import figures as measure_figures
from assessments.journeys.measures.figures import WaveFigure
from assessments.journeys.measures.selectors import MeasureRow, WaveCell
from assessments.journeys.models import MomentMeasure
from assessments.outside_in import display

VERDICT_CSS = {
    measure_figures.IMPROVED: "text-bg-success",
    measure_figures.WORSENED: "text-bg-danger",
    measure_figures.WITHIN_MARGIN: "text-bg-light border",
}


def metric_text(measure: MomentMeasure) -> str:
    if measure.metric == MomentMeasure.Metric.RECORDED:
        return measure.description
    return {
        MomentMeasure.Metric.NINE_PLUS: _("9+ share"),
        MomentMeasure.Metric.BASICS: _("7+ share"),
        MomentMeasure.Metric.DISSATISFIED: _("share of 6 or lower"),
    }[MomentMeasure.Metric(measure.metric)]


def hidden_text(figure: WaveFigure, *, minimum: int, recorded: bool) -> str:
    if figure.state == measure_figures.NO_FIGURE:
        return _("nothing recorded") if recorded else _("no customer link at this moment")
    if figure.hidden_reason == "differencing":
        return _("hidden so that it cannot be worked out from the other groups")
    if recorded:
        return _("not enough cases counted yet (%(n)s of %(minimum)s)") % {"n": figure.n, "minimum": minimum}
    return _("not enough customer answers yet (%(n)s of %(minimum)s)") % {"n": figure.n, "minimum": minimum}


def figure_text(figure: WaveFigure) -> str:
    """ "41% (33–50%)": the share with its 95% interval."""
    if figure.share is None or figure.interval is None:
        return "–"
    low, high = figure.interval
    return _("%(share)s (%(low)s–%(high)s)") % {
        "share": display.percent(figure.share),
        "low": display.number(low),
        "high": display.percent(high),
    }


def verdict_text(row: MeasureRow) -> str:
    change = row.change
    margin = display.number(change.margin) if change.margin is not None else ""
    points = display.points(change.change)
    if change.verdict == measure_figures.IMPROVED:
        return _("moved, the right way: %(points)s, beyond the margin of ±%(margin)s") % {
            "points": points,
            "margin": margin,
        }
    if change.verdict == measure_figures.WORSENED:
        return _("moved, the wrong way: %(points)s, beyond the margin of ±%(margin)s") % {
            "points": points,
            "margin": margin,
        }
    if change.verdict == measure_figures.WITHIN_MARGIN:
        return _("did not move: %(points)s is within the margin of ±%(margin)s") % {"points": points, "margin": margin}
    if change.verdict == measure_figures.NOT_ENOUGH:
        if row.measure.metric == MomentMeasure.Metric.RECORDED:
            return _("not enough cases counted yet to say")
        return _("not enough customer answers yet to say")
    if change.verdict == measure_figures.NO_LATER_WAVE:
        return _("measured once: the next wave shows whether it moved")
    return _("no figure yet")


def _cell(cell: WaveCell, measure: MomentMeasure, index: dict[int, str]) -> dict[str, Any]:
    figure = cell.figure
    recorded = measure.metric == MomentMeasure.Metric.RECORDED
    minimum = cell.assessment.customer_check.min_responses
    return {
        "title": cell.assessment.title,
        "baseline": cell.baseline,
        "latest": cell.latest,
        "shown": figure.share is not None,
        "text": figure_text(figure)
        if figure.share is not None
        else hidden_text(figure, minimum=minimum, recorded=recorded),
        "n": figure.n,
        "n_text": ""
        if figure.n is None or figure.share is None
        else ngettext("%(n)s case", "%(n)s cases", figure.n) % {"n": figure.n}
        if recorded
        else ngettext("%(n)s customer", "%(n)s customers", figure.n) % {"n": figure.n},
        "index": index.get(cell.assessment.pk, ""),
    }


def row_context(row: MeasureRow, *, index: dict[int, str] | None = None) -> dict[str, Any]:
    """One measure for a page; `index`: the maturity index per round pk, as text, shown beside each wave."""
    measure = row.measure
    moment = measure.moment
    target = display.percent(measure.target)
    return {
        "measure": measure,
        "action": measure.action,
        "moment": f"{moment.journey.t('name')} · {moment.t('name')}",
        "metric": metric_text(measure),
        "recorded": measure.metric == MomentMeasure.Metric.RECORDED,
        "target": _("at most %(target)s") % {"target": target}
        if measure.lower_is_better
        else _("at least %(target)s") % {"target": target},
        "target_reached": row.change.target_reached,
        "waves": [_cell(c, measure, index or {}) for c in row.waves],
        "before": _cell(row.before, measure, index or {}) if row.before else None,
        "now": _cell(row.now, measure, index or {}) if row.now else None,
        "verdict": row.change.verdict,
        "verdict_text": verdict_text(row),
        "verdict_css": VERDICT_CSS.get(row.change.verdict, "text-bg-light border text-body-secondary"),
        "done": measure.action.status == measure.action.Status.DONE,
    }


def _figure_json(cell: WaveCell) -> dict[str, Any]:
    figure = cell.figure
    return {
        "assessment": str(cell.assessment.public_id),
        "title": cell.assessment.title,
        "state": figure.state,
        "n": figure.n,
        "hidden_reason": figure.hidden_reason,
        "share": figure.share,
        "interval": list(figure.interval) if figure.interval else None,
        "baseline": cell.baseline,
        "latest": cell.latest,
    }


def row_json(row: MeasureRow) -> dict[str, Any]:
    """The API's form: raw figures, hidden ones null with their reason."""
    measure = row.measure
    return {
        "measure": str(measure.public_id),
        "action": str(measure.action.public_id),
        "action_title": measure.action.title,
        "action_status": measure.action.status,
        "moment": str(measure.moment.public_id),
        "metric": measure.metric,
        "description": measure.description,
        "target": measure.target,
        "lower_is_better": measure.lower_is_better,
        "waves": [_figure_json(c) for c in row.waves],
        "change": row.change.change,
        "change_margin": row.change.margin,
        "verdict": row.change.verdict,
        "target_reached": row.change.target_reached,
    }
