"""The customer check's slides in the slide deck (results/deck): what customers say and the knowledge gap.

The figures are the outside-in page's and the PDF's (`presenters.section_context` over `outside_in_summary`,
where every minimum and the subtraction rule are applied: a hidden figure is None); charts get them rounded
by the one rule, texts in the page's words.
"""

from dataclasses import replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.outside_in import display
from assessments.outside_in.charts import gap_rows
from assessments.outside_in.presenters import section_context
from assessments.outside_in.selectors import customer_check_for, outside_in_summary
from assessments.questionnaire.models import Assessment
from assessments.results.charts import MUTED
from assessments.results.deck.margins import margin_label
from assessments.results.deck.slides import Chart, Fact, Finding, Series, Slide, Table
from assessments.scoring.result import AssessmentResult
from assessments.scoring.rounding import display_round

MAX_GROUPS = 10  # bars and rows that fit one slide


def _customers_slide(context: dict[str, Any]) -> Slide:
    overall, summary, bands = context["overall"], context["summary"], context["bands"]
    heading = Slide(key="customers", eyebrow=_("Outside-in"), title=_("What customers say"))
    if not overall.shown:
        text = ngettext(
            "Customer figures are shown from %(minimum)s response; there are %(n)s so far.",
            "Customer figures are shown from %(minimum)s responses; there are %(n)s so far.",
            summary.minimum,
        ) % {"minimum": summary.minimum, "n": overall.n}
        return replace(heading, findings=(Finding(label="", headline=text),))
    facts = [Fact(display.number(overall.grade_mean, 1), margin_label(_("Average grade"), overall.grade_margin, 1))]
    if overall.nine_plus_share is not None:
        facts.append(Fact(display.percent(overall.nine_plus_share), _("9s and 10s")))
    if overall.nps is not None:
        facts.append(Fact(display.number(overall.nps), "NPS"))
    if overall.ease is not None:
        facts.append(Fact(display.number(overall.ease, 1), _("Ease (1-7)")))
    lead = ""
    if bands:
        lead = (
            _(
                "%(loyal)s of customers give a 9 or 10 (loyal), %(indifferent)s a 7 or 8 (indifferent, “passive”) and "
                "%(dissatisfied)s a 6 or lower (dissatisfied)."
            )
            % bands
        )
    if overall.grade_margin is not None:  # the PDF's sentences, with the margins of error (95%)
        grade = _("Average grade: %(grade)s ± %(margin)s (%(n)s responses).") % {
            "grade": display.number(overall.grade_mean, 1),
            "margin": display.number(overall.grade_margin, 1),
            "n": overall.n,
        }
    else:
        grade = _("Average grade: %(grade)s (%(n)s responses).") % {
            "grade": display.number(overall.grade_mean, 1),
            "n": overall.n,
        }
    sentences = [grade]
    if overall.nine_plus_interval and overall.basics_interval:
        sentences.append(
            _(
                "Margins of error (95%%): the share of 9s and 10s lies between %(low)s%% and %(high)s%%, the share "
                "of 7 or higher between %(basics_low)s%% and %(basics_high)s%%."
            )
            % {
                "low": display.number(overall.nine_plus_interval[0]),
                "high": display.number(overall.nine_plus_interval[1]),
                "basics_low": display.number(overall.basics_interval[0]),
                "basics_high": display.number(overall.basics_interval[1]),
            }
        )
    if overall.nps is not None:
        sentences.append(_("NPS: %(nps)s.") % {"nps": display.number(overall.nps)})
    if overall.ease is not None:
        sentences.append(
            _("Ease: %(ease)s (1 = very difficult, 7 = very easy).") % {"ease": display.number(overall.ease, 1)}
        )
    chart = None
    bars = context["bars"]
    if bars:
        chart = Chart(
            kind="column",
            categories=tuple(str(b["grade"]) for b in bars),
            series=(Series(_("Grade distribution"), tuple(display_round(b["percent"]) for b in bars)),),
            maximum=None,
            major_unit=None,
            number_format='0"%"',
            legend=False,
        )
    bullets: tuple[str, ...] = ()
    if chart is not None:
        bullets = (
            _(
                "Only a 9 or 10 means a loyal customer; a 7 or 8 means the basics work, but the customer is "
                "indifferent."
            ),
        )
    return replace(heading, lead=lead, facts=tuple(facts), chart=chart, bullets=bullets, note=" ".join(sentences))


def _agreement_slide(context: dict[str, Any]) -> Slide | None:
    rows = list(context["factor_rows"])
    if not any(r["row"].agree_share is not None for r in rows):
        return None
    return Slide(
        key="customers:factors",
        eyebrow=_("Outside-in"),
        title=_("Per factor: what customers say"),
        chart=Chart(
            kind="bar",
            categories=tuple(r["name"] for r in rows),
            series=(
                Series(
                    _("Share of customers who agree"),
                    tuple(
                        display_round(r["row"].agree_share) if r["row"].agree_share is not None else None for r in rows
                    ),
                ),
            ),
            number_format='0"%"',
            legend=False,
        ),
        note=_(
            "The share of customers who agree (4 or 5 out of 5) with the factor's customer statement. It is on its "
            "own scale: it is not comparable with the internal maturity score (0–100, how far practices are in "
            "place), so the two are never subtracted."
        ),
    )


def _knowledge_gap_slide(context: dict[str, Any], language: str) -> Slide:
    actual = context["actual"]
    every = gap_rows(estimates=context["summary"].estimates, language=language)
    rows = every[:MAX_GROUPS]  # management and staff first, then the organisation and its teams
    hidden = [
        f"{e['name']}: {e['hidden_text']}"
        for e in context["estimates"]
        if not e["group"].shown and e["group"].hidden_reason != "none"
    ]
    facts: tuple[Fact, ...] = ()
    lead = _(
        "This sets our estimate of the grade customers give us beside the grade they give: a proxy, because "
        "SERVQUAL's gap 1 is about what customers expect."
    )
    series = [
        Series(_("Estimated grade"), tuple(display_round(g.grade, 1) if g.grade is not None else None for g in rows))
    ]
    if actual is not None:
        facts = (
            Fact(display.number(actual.grade_mean, 1), _("Customers' grade")),
            Fact(context["actual_share"], _("Customers' 9s and 10s")),
        )
        series.append(
            Series(_("Customers' grade"), tuple(display_round(actual.grade_mean, 1) for _g in rows), colour=MUTED)
        )
    else:
        lead = _("The customers' actual grade is not known yet, so only the internal estimate is shown.")
    by_key = {e["group"].key: e for e in context["estimates"]}
    table = Table(
        header=(_("Group"), _("Estimated share of 9s and 10s"), _("Gap")),
        rows=tuple((by_key[g.key]["name"], by_key[g.key]["share"], by_key[g.key]["share_gap"] or "–") for g in rows),
        numeric=(False, True, True),
    )
    chart = None
    if rows:
        chart = Chart(
            kind="bar",
            categories=tuple(by_key[g.key]["name"] for g in rows),
            series=tuple(series),
            maximum=10,
            major_unit=2,
            number_format="0.0",
        )
    if len(every) > len(rows):
        more = len(every) - len(rows)
        hidden.append(
            ngettext(
                "%(count)s more group on the Outside-in tab.", "%(count)s more groups on the Outside-in tab.", more
            )
            % {"count": more}
        )
    note = " · ".join(hidden) if hidden else ""
    if not rows and not hidden:
        return Slide(
            key="knowledge_gap",
            eyebrow=_("Knowledge gap"),
            title=_("The knowledge gap: what we think customers give us"),
            lead=lead,
            findings=(Finding(label="", headline=_("Nobody estimated the customers' grade yet.")),),
        )
    return Slide(
        key="knowledge_gap",
        eyebrow=_("Knowledge gap"),
        title=_("The knowledge gap: what we think customers give us"),
        lead=lead,
        facts=facts,
        chart=chart,
        table=table if rows else None,
        note=note,
    )


def deck_slides(*, assessment: Assessment, result: AssessmentResult, language: str) -> list[Slide]:
    """The customer check's slides ([] without a customer check)."""
    check = customer_check_for(assessment=assessment)
    if check is None:
        return []
    summary = outside_in_summary(assessment=assessment, check=check)
    with translation.override(language):
        context = section_context(summary=summary, language=language)
        slides = [_knowledge_gap_slide(context, language), _customers_slide(context), _agreement_slide(context)]
    return [s for s in slides if s is not None]
