"""The moments that matter of one round as CSV or Excel: per moment its customers' figures (under the moment
view's anonymity rules: a hidden moment has only its count and the reason), and the customer success
measures per wave up to that round. Written by `core.sheets` like every export."""

from collections.abc import Iterator
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.core import sheets
from assessments.journeys.measures.presenters import hidden_text, metric_text, verdict_text
from assessments.journeys.measures.selectors import measure_rows
from assessments.journeys.presenters import customers_hidden_text
from assessments.journeys.presenters import verdict_text as moment_verdict_text
from assessments.journeys.selectors import journey_view, journeys_of
from assessments.outside_in.figures import share_intervals
from assessments.questionnaire.models import Assessment

KINDS = ("moments", "measures")
FORMATS = ("csv", "xlsx")


def _moments_header() -> list[str]:
    return [
        _("Journey"),
        _("Position"),
        _("Moment"),
        _("Target"),
        _("Owning team"),
        _("Customer links"),
        _("Customers"),
        _("Shown"),
        _("Why not shown"),
        _("Grade mean"),
        _("6 or lower (%)"),
        _("7 or 8 (%)"),
        _("9 or 10 (%)"),
        _("7 or higher (%)"),
        _("7 or higher: low (%)"),
        _("7 or higher: high (%)"),
        _("9+ share: low (%)"),
        _("9+ share: high (%)"),
        _("Against target"),
    ]


def _moment_rows(assessment: Assessment, language: str) -> Iterator[list[Any]]:
    for journey in journeys_of(organisation=assessment.organisation):
        view = journey_view(journey=journey, assessment=assessment)
        for row in view.rows:
            moment, customers = row.moment, row.customers
            base: list[Any] = [
                journey.t("name", language),
                moment.position + 1,
                moment.t("name", language),
                str(moment.get_target_display()),
                moment.team.name if moment.team else "",
            ]
            if customers is None:
                yield [*base, 0, None, "", _("no customer link tied in this round"), *[None] * 9, ""]
                continue
            fig, bands = customers.figures, customers.bands
            if not fig.shown or bands is None:
                why = customers_hidden_text(fig.hidden_reason, n=fig.n, minimum=view.minimum)
                yield [*base, customers.links, fig.n, _("no"), why, *[None] * 9, moment_verdict_text(customers.verdict)]
                continue
            intervals = share_intervals(fig.distribution)
            basics = intervals.basics or (None, None)
            nine = intervals.nine_plus or (None, None)
            yield [
                *base,
                customers.links,
                fig.n,
                _("yes"),
                "",
                fig.grade_mean,
                bands.dissatisfied,
                bands.indifferent,
                bands.loyal,
                bands.basics,
                basics[0],
                basics[1],
                nine[0],
                nine[1],
                moment_verdict_text(customers.verdict),
            ]


def _measures_header() -> list[str]:
    return [
        _("Action"),
        _("Status"),
        _("Moment"),
        _("Figure"),
        _("Target (%)"),
        _("Round"),
        _("Baseline"),
        _("Latest"),
        _("Customers or cases"),
        _("Share (%)"),
        _("Low (%)"),
        _("High (%)"),
        _("Why not shown"),
        _("Change (points)"),
        _("Margin of the change (points)"),
        _("Verdict"),
    ]


def _measure_rows(assessment: Assessment, language: str) -> Iterator[list[Any]]:
    for row in measure_rows(organisation=assessment.organisation, until=assessment):
        measure = row.measure
        moment = measure.moment
        recorded = measure.metric == measure.Metric.RECORDED
        head = [
            measure.action.text("title", language),
            str(measure.action.get_status_display()),
            f"{moment.journey.t('name', language)} · {moment.t('name', language)}",
            metric_text(measure),
            measure.target,
        ]
        tail = [row.change.change, row.change.margin, verdict_text(row)]
        for cell in row.waves:
            fig = cell.figure
            interval = fig.interval or (None, None)
            minimum = cell.assessment.customer_check.min_responses
            yield [
                *head,
                cell.assessment.title,
                _("yes") if cell.baseline else "",
                _("yes") if cell.latest else "",
                fig.n,
                fig.share,
                interval[0],
                interval[1],
                "" if fig.share is not None else hidden_text(fig, minimum=minimum, recorded=recorded),
                *tail,
            ]
        if not row.waves:
            yield [*head, "", "", "", None, None, None, None, "", *tail]


def export(*, assessment: Assessment, kind: str, fmt: str, language: str) -> sheets.Export:
    """(filename, content type, content); Excel holds both sheets, CSV the one `kind` names."""
    stem = slugify(assessment.title) or "round"
    content: sheets.Content
    if fmt == "xlsx":
        content = sheets.xlsx(
            [
                (_("Moments"), _moments_header(), _moment_rows(assessment, language)),
                (_("Customer measures"), _measures_header(), _measure_rows(assessment, language)),
            ]
        )
        return f"{stem}-moments.xlsx", sheets.XLSX_TYPE, content
    if kind == "moments":
        content = sheets.csv_bytes(_moments_header(), _moment_rows(assessment, language), language=language)
    else:
        content = sheets.csv_bytes(_measures_header(), _measure_rows(assessment, language), language=language)
    return f"{stem}-{kind}.csv", sheets.CSV_TYPE, content
