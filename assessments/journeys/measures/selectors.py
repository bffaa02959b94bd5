"""Reads of customer success measures: an organisation's measures, each with its figure per wave (a round
with a customer check, oldest first), the baseline ("before") and the latest wave ("now"), and the verdict.

The moments' figures come from `journeys.selectors.check_moments`, the same function (and so the same
anonymity rules) as the moments-that-matter view; a fixed number of queries per wave, whatever the number
of measures."""

from dataclasses import dataclass
from uuid import UUID

from assessments.actions.models import PlanAction
from assessments.journeys.measures import figures as measure_figures
from assessments.journeys.measures.figures import MeasureChange, WaveFigure
from assessments.journeys.models import MeasureRecord, Moment, MomentMeasure
from assessments.journeys.selectors import CheckMoments, check_moments
from assessments.organisations.models import Organisation
from assessments.outside_in.models import CustomerCheck
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import oldest_rounds_first, round_date


@dataclass(frozen=True)
class WaveCell:
    assessment: Assessment
    figure: WaveFigure
    baseline: bool  # this wave is the measure's "before"
    latest: bool  # this wave is the measure's "now"


@dataclass(frozen=True)
class MeasureRow:
    measure: MomentMeasure  # with its action, moment and journey loaded
    waves: tuple[WaveCell, ...]  # from the baseline wave on (all waves without one yet), oldest first
    before: WaveCell | None
    now: WaveCell | None
    change: MeasureChange

    @property
    def action(self) -> PlanAction:
        return self.measure.action


def waves_of(*, organisation: Organisation, until: Assessment | None = None) -> list[Assessment]:
    """The organisation's rounds with a customer check, oldest first; `until`: none dated after it."""
    rounds = oldest_rounds_first(
        Assessment.objects.filter(organisation=organisation, customer_check__isnull=False).select_related(
            "customer_check"
        )
    )
    found = list(rounds)
    if until is not None:
        found = [a for a in found if a.pk == until.pk or round_date(a) <= round_date(until)]
    return found


def measure_of(*, action: PlanAction) -> MomentMeasure | None:
    return MomentMeasure.objects.filter(action=action).select_related("moment__journey", "baseline").first()


def moments_for_measures(*, organisation: Organisation) -> list[Moment]:
    return list(
        Moment.objects.filter(journey__organisation=organisation)
        .select_related("journey")
        .order_by("journey__name_en", "position", "pk")
    )


def moment_of_organisation(*, organisation: Organisation, public_id: UUID | str) -> Moment | None:
    return Moment.objects.filter(journey__organisation=organisation, public_id=public_id).first()


def records_of(*, measure: MomentMeasure) -> list[MeasureRecord]:
    return list(MeasureRecord.objects.filter(measure=measure).select_related("assessment"))


def _figure(
    measure: MomentMeasure,
    wave: Assessment,
    moments: CheckMoments | None,
    records: dict[tuple[int, int], MeasureRecord],
) -> WaveFigure:
    check: CustomerCheck = wave.customer_check
    if measure.metric == MomentMeasure.Metric.RECORDED:
        record = records.get((measure.pk, wave.pk))
        if record is None:
            return measure_figures.NONE
        return measure_figures.recorded_figure(hits=record.hits, count=record.count, minimum=check.min_responses)
    found = moments.figures.get(measure.moment_id) if moments is not None else None
    if found is None:
        return measure_figures.NONE
    return measure_figures.moment_figure(
        metric=measure.metric,
        n=found.n,
        shown=found.shown,
        reason=found.hidden_reason,
        distribution=found.distribution,
    )


def _row(measure: MomentMeasure, cells: list[tuple[Assessment, WaveFigure]]) -> MeasureRow:
    with_figure = [i for i, (_wave, fig) in enumerate(cells) if fig.state != measure_figures.NO_FIGURE]
    start = next((i for i, (wave, _fig) in enumerate(cells) if wave.pk == measure.baseline_id), None)
    if start is None:
        start = with_figure[0] if with_figure else None
    if start is None:
        waves = tuple(WaveCell(assessment=w, figure=f, baseline=False, latest=False) for w, f in cells)
        return MeasureRow(
            measure=measure,
            waves=waves,
            before=None,
            now=None,
            change=measure_figures.judge(
                before=measure_figures.NONE, now=None, target=measure.target, lower_is_better=measure.lower_is_better
            ),
        )
    later = [i for i in with_figure if i > start]
    end = later[-1] if later else None
    waves = tuple(
        WaveCell(assessment=w, figure=f, baseline=i == start, latest=i == end)
        for i, (w, f) in enumerate(cells)
        if i >= start
    )
    before = waves[0]
    now = next((c for c in waves if c.latest), None)
    change = measure_figures.judge(
        before=before.figure,
        now=now.figure if now is not None else None,
        target=measure.target,
        lower_is_better=measure.lower_is_better,
    )
    return MeasureRow(measure=measure, waves=waves, before=before, now=now, change=change)


def measure_rows(
    *, organisation: Organisation, until: Assessment | None = None, action_ids: list[int] | None = None
) -> list[MeasureRow]:
    """The organisation's customer success measures (of `action_ids` only, when given), in plan order.

    Queries: the measures, then (only when there are any) the waves, the recorded figures and three per wave
    whose moments are measured."""
    measures = MomentMeasure.objects.filter(action__organisation=organisation).select_related(
        "action__organisation", "action__owner__user", "moment__journey", "baseline"
    )
    if action_ids is not None:
        measures = measures.filter(action_id__in=action_ids)
    found = list(measures.order_by("action__due_date", "action__created_at", "pk"))
    if not found:
        return []
    waves = waves_of(organisation=organisation, until=until)
    records = {
        (r.measure_id, r.assessment_id): r for r in MeasureRecord.objects.filter(measure__in=[m.pk for m in found])
    }
    graded = any(m.metric != MomentMeasure.Metric.RECORDED for m in found)
    by_wave: dict[int, CheckMoments] = {}
    if graded:
        for wave in waves:
            by_wave[wave.pk] = check_moments(check=wave.customer_check)
    rows = []
    for measure in found:
        cells = [(wave, _figure(measure, wave, by_wave.get(wave.pk), records)) for wave in waves]
        rows.append(_row(measure, cells))
    return rows
