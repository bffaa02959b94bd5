"""The action plan's slides in the slide deck (results/deck): the next steps and the trend over rounds.

The same reads as the PDF's pages (`hooks.report_pages`): `next_steps` for the plan, `organisation_trend`
up to the deck's own round for the trend; scores reach the chart rounded by the one rule.
"""

from dataclasses import replace

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.actions.selectors.plan import next_steps
from assessments.actions.selectors.trend import (
    Trend,
    TrendChange,
    next_measurement,
    next_round_started,
    organisation_trend,
)
from assessments.questionnaire.models import Assessment
from assessments.results.deck.margins import change_words
from assessments.results.deck.slides import Chart, Finding, Series, Slide, Table
from assessments.scoring.result import AssessmentResult
from assessments.scoring.rounding import display_round

MAX_ROWS = 8  # actions on the slide; the rest are counted below it


def _plan_slide(*, assessment: Assessment, result: AssessmentResult) -> Slide | None:
    actions = next_steps(organisation=assessment.organisation)
    if not actions and result.index is None:
        return None
    upcoming = next_measurement(assessment=assessment)
    started = next_round_started(assessment=assessment)
    if upcoming:
        when = _("The next round opens on %(date)s.") % {"date": formats.date_format(upcoming, "j F Y")}
    elif started:
        when = _("The next round opened on %(date)s.") % {"date": formats.date_format(started, "j F Y")}
    else:
        when = _(
            "The next round has not been scheduled yet. Re-measuring after 6 to 12 months shows whether the "
            "actions worked."
        )
    heading = Slide(key="plan", eyebrow=_("Action plan"), title=_("Next steps"))
    if not actions:
        notice = Finding(
            label="",
            headline=_("No actions planned yet"),
            detail=_(
                "Choose up to three priorities, give each action an owner and a date, and re-measure to see "
                "whether they worked."
            ),
        )
        return replace(heading, findings=(notice,), note=when)
    shown = actions[:MAX_ROWS]
    rows = tuple(
        (
            a.display_title,
            a.factor_name(),
            a.owner_label() or "–",
            (formats.date_format(a.due_date, _("j M Y")) + (f" ({_('overdue')})" if a.overdue else ""))
            if a.due_date
            else "–",
            str(a.get_status_display()),
        )
        for a in shown
    )
    notes = [when]
    if len(actions) > len(shown):
        more = len(actions) - len(shown)
        notes.insert(
            0,
            ngettext("%(count)s more action in the plan.", "%(count)s more actions in the plan.", more)
            % {"count": more},
        )
    overdue = sum(1 for a in actions if a.overdue)
    if overdue:
        notes.insert(
            0,
            ngettext(
                "%(count)s open action is past its due date.",
                "%(count)s open actions are past their due date.",
                overdue,
            )
            % {"count": overdue},
        )
    return replace(
        heading,
        lead=_("What the organisation has decided to do, who owns it and when it is due."),
        table=Table(header=(_("Action"), _("Factor"), _("Owner"), _("Due"), _("Status")), rows=rows),
        note=" ".join(notes),
    )


def _trend_slide(trend: Trend) -> Slide:
    rounds = trend["rounds"]
    series = [
        Series(_("Maturity index"), tuple(display_round(r.index) if r.index is not None else None for r in rounds))
    ]
    series += [
        Series(row["name"], tuple(display_round(s) if s is not None else None for s in row["scores"]))
        for row in trend["factor_rows"]
    ]
    breaks = [
        _("Method break")
        + ": "
        + _(
            "from %(round)s on, the questions come from version %(version)s of %(model)s (before: version "
            "%(previous)s). Scores before and after are not directly comparable: a change at this point is not "
            "progress."
        )
        % {
            "round": b["round"].assessment.title,
            "model": b["model"],
            "version": b["version"],
            "previous": b["previous_version"],
        }
        for b in trend["method_breaks"]
    ]
    return Slide(
        key="trend",
        eyebrow=_("Rounds over time"),
        title=_("Trend"),
        lead=_("The maturity index (thick line) and each factor per round."),
        chart=Chart(
            kind="line",
            categories=tuple(f"{r.assessment.title} ({r.date_label})" for r in rounds),
            series=tuple(series),
        ),
        note=" ".join(breaks),
    )


def _cell(score: float | None, change: TrendChange | None) -> str:
    """A score and its change as the PDF's trend table prints it: "46 ▲ +8 beyond the margin (±6)"."""
    shown = str(display_round(score)) if score is not None else "–"
    return " ".join(x for x in (shown, change_words(change)) if x)


def _trend_table_slide(trend: Trend) -> Slide:
    """The trend's figures with each change since the round before and its margin, in the PDF's words."""
    rounds = trend["rounds"]
    rows = [(_("Maturity index"), *(_cell(s, c) for s, c in trend["index_cells"]))]
    rows += [(row["name"], *(_cell(s, c) for s, c in row["cells"])) for row in trend["factor_rows"]]
    return Slide(
        key="trend:changes",
        eyebrow=_("Rounds over time"),
        title=_("Trend"),
        lead=_(  # the trend page's and the PDF's sentence; its msgid escapes the % as templates do
            "Under each score: the change since the round before and its margin of error (95%%). Only a change "
            "larger than its margin is coloured (▲ up, ▼ down); a change within the margin may be chance: the "
            "respondents of one round are a sample."
        )
        % {},
        table=Table(
            header=(_("Factor"), *(r.assessment.title for r in rounds)),
            rows=tuple(rows),
            numeric=(False, *(True for _r in rounds)),
            strong_rows=(0,),
        ),
    )


def deck_slides(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Slide]:
    """The plan once there are scores or actions; the trend from the second round with scores on (as the PDF)."""
    with translation.override(language):
        slides: list[Slide] = []
        plan = _plan_slide(assessment=assessment, result=result)
        if plan is not None:
            slides.append(plan)
        trend = organisation_trend(organisation=assessment.organisation, language=language, until=assessment)
        if trend["has_trend"]:
            slides.append(_trend_slide(trend))
            slides.append(_trend_table_slide(trend))
    return slides
