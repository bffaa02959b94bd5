"""What the moments-that-matter page, its PDF section and the API show of a JourneyView. Hidden figures are
already None in the view (outside_in.figures.CustomerFigures, scoring's LensScore), so nothing here can
reveal them; the reasons use the same words as the Outside-in tab and the dashboard."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.journeys import figures as moment_figures
from assessments.journeys.selectors import JourneyView, MomentRow, TeamLayers, journey_view, journeys_with_links
from assessments.outside_in import display
from assessments.questionnaire.models import Assessment
from assessments.results.wording import reason_text
from assessments.scoring.result import AssessmentResult, LensScore


def verdict_text(verdict: str) -> str:
    return {
        moment_figures.ON_TARGET: _("on target"),
        moment_figures.BELOW_TARGET: _("below target"),
        moment_figures.BASICS_MISSED: _("basics missed"),
        moment_figures.NOT_SHOWN: _("not shown yet"),
    }[verdict]


def customers_hidden_text(reason: str | None, *, n: int, minimum: int) -> str:
    """The Outside-in tab's words for hidden customer figures."""
    if reason == moment_figures.DIFFERENCING:
        return _("hidden so that it cannot be worked out from the other groups")
    return ngettext(
        "Customer figures are shown from %(minimum)s response; there are %(n)s so far.",
        "Customer figures are shown from %(minimum)s responses; there are %(n)s so far.",
        minimum,
    ) % {"minimum": minimum, "n": n}


def _lens(score: LensScore | None, team: TeamLayers) -> dict[str, Any]:
    if score is None:
        return {"score": None, "text": "–", "hidden": ""}
    if score.suppressed or score.score is None:
        if score.suppressed_reason is None:  # an overall layer, hidden because one factor's layer is
            hidden = _("hidden: a factor's layer is hidden")
        else:
            hidden = reason_text(score.suppressed_reason, threshold=team.threshold, respondents=team.respondents)
        return {"score": None, "text": "–", "hidden": hidden}
    return {"score": score.score, "text": display.number(score.score), "hidden": ""}


def _team(team: TeamLayers | None) -> dict[str, Any] | None:
    if team is None:
        return None
    note = ""
    if team.respondents is None:
        note = _("nobody of this team answered in this round")
    elif not team.measured:
        note = _("this model version has no basics and 9+ layers")
    return {
        "name": team.team_name,
        "respondents": team.respondents,
        "note": note,
        "basis": _lens(team.basis, team),
        "nine_plus": _lens(team.nine_plus, team),
    }


def _row(row: MomentRow, view: JourneyView, language: str) -> dict[str, Any]:
    moment = row.moment
    item: dict[str, Any] = {
        "moment": moment,
        "name": moment.t("name", language),
        "target": moment.target,
        "target_text": _("9+ moment") if moment.target == "nine_plus" else _("reliable basic (7+)"),
        "team": _team(row.team),
        "customers": None,
    }
    customers = row.customers
    if customers is None:
        return item
    fig = customers.figures
    bands = customers.bands
    item["customers"] = {
        "n": fig.n,
        "shown": fig.shown,
        "hidden": "" if fig.shown else customers_hidden_text(fig.hidden_reason, n=fig.n, minimum=view.minimum),
        "verdict": customers.verdict,
        "verdict_text": verdict_text(customers.verdict),
        "grade_mean": display.number(fig.grade_mean, 1) if fig.shown else "–",
        "bands": None
        if bands is None
        else {
            "dissatisfied": display.percent(bands.dissatisfied),
            "indifferent": display.percent(bands.indifferent),
            "loyal": display.percent(bands.loyal),
            "basics": display.percent(bands.basics),
            "widths": [bands.dissatisfied, bands.indifferent, bands.loyal],
        },
        "open_answers": customers.open_answers,
        "answers_note": ""
        if customers.open_answers or not fig.shown or fig.n >= view.comment_threshold
        else ngettext(
            "Open answers are shown from %(threshold)s response.",
            "Open answers are shown from %(threshold)s responses.",
            view.comment_threshold,
        )
        % {"threshold": view.comment_threshold},
        "links": customers.links,
    }
    basics = row.team.basis.score if row.team is not None and row.team.basis is not None else None
    item["blind_spot"] = moment_figures.blind_spot(verdict=customers.verdict, team_basics=basics)
    return item


def view_context(*, view: JourneyView, language: str) -> dict[str, Any]:
    return {
        "view": view,
        "title": view.journey.t("name", language),
        "rows": [_row(row, view, language) for row in view.rows],
        "basics_bar": display.percent(moment_figures.BASICS_BAR),
        "nine_plus_bar": display.percent(moment_figures.NINE_PLUS_BAR),
        "team_high": display.number(moment_figures.TEAM_RATES_HIGH),
    }


def _lens_json(score: LensScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"shown": not score.suppressed, "score": score.score, "hidden_reason": score.suppressed_reason}


def view_json(view: JourneyView) -> dict[str, Any]:
    """The API's form: raw figures (not rounded), hidden ones null with their reason."""
    rows = []
    for row in view.rows:
        customers = row.customers
        team = row.team
        rows.append(
            {
                "moment": str(row.moment.public_id),
                "name_en": row.moment.name_en,
                "name_nl": row.moment.name_nl,
                "position": row.moment.position,
                "target": row.moment.target,
                "customers": None
                if customers is None
                else {
                    "n": customers.figures.n,
                    "shown": customers.shown,
                    "hidden_reason": customers.figures.hidden_reason,
                    "grade_mean": customers.figures.grade_mean,
                    "bands": None
                    if customers.bands is None
                    else {
                        "dissatisfied": customers.bands.dissatisfied,
                        "indifferent": customers.bands.indifferent,
                        "loyal": customers.bands.loyal,
                    },
                    "basics_share": customers.bands.basics if customers.bands else None,
                    "nine_plus_share": customers.figures.nine_plus_share,
                    "verdict": customers.verdict,
                    "open_answers": list(customers.open_answers),
                    "team_rates_basics_high_while_basics_missed": moment_figures.blind_spot(
                        verdict=customers.verdict,
                        team_basics=team.basis.score if team is not None and team.basis is not None else None,
                    ),
                },
                "team": None
                if team is None
                else {
                    "name": team.team_name,
                    "respondents": team.respondents,
                    "basics": _lens_json(team.basis),
                    "nine_plus": _lens_json(team.nine_plus),
                },
            }
        )
    return {
        "journey": str(view.journey.public_id),
        "name_en": view.journey.name_en,
        "name_nl": view.journey.name_nl,
        "minimum_responses": view.minimum,
        "comment_threshold": view.comment_threshold,
        "basics_bar": moment_figures.BASICS_BAR,
        "nine_plus_bar": moment_figures.NINE_PLUS_BAR,
        "moments": rows,
    }


def pdf_section(*, assessment: Assessment, result: AssessmentResult, language: str) -> str | None:
    """The report's "Moments that matter" page: every journey with a moment tied to this round's customers."""
    journeys = journeys_with_links(assessment=assessment)
    if not journeys:
        return None
    with translation.override(language):
        views = [view_context(view=journey_view(journey=j, assessment=assessment), language=language) for j in journeys]
        return render_to_string("journeys/pdf_section.html", {"journeys": views, "language": language})
