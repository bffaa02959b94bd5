"""The deck's slides, in the report's order, from the figures the PDF shows.

Everything here reads `report_document.report_facts` (the PDF's own context, without its drawn charts) and the
key message selector; it rounds by the one rule where a figure is shown and computes nothing new. Hidden
groups are already None in the scoring result, and the slides use the report's wording for why.
"""

from collections.abc import Sequence
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from assessments.results import contributions
from assessments.results.charts import MUTED
from assessments.results.deck.factors import factor_slide, hidden_factors_slide, number, priorities_slide
from assessments.results.deck.key_message import key_message_parts
from assessments.results.deck.margins import change_legend, change_words, margin_label, plus_minus
from assessments.results.deck.slides import Chart, Fact, Finding, Series, Slide, Table
from assessments.results.selectors.key_message import KeyMessage
from assessments.scoring.rounding import display_round

# Contributed slides by key: where each goes (the knowledge gap beside the other gaps, the rest at the end).
AFTER_GAPS = ("knowledge_gap",)
ENDING = ("plan", "trend", "customers")


def _date(value: Any, fmt: str) -> str:
    return str(formats.date_format(value, fmt))


def title_slide(facts: dict[str, Any]) -> Slide:
    assessment = facts["assessment"]
    start, end = facts["period_start"], facts["period_end"]
    period = " – ".join(_date(d, _("j M Y")) for d in (start, end) if d) or "–"
    tiles = [Fact(str(facts["respondents"]), _("Respondents"))]
    if facts["response_rate"] is not None:
        tiles.append(Fact(f"{number(facts['response_rate'])}%", _("Response rate")))
    if facts["index"] is not None:
        tiles.append(
            Fact(number(facts["index"]), margin_label(_("maturity index"), facts["result"].organisation.index_margin))
        )
    level = facts["level"]
    tiles.append(Fact(level.name(facts["language"]) if level else "–", _("Overall level")))
    created = _("Report created on %(date)s. Confidential: for internal use.") % {
        "date": _date(facts["generated_on"], "j F Y")
    }
    return Slide(
        key="title",
        eyebrow=_("Customer experience maturity report"),
        title=assessment.title,
        facts=tuple(tiles),
        extra={
            "organisation": facts["organisation"].name,
            "period": f"{_('Period')}: {period}",
            "model": facts["model_name"],
        },
        note=created,
    )


def key_message_slide(km: KeyMessage) -> Slide | None:
    if km.empty:
        return None
    findings, decisions_label, decisions = key_message_parts(km)
    return Slide(
        key="key_message",
        eyebrow=_("Key message"),
        title=_("What the board needs to know"),
        findings=findings,
        heading=decisions_label,
        bullets=decisions,
    )


def _scores(values: Sequence[float | None]) -> tuple[int | None, ...]:
    """Scores as the charts show them: whole points by the one rule; hidden stays None."""
    return tuple(display_round(v) if v is not None else None for v in values)


def overview_slide(facts: dict[str, Any]) -> Slide | None:
    if not facts["has_scores"]:
        return None
    result, assessment, language = facts["result"], facts["assessment"], facts["language"]
    pages = facts["factor_pages"]
    series = [Series(_("Current"), _scores([p.score for p in pages]))]
    if result.ambition_used:
        series.append(Series(_("Ambition"), _scores([p.ambition_score for p in pages]), dashed=True))
    if any(c.previous_score is not None for c in result.changes):
        previous = _scores([c.previous_score for c in result.changes])
        series.append(Series(_("Previous round"), previous, colour=MUTED, dashed=True))
    if result.ambition_used:
        lead = _(
            "Scores from 0 to 100 per factor: where the organisation is now and where respondents think it "
            "should be %(horizon)s."
        ) % {"horizon": assessment.ambition_horizon_words}
    else:
        lead = _("Scores from 0 to 100 per factor.")
    tiles: list[Fact] = []
    if facts["index"] is not None:
        index_label = margin_label(_("maturity index"), result.organisation.index_margin)
        tiles.append(Fact(f"{number(facts['index'])}/100", index_label))
        tiles.append(Fact(facts["level"].name(language), _("Overall level")))
    strengths = tuple(f"{p.name} · {number(p.score)}" for p in facts["strengths"])
    return Slide(
        key="overview",
        eyebrow=_("Overview"),
        title=_("Current practice and ambition") if result.ambition_used else _("Current practice per factor"),
        lead=lead,
        facts=tuple(tiles),
        chart=Chart(kind="radar", categories=tuple(p.name for p in pages), series=tuple(series)),
        heading=_("Strengths") if facts["has_scores"] else "",
        bullets=strengths or (facts["no_strengths"],),
        note=facts["strengths_rule"],
    )


def scores_slide(facts: dict[str, Any]) -> Slide | None:
    """The PDF's table under the radar: each factor's score ± its margin, level, consensus and the change since
    the previous round in the PDF's compact marks, with the PDF's legend below. Hidden factors show no margin."""
    if not facts["has_scores"]:
        return None
    result = facts["result"]
    previous = bool(facts["previous"])
    header = [_("Factor"), f"{_('Score')} ± {_('margin')}", _("Level")]
    if result.ambition_used:
        header.append(_("Ambition"))
    header.append(_("Consensus"))
    if previous:
        header.append(_("Change"))
    rows = []
    for page in facts["factor_pages"]:
        if page.score is not None:
            row = [page.name, " ".join(x for x in (number(page.score), plus_minus(page.margin)) if x)]
            row.append(page.level.name(facts["language"]) if page.level else "–")
        else:
            row = [page.name, "–", _("hidden")]
        if result.ambition_used:
            row.append(number(page.ambition_score))
        row.append(f"{number(page.consensus)}%" if page.consensus is not None else "–")
        if previous:
            row.append(change_words(page.change_mark, compact=True) or "–")
        rows.append(tuple(row))
    return Slide(
        key="scores",
        eyebrow=_("Overview"),
        title=_("Scores per factor (0-100)"),
        table=Table(
            header=tuple(header),
            rows=tuple(rows),
            numeric=(False, True, False, *(True for _c in header[3:])),
        ),
        note=change_legend() if previous else "",
    )


def perception_slide(facts: dict[str, Any]) -> Slide | None:
    rows = facts["perception_rows"]
    thresholds = facts["thresholds"]
    if not rows:
        if not facts["has_management_roles"] or not facts["has_scores"]:
            return None
        reason = facts["perception_hidden_reason"] or ngettext(
            "Management and staff are compared only when each group has at least %(threshold)s respondent, so "
            "that nobody's answers can be recognised.",
            "Management and staff are compared only when each group has at least %(threshold)s respondents, so "
            "that nobody's answers can be recognised.",
            thresholds.scores,
        ) % {"threshold": thresholds.scores}
        return Slide(
            key="perception",
            eyebrow=_("Perception gap"),
            title=_("Management and staff compared"),
            findings=(Finding(label="", headline=_("Not enough responses to compare"), detail=reason),),
        )
    hidden = [
        f"{row['name']}: {row['management_hidden'] or row['staff_hidden']}"
        for row in rows
        if row["management_hidden"] or row["staff_hidden"]
    ]
    note = _(
        "Difference = management score minus staff score, in points on the 0-100 scale. Differences of 10 "
        "points or more are highlighted."
    )
    return Slide(
        key="perception",
        eyebrow=_("Perception gap"),
        title=_("Perception gap: management and staff"),
        lead=_(
            "Managers often see the organisation more positively than the people who work with customers every "
            "day. Large differences are worth discussing together."
        ),
        chart=Chart(
            kind="bar",
            categories=tuple(r["name"] for r in rows),
            series=(
                Series(_("Management"), _scores([None if r["management_hidden"] else r["management"] for r in rows])),
                Series(_("Staff"), _scores([None if r["staff_hidden"] else r["staff"] for r in rows])),
            ),
        ),
        table=Table(
            header=(_("Factor"), facts["perception_unit_header"]),
            rows=tuple((r["name"], r["gap"] or "–") for r in rows),
            numeric=(False, True),
            strong_rows=tuple(i for i, r in enumerate(rows) if r["large"]),
        ),
        note=" ".join([note, *hidden]),
    )


def layers_slide(facts: dict[str, Any]) -> Slide | None:
    lenses = facts["lenses"]
    if not lenses or not facts["has_scores"]:
        return None
    rows = lenses["factors"]
    return Slide(
        key="layers",
        eyebrow=_("Basics and 9+ moments"),
        title=_("Basics %(basis)s · 9+ moments %(nine_plus)s")
        % {"basis": number(lenses["basis"]), "nine_plus": number(lenses["nine_plus"])},
        lead=_(
            "Basics: reliable service everywhere, what customers rate with a 7 or 8. 9+ moments: exceptional, "
            "personal moments that earn a 9 or higher. A 9+ organisation needs both."
        ),
        chart=Chart(
            kind="bar",
            categories=tuple(r["name"] for r in rows),
            series=(
                Series(
                    _("Basics"),
                    _scores([r["basis"] for r in rows]),
                    margins=_scores([r["basis_margin"] for r in rows]),
                ),
                Series(
                    _("9+ moments"),
                    _scores([r["nine_plus"] for r in rows]),
                    margins=_scores([r["nine_plus_margin"] for r in rows]),
                ),
            ),
        ),
        note=" · ".join(
            " ".join(x for x in (name, number(lenses[key]), plus_minus(lenses[f"{key}_margin"])) if x)
            for name, key in ((_("Basics"), "basis"), (_("9+ moments"), "nine_plus"))
        ),
    )


def chain_slide(facts: dict[str, Any]) -> Slide | None:
    lenses = facts["lenses"]
    if not lenses or not facts["has_scores"]:
        return None
    rows = lenses["servqual"]
    series = [
        Series(
            _("Organisation"),
            _scores([r["organisation"] for r in rows]),
            margins=_scores([r["organisation_margin"] for r in rows]),
        )
    ]
    if lenses["has_management"]:
        for name, key in ((_("Management"), "management"), (_("Staff"), "staff")):
            values = _scores([r[key] for r in rows])
            if any(v is not None for v in values):  # a hidden group gets no (empty) line in the legend
                series.append(Series(name, values))
    weakest = f" ({_('weakest link')})"
    return Slide(
        key="chain",
        eyebrow=_("Service quality"),
        title=_("Where the chain breaks"),
        lead=_(
            "Good service is a chain: know what customers expect, turn that into standards, deliver them, and "
            "promise only what you deliver. The weakest link limits the rest."
        ),
        chart=Chart(kind="bar", categories=tuple(f"{r['step']}. {r['name']}" for r in rows), series=tuple(series)),
        heading=pgettext("a link in the service-quality chain", "Link"),
        bullets=tuple(f"{r['step']}. {r['name']}{weakest if r['weakest'] else ''}: {r['question']}" for r in rows),
        note=_(
            "Scores from 0 to 100 on the statements that guard each link. Groups too small to stay anonymous are "
            "hidden."
        ),
    )


def method_slide(facts: dict[str, Any]) -> Slide:
    t = facts["thresholds"]
    rules = (
        ngettext(
            "Scores of a group are shown only when it has at least %(threshold)s respondent.",
            "Scores of a group are shown only when it has at least %(threshold)s respondents.",
            t.scores,
        )
        % {"threshold": t.scores},
        ngettext(
            "The spread of answers is shown only for groups of at least %(threshold)s respondent.",
            "The spread of answers is shown only for groups of at least %(threshold)s respondents.",
            t.spread,
        )
        % {"threshold": t.spread},
        _("A group is also hidden when its scores could be worked out by subtracting the other groups from the total."),
    )
    lines = [*rules]
    if facts["hidden_teams"]:
        lines.append(
            " ".join([*facts["hidden_teams_summary"], _("Their answers do count in the organisation's scores.")])
        )
    return Slide(
        key="method",
        eyebrow=_("Appendix"),
        title=_("Method and privacy"),
        lead=_(
            "Responses are anonymous: nobody, including the CX manager, can see what an individual answered. To "
            "keep it that way the report follows these rules:"
        ),
        bullets=tuple(lines),
        note=facts["attribution"],
    )


def build_slides(*, facts: dict[str, Any], km: KeyMessage) -> list[Slide]:
    """Every slide in order; contributed slides (plan, trend, customers) placed by their keys."""
    assessment, result, language = facts["assessment"], facts["result"], facts["language"]
    contributed = contributions.deck_slides(assessment=assessment, result=result, language=language)
    by_key: dict[str, list[Slide]] = {}
    for slide in contributed:
        by_key.setdefault(slide.key.split(":")[0], []).append(slide)
    total = len(facts["factor_pages"])
    slides: list[Slide | None] = [
        title_slide(facts),
        key_message_slide(km),
        overview_slide(facts),
        scores_slide(facts),
        layers_slide(facts),
        chain_slide(facts),
        perception_slide(facts),
        *(s for key in AFTER_GAPS for s in by_key.pop(key, [])),
        *(factor_slide(page, total=total, facts=facts) for page in facts["scored_pages"]),
        hidden_factors_slide(facts),
        priorities_slide(facts),
        *(s for key in ENDING for s in by_key.pop(key, [])),
        *(s for rest in by_key.values() for s in rest),
        method_slide(facts),
    ]
    return [s for s in slides if s is not None]
